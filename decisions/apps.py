from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Board decisions, FAQ pages and the reusable FAQ question snippets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "Board decisions and FAQs"

    def ready(self):
        # Place pages list the decisions that affect them without importing this
        # app: they ask the registry for "decisions_for_place".
        from lscpartnerships.core.relations import related

        from .models import BoardDecisionPage

        related.register(
            "decisions_for_place",
            BoardDecisionPage,
            lookup="place_links__place",
            order_by=("-meeting_date",),
        )
