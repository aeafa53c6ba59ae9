from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    """Stakeholder briefings, the site's document model and its serving rules."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefings and documents"

    def ready(self):
        # Place and decision pages list their briefings without importing this
        # app: they ask the registry by name (lscpartnerships/core/relations.py).
        from lscpartnerships.core.relations import feeds, related

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
        feeds.register(briefing_feed_links)

        # The FAQ page can link back to the briefings its questions go with.
        related.register(
            "briefings_for_faq",
            BriefingPage,
            lookup="related_faq",
            order_by=("-publication_date",),
        )


def briefing_feed_links(page, request):
    """Every page advertises the briefings feed; a place page also its own.

    The feed's address is part of the page shell: cached with it, and purged
    when the briefings index is published, unpublished, moved or restricted
    (PAGECACHE_SHELL_PAGE_TYPES)."""
    from lscpartnerships.pagecache.store import shell_fragment

    feed = shell_fragment("briefings-feed", _briefing_feed_addresses)
    if not feed:
        return []
    links = [("Briefings (Atom feed)", feed[0])]
    if page._meta.label_lower == "places.placepartnershippage":
        links.append(
            (f"Briefings about {page.title} (Atom feed)", feed[1].replace(_SLUG, page.slug))
        )
    return links


_SLUG = "place-slug-placeholder"


def _briefing_feed_addresses():
    from .models import BriefingIndexPage

    index = BriefingIndexPage.objects.live().public().first()
    if index is None:
        return False
    return (index.feed_url(), index.feed_url(_SLUG))
