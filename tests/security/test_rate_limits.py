"""Rate limits on the production cache (a real Redis): the API's anonymous
throttle and the public forms' limits keep one number per caller and
window, counted in one atomic round trip, and stay open while Redis is down
(a form still works; nothing answers a 500)."""

import pytest
from django.test import Client

from lscpartnerships.core import ratelimit

pytestmark = pytest.mark.django_db


def test_a_rate_limit_keeps_one_number_counted_atomically(redis):
    server = redis.client
    before = redis.command_counts()
    assert [ratelimit.allow("test", "10.0.0.1", 3, 60) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    # Each attempt is one MULTI ... EXEC: counted, whatever another app
    # instance does at the same time.
    assert redis.commands_since(before) == {"multi": 4, "set": 4, "incrby": 4, "ttl": 4, "exec": 4}
    [key] = server.keys("*ratelimit:test:*")
    assert b"10.0.0.1" not in key  # the address is hashed
    assert server.get(key) == b"4"
    assert 0 < server.ttl(key) <= 60
    hits, seconds_left = ratelimit.hit("test", "10.0.0.1", 60)
    assert hits == 5 and 0 < seconds_left <= 60
    # Another caller has its own count.
    assert ratelimit.hit("test", "10.0.0.2", 60)[0] == 1


def test_the_api_throttle_keeps_one_number_per_address(redis, settings, initial_content):
    settings.API_THROTTLE_ANON_RATE = "3/minute"
    settings.PAGECACHE_ENABLED = False
    client = Client(raise_request_exception=False)
    server = redis.client
    statuses = [client.get("/api/v2/pages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v2/documents/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()
    # One counter, not DRF's list of every request's time (which grew with
    # the rate and was read and rewritten whole on every request).
    [key] = server.keys("*ratelimit:api-anon:*")
    assert server.get(key) == b"5"
    assert not server.keys("*throttle*")
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_limits_open_and_forms_work_while_redis_is_down(redis, home, settings, mailoutbox):
    from django.core.cache import cache

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.API_THROTTLE_ANON_RATE = "3/minute"
    redis.stop()
    assert ratelimit.hit("test", "10.0.0.1", 60) == (0, 60)
    assert cache.incr("missing") == 1
    client = Client(raise_request_exception=False)
    response = client.post(
        "/email-alerts/", {"email": "reader@example.org", "lists": ["briefings"]}
    )
    assert response.status_code == 302, response.content[:500]
    assert [message.to for message in mailoutbox] == [["reader@example.org"]]
    assert client.get("/api/v2/pages/").status_code == 200
