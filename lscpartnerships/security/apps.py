from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Hardening that belongs to no content domain: refusing malformed requests,
    the partner API's error handling and throttling, security headers and
    security.txt, and two-factor sign-in to the admin."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
