"""Django's RedisCache, made to fail open.

Wagtail keeps its site root paths and image renditions in the default cache and
reads them on every page; with the stock backend a Redis outage turns every
page into a 500. This backend answers a cache miss instead (and drops writes)
while Redis is unreachable, so pages are rendered from the database, and stops
trying for a moment after a failure so a Redis that hangs costs one timeout,
not one per call. Outages are logged; `is_reachable()` is for health checks.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds to stop calling Redis after a failure.
RETRY_AFTER = 2.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every cache call, and redis-py's
    constructor copies its table of ~80 response callbacks each time: about
    0.1 ms a call, several calls a page, and most of a cached page's own cost
    (issue 14). A `redis.Redis` on a pool is safe to share: each command takes
    a connection from the pool. Django keeps one cache object per thread, so
    this is per thread too, and redis-py's pools start afresh after a fork.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    def is_reachable(self):
        if time.monotonic() < self._down_until:
            return False
        try:
            self._cache.get_client(write=False).ping()
        except RedisError:
            self._down_until = time.monotonic() + RETRY_AFTER
            return False
        return True

    def _call(self, name, fallback, *args, **kwargs):
        return self._guarded(fallback, getattr(super(), name), *args, **kwargs)

    def _guarded(self, fallback, function, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return function(*args, **kwargs)
        except RedisError as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            lost_writes.mark()
            logger.warning("Redis unreachable (%s); serving without the cache.", error)
            return fallback

    def get_many_versioned(self, keys):
        """The values of `keys`, (key, version) pairs whose versions differ,
        in one round trip (`get_many` takes one version): {pair: value} for
        the keys found. Every page reads the shell's generation and Wagtail's
        site root paths, which Wagtail keeps under a version of its own."""
        names = {
            self.make_and_validate_key(key, version=version): (key, version)
            for key, version in keys
        }
        found = self._guarded({}, self._cache.get_many, list(names))
        return {names[name]: value for name, value in found.items()}

    def count_hit(self, key, window, version=None):
        """Count one hit on `key`, in a window of `window` seconds from its
        first hit: (hits in the window so far, seconds until it ends).

        One round trip, atomic (MULTI), so every app instance on this Redis
        shares the count and none is lost between a read and a write; the
        stored value is one number, whatever the limit (a rate limiter that
        keeps a list of timestamps grows with its limit). While Redis is
        unreachable nothing is counted: (0, window), limits open like every
        other cache call here (docs/decisions/0067)."""
        name = self.make_and_validate_key(key, version=version)

        def count():
            client = self._cache.get_client(name, write=True)
            with client.pipeline(transaction=True) as pipeline:
                pipeline.set(name, 0, ex=window, nx=True)
                pipeline.incr(name)
                pipeline.ttl(name)
                _created, hits, ttl = pipeline.execute()
            return hits, ttl if ttl > 0 else window

        return self._guarded((0, window), count)

    def incr(self, key, delta=1, version=None):
        """Django's incr (ValueError for a missing key); while Redis is
        unreachable, `delta`, as if the key had just been made."""
        return self._call("incr", delta, key, delta, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", None)


class _LostWrites:
    """Remembers, per process, that a write may have been lost during an
    outage, so the response cache can discard everything cached before it
    once Redis answers again (a purge sent while Redis was down never arrived)."""

    def __init__(self):
        self.pending = False

    def mark(self):
        self.pending = True


lost_writes = _LostWrites()
