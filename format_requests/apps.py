from django.apps import AppConfig


class FormatRequestsConfig(AppConfig):
    """Requests for a document in an accessible format (large print, easy read,
    audio, Braille...), with a reply-by date and a queue for the comms team."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "format_requests"
    verbose_name = "Accessible-format requests"
