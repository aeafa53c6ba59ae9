from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How comms staff work: roles, sign-off workflow, review reminders, content health."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lscpartnerships.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"
