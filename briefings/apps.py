from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    """Stakeholder briefings, their lists and feeds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefings"

    def ready(self):
        # Place and decision pages list their briefings through the reverse
        # relations of the typed links (places/links.py, related_decision).
        from lscpartnerships.core.relations import feeds

        feeds.register(briefing_feed_links)


def briefing_feed_links(page, request):
    """Every page advertises the briefings feed; a place page also its own, and
    the briefings list filtered by a place that place's. The only place these
    `<link rel="alternate">` are written (templates/includes/site_meta.html).

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
    elif page._meta.label_lower == "briefings.briefingindexpage" and getattr(
        request, "_briefing_place_filter", None
    ):
        # The list filtered by a place (set by BriefingIndexPage.get_context).
        slug, title = request._briefing_place_filter
        links.append((f"Briefings about {title} (Atom feed)", feed[1].replace(_SLUG, slug)))
    return links


_SLUG = "place-slug-placeholder"


def _briefing_feed_addresses():
    from .models import BriefingIndexPage

    index = BriefingIndexPage.objects.live().public().first()
    if index is None:
        return False
    return (index.feed_url(), index.feed_url(_SLUG))
