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

What it reads is also kept in the process, per cache object (Django has one
per thread), and each reader gets its own copy: a portrait's six renditions
were a round trip to Redis and six unpicklings on every uncached page (a
copy costs a quarter of an unpickling). A rendition's cache key names its
image, the image file's hash, the focal point and the filter, so a kept
rendition is never the wrong picture: a new file or focal point is a new key.
A rendition deleted here is forgotten here; one deleted on another instance
(an image deleted, renditions regenerated) is only asked for again by a page
that still shows that image, and a regenerated rendition gets the same file
name, so the kept one still shows the right file (docs/decisions/0065).
"""

import copy
import weakref

from django.core.cache import DEFAULT_CACHE_ALIAS, InvalidCacheBackendError, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT

#: The attribute Wagtail itself checks (`get_renditions`) before writing back.
FROM_CACHE = "_from_cache"


def _mark(value):
    if value is not None:
        setattr(value, FROM_CACHE, True)
    return value


def _fresh(value):
    return not getattr(value, FROM_CACHE, False)


#: Renditions a process keeps per cache object (a few hundred bytes each).
KEPT_RENDITIONS = 2000

#: cache object → {(key, version): rendition read from it}; a new cache
#: object (settings changed, a new thread) starts empty.
_kept = weakref.WeakKeyDictionary()


class RenditionCache:
    """The rendition cache, reads marked and kept, write-backs dropped."""

    def __init__(self, backend):
        self._backend = backend
        kept = _kept.get(backend)
        if kept is None:
            kept = _kept[backend] = {}
        self._kept = kept

    @classmethod
    def for_wagtail(cls):
        try:
            return cls(caches["renditions"])
        except InvalidCacheBackendError:
            return cls(caches[DEFAULT_CACHE_ALIAS])

    def get(self, key, default=None, version=None):
        return self.get_many([key], version=version).get(key, default)

    def get_many(self, keys, version=None):
        found, missing = {}, []
        for key in keys:
            kept = self._kept.get((key, version))
            if kept is None:
                missing.append(key)
            else:
                found[key] = copy.copy(kept)
        if missing:
            for key, value in self._backend.get_many(missing, version=version).items():
                self._keep((key, version), _mark(value))
                found[key] = copy.copy(value)
        return found

    def _keep(self, key, rendition):
        if len(self._kept) >= KEPT_RENDITIONS:
            self._kept.clear()
        self._kept[key] = rendition

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if _fresh(value):
            self._kept.pop((key, version), None)
            self._backend.set(key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        fresh = {key: value for key, value in data.items() if _fresh(value)}
        for key in fresh:
            self._kept.pop((key, version), None)
        return self._backend.set_many(fresh, timeout, version=version) if fresh else []

    def delete(self, key, version=None):
        self._kept.pop((key, version), None)
        return self._backend.delete(key, version=version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self._kept.pop((key, version), None)
        return self._backend.delete_many(keys, version=version)

    def clear(self):
        self._kept.clear()
        return self._backend.clear()

    def __getattr__(self, name):  # add, touch, …
        return getattr(self._backend, name)
