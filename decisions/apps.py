from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Board decisions, FAQ pages and the reusable FAQ question snippets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "Board decisions and FAQs"

    def ready(self):
        # Place pages list the decisions that affect them through the reverse
        # relation of the place links (places/links.py).
        from lscpartnerships.core.relations import feeds

        feeds.register(decision_feed_links)


def decision_feed_links(page, request):
    """The decisions feed is advertised where readers look for decisions: the
    decision list, each decision (its list's URL is its own URL less the last
    part, so no query) and each place page (with that place's feed). Not on
    every page, so no other page pays a query for it."""
    label = page._meta.label_lower
    if label == "decisions.boarddecisionindexpage":
        return [("Board decisions (Atom feed)", page.feed_url())]
    if label == "decisions.boarddecisionpage":
        url = page.url
        if url and url.endswith("/"):
            return [("Board decisions (Atom feed)", url.rstrip("/").rsplit("/", 1)[0] + "/feed/")]
        return []
    if label == "places.placepartnershippage":
        from .models import BoardDecisionIndexPage

        index = BoardDecisionIndexPage.objects.live().public().first()
        if index is None:
            return []
        return [
            ("Board decisions (Atom feed)", index.feed_url()),
            (f"Board decisions about {page.title} (Atom feed)", index.feed_url(page.slug)),
        ]
    return []
