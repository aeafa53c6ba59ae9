from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every section of the site shares: base page, blocks, settings, home page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.core"
    label = "core"
    verbose_name = "Site core"
