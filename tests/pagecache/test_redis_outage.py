"""When Redis goes down, pages are still served from the database; when it
comes back, nothing cached before a purge it missed is served."""

import time

import pytest
from django.core.cache import caches

from lscpartnerships.pagecache import redis_cache
from tests.pagecache.conftest import fetch
from tests.pagecache.servers import RedisServer


@pytest.fixture
def redis(tmp_path, settings):
    server = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "lscpartnerships.pagecache.redis_cache.FailOpenRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield server
    server.stop()
    redis_cache.lost_writes.pending = False


def test_pages_are_served_from_the_database_while_redis_is_down(site, redis, client, committed):
    assert fetch(client, "/faqs/")[1] == "miss"
    assert fetch(client, "/faqs/")[1] == "hit"

    redis.stop()
    started = time.monotonic()
    for url in ("/faqs/", "/", "/places/blackpool/", "/briefings/", "/sitemap.xml"):
        status, cache, body = fetch(client, url)
        assert status == 200, url
        assert cache is None, url  # rendered, not cached
    print(f"5 pages with Redis down: {time.monotonic() - started:.2f}s")

    # An editor publishes during the outage; the purge cannot reach Redis.
    site.question.answer = "<p>Changed while Redis was down.</p>"
    with committed():
        site.question.save()
    assert "Changed while Redis was down." in fetch(client, "/faqs/")[2]

    # Redis comes back with what it held before (append-only file).
    redis.start()
    time.sleep(redis_cache.RETRY_AFTER + 0.1)
    status, cache, body = fetch(client, "/faqs/")
    assert (status, cache) == (200, "miss")
    assert "Changed while Redis was down." in body
    assert fetch(client, "/faqs/")[1] == "hit"


def test_the_redis_cache_reports_whether_it_is_reachable(redis):
    cache = caches["default"]
    assert cache.is_reachable()
    cache.set("k", "v")
    assert cache.get("k") == "v"
    redis.stop()
    assert not cache.is_reachable()
    assert cache.get("k", "fallback") == "fallback"
    assert cache.set("k", "w") is None
