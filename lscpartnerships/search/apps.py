from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search over live public pages and public documents."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.search"
    label = "site_search"
    verbose_name = "Site search"
