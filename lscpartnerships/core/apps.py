from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every section of the site shares: base page, blocks, settings, home page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from lscpartnerships.core.image_filters import install_kept_image_filters
        from lscpartnerships.core.sites import sync_default_site_after_migrate
        from lscpartnerships.core.static_urls import install_static_url_memo

        post_migrate.connect(sync_default_site_after_migrate, sender=self)
        install_kept_image_filters()
        install_static_url_memo()
