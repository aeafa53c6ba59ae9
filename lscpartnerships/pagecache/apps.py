from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole-response cache for anonymous readers and the purges that keep it
    fresh (docs/decisions/0060, 0061)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation, lean, shell

        invalidation.connect()
        lean.install_public_subquery()
        shell.install_site_root_paths_memo()
        shell.install_serve_path_memo()
