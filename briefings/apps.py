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
    `<link rel="alternate">` are written (templates/includes/site_meta.html)."""
    from .models import BriefingIndexPage

    index = getattr(request, "_briefing_index", None)
    if index is None:
        index = BriefingIndexPage.objects.live().public().first() or False
        request._briefing_index = index
    if not index:
        return []
    links = [("Briefings (Atom feed)", index.feed_url())]
    if page._meta.label_lower == "places.placepartnershippage":
        links.append((f"Briefings about {page.title} (Atom feed)", index.feed_url(page.slug)))
    elif page.pk == index.pk and getattr(request, "_briefing_place_filter", None):
        # The list filtered by a place (set by BriefingIndexPage.get_context).
        slug, title = request._briefing_place_filter
        links.append((f"Briefings about {title} (Atom feed)", index.feed_url(slug)))
    return links
