"""Feeds advertised across apps without apps importing each other.

(Page-to-page links are typed foreign keys found through their reverse
relations: docs/decisions/0080-typed-page-relations.md.)
"""


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
