from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts: stakeholders subscribe (no account, double opt-in) to new
    briefings and board decisions, for every place or chosen places."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from wagtail.signals import page_published

        from .signals import queue_alert_on_first_publish

        page_published.connect(queue_alert_on_first_publish, dispatch_uid="alerts.first_publish")
