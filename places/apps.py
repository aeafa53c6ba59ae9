from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """Place-based partnerships: the places index, a page per place and the
    former partnerships they replaced."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "places"
    verbose_name = "Place-based partnerships"
