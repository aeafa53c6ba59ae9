"""Health checks for load balancers and orchestrators (core.views.live/ready).

The database-outage side is proven against a real outage in test_outage.py;
here the ready check's cache checks run against the real Redis on
127.0.0.1:6379 and against one that is not there.
"""

import pytest

from tests.helpers.gunicorn_site import free_port

REDIS = "django.core.cache.backends.redis.RedisCache"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture
def redis_location():
    """A Redis database of its own on the machine's real Redis (flushed after)."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=13)
    client.ping()
    yield "redis://127.0.0.1:6379/13"
    client.flushdb()
    client.close()


@pytest.fixture
def nowhere():
    """A Redis address where nothing listens."""
    return f"redis://127.0.0.1:{free_port()}/0"


def test_live_answers_without_looking_at_anything(client):
    # No django_db mark: pytest-django makes any database access an error here.
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/ready", "/healthz/"])
def test_ready_checks_the_database(client, path, settings):
    settings.CACHES = {"default": LOCMEM}
    response = client.get(path)
    assert response.status_code == 200
    # An in-process cache cannot be down while the process answers: not checked.
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_checks_every_shared_cache_on_real_redis(client, settings, redis_location):
    settings.CACHES = {
        "default": {"BACKEND": REDIS, "LOCATION": redis_location},
        "pages": {"BACKEND": REDIS, "LOCATION": redis_location, "KEY_PREFIX": "pages"},
        "local": LOCMEM,
    }
    response = client.get("/healthz/ready")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "cache:pages": "ok"}


@pytest.mark.django_db
def test_ready_answers_503_naming_the_cache_that_is_down(client, settings, redis_location, nowhere):
    settings.CACHES = {
        "default": {"BACKEND": REDIS, "LOCATION": redis_location},
        "sessions": {"BACKEND": REDIS, "LOCATION": nowhere},
    }
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["cache:sessions"]
    assert body["checks"] == {"database": "ok", "cache": "ok", "cache:sessions": "unavailable"}


@pytest.mark.django_db
def test_ready_leaves_nothing_behind_in_the_cache(client, settings, redis_location):
    import redis

    settings.CACHES = {"default": {"BACKEND": REDIS, "LOCATION": redis_location}}
    assert client.get("/healthz/ready").status_code == 200
    assert redis.Redis.from_url(redis_location).dbsize() == 0
