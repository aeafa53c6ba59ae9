"""When Redis goes down, pages are still served from the database; when it
comes back, nothing cached before a purge it missed is served."""

import time

from django.core.cache import caches

from lscpartnerships.pagecache import redis_cache
from tests.pagecache.conftest import fetch


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


def test_cache_calls_share_one_redis_client_and_survive_a_restart(redis, monkeypatch):
    """Django builds a `redis.Redis` per cache call (about 0.1 ms of copying
    redis-py's callback table each time, several times a page); this backend
    keeps one per connection pool, and that client reconnects after Redis
    restarts."""
    import redis as redis_lib

    built = []
    original = redis_lib.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis_lib.Redis, "__init__", counting_init)
    cache = caches["default"]
    for n in range(10):
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n
    assert cache.get_many(["k1", "k2"]) == {"k1": 1, "k2": 2}
    assert len(built) == 1

    redis.stop()
    assert cache.get("k1", "fallback") == "fallback"
    redis.start()
    time.sleep(redis_cache.RETRY_AFTER + 0.1)
    cache.set("after", "restart")
    assert cache.get("after") == "restart"
    assert len(built) == 1


def test_a_page_reads_the_shell_and_wagtails_site_paths_in_one_round_trip(
    site, redis, client, settings, committed
):
    """Every uncached page needs the shell's generation and Wagtail's site root
    paths; they come in one MGET (they live under different key versions). A
    change to the site clears Wagtail's paths and is on the next page."""
    from wagtail.models import Site

    settings.PAGECACHE_ENABLED = False
    fetch(client, "/privacy/")
    before = redis.command_counts()
    status, _cache, body = fetch(client, "/privacy/")
    assert status == 200 and 'href="http://localhost/privacy/"' in body
    assert redis.commands_since(before) == {"mget": 1}

    record = Site.objects.get(is_default_site=True)
    record.hostname = "renamed.example"
    with committed():
        record.save()
    assert 'href="http://renamed.example/privacy/"' in fetch(client, "/privacy/")[2]
