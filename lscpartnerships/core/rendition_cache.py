"""The rendition cache without Wagtail's write-back.

Wagtail 8 reads renditions from the cache, then writes every one it read back
again: `get_rendition` always ends with a `set`, and `get_renditions` only
skips the write for renditions it took from a prefetch, not for cache hits.
So every image shown on an uncached page cost a Redis write of the pickled
renditions on top of the read (a place page's portrait: six renditions
pickled and sent on every request; issue 14).

`RenditionCache` wraps the cache Wagtail would use (the `renditions` alias,
else the default) and marks what it reads as read from the cache; writes of a
marked rendition are dropped. A rendition made or read from the database is
unmarked and is written as before, and deletes (a rendition or an image
deleted, a focal point changed) pass straight through.
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, InvalidCacheBackendError, caches

#: The attribute Wagtail itself checks (`get_renditions`) before writing back.
FROM_CACHE = "_from_cache"


def _mark(value):
    if value is not None:
        setattr(value, FROM_CACHE, True)
    return value


def _fresh(value):
    return not getattr(value, FROM_CACHE, False)


class RenditionCache:
    """The rendition cache, reads marked and write-backs dropped."""

    def __init__(self, backend):
        self._backend = backend

    @classmethod
    def for_wagtail(cls):
        try:
            return cls(caches["renditions"])
        except InvalidCacheBackendError:
            return cls(caches[DEFAULT_CACHE_ALIAS])

    def get(self, key, default=None, version=None):
        value = self._backend.get(key, version=version)
        return default if value is None else _mark(value)

    def get_many(self, keys, version=None):
        found = self._backend.get_many(keys, version=version)
        for value in found.values():
            _mark(value)
        return found

    def set(self, key, value, *args, **kwargs):
        if _fresh(value):
            self._backend.set(key, value, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        fresh = {key: value for key, value in data.items() if _fresh(value)}
        return self._backend.set_many(fresh, *args, **kwargs) if fresh else []

    def __getattr__(self, name):  # delete, delete_many, clear, …
        return getattr(self._backend, name)
