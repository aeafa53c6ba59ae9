"""Listings across apps without apps importing each other.

A place page lists the board decisions and briefings about it; a decision lists
its briefings. Those pages live in other apps, so the app that owns the link
registers how to find the pages, and the page that shows them asks by name:

    # decisions/apps.py, in ready():
    related.register("decisions_for_place", BoardDecisionPage,
                     lookup="place_links__place", order_by=("-meeting_date",))

    # places/models.py
    related.pages("decisions_for_place", self)   # [] if no app registered it

Each listing is a single query, whatever the number of items.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class _Entry:
    model: type
    lookup: str
    order_by: tuple


class RelatedPages:
    def __init__(self):
        self._entries = {}

    def register(self, name, model, lookup, order_by=("-first_published_at",)):
        self._entries[name] = _Entry(model, lookup, tuple(order_by))

    def is_registered(self, name):
        return name in self._entries

    def queryset(self, name, target):
        """Live, public pages registered under `name` that link to `target`."""
        entry = self._entries.get(name)
        if entry is None:
            return None
        return (
            entry.model.objects.live()
            .public()
            .filter(**{entry.lookup: target})
            .distinct()
            .order_by(*entry.order_by)
        )

    def pages(self, name, target, limit=None):
        queryset = self.queryset(name, target)
        if queryset is None:
            return []
        return list(queryset[:limit] if limit else queryset)


related = RelatedPages()


class FeedLinks:
    """Feeds to advertise in a page's <head> (`<link rel="alternate">`).

    The app that owns a feed registers a function `(page, request) -> [(title, url)]`;
    the page shell asks for all of them, so core never imports that app.
    """

    def __init__(self):
        self._providers = []

    def register(self, provider):
        if provider not in self._providers:
            self._providers.append(provider)

    def for_page(self, page, request):
        links = []
        for provider in self._providers:
            links.extend(provider(page, request) or [])
        return links


feeds = FeedLinks()


def is_page_of_type(page, app_label_model):
    """True when `page` is of the concrete page type `(app_label, model)`.

    Lets an app check that a linked page is, say, a place without importing
    the places app (the page's content type is already loaded with it).
    """
    content_type = page.content_type
    return (content_type.app_label, content_type.model) == app_label_model
