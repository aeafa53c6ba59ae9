"""A wagtail.contrib.frontend_cache backend for the site's own response cache.

Wagtail's frontend cache machinery (PurgeBatch, purge_urls_from_cache) then
purges our shared cache and any configured CDN or proxy with the same list of
URLs, so the app and the edge never disagree about what changed.
"""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from . import store


class ResponseCacheBackend(BaseBackend):
    def purge(self, url):
        store.purge_urls([url])

    def purge_batch(self, urls):
        store.purge_urls(urls)
