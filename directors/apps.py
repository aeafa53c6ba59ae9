from django.apps import AppConfig


class DirectorsConfig(AppConfig):
    """Directors of health and care integration: the index and a profile each."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "directors"
    verbose_name = "Directors"
