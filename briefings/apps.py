from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    """Stakeholder briefings, the site's document model and its serving rules."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefings and documents"

    def ready(self):
        # Place and decision pages list their briefings without importing this
        # app: they ask the registry by name (lscpartnerships/core/relations.py).
        from lscpartnerships.core.relations import related

        from .models import BriefingPage

        related.register(
            "briefings_for_place",
            BriefingPage,
            lookup="place_links__place",
            order_by=("-publication_date",),
        )
        related.register(
            "briefings_for_decision",
            BriefingPage,
            lookup="related_decision",
            order_by=("-publication_date",),
        )
        # The FAQ page can link back to the briefings its questions go with.
        related.register(
            "briefings_for_faq",
            BriefingPage,
            lookup="related_faq",
            order_by=("-publication_date",),
        )
