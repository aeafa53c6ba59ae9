"""Two app instances under gunicorn share one Redis: an editor publishes
through the admin on A, and the next anonymous request to B shows it."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest
from django.db import connection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.pagecache.servers import Gunicorn, RedisServer, http_get


@pytest.fixture
def instances(site, tmp_path, settings, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.invalid", "pw")
    redis = RedisServer(tmp_path).start()
    database = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "DATABASE_URL": f"postgres://{database['USER'] or 'postgres'}@"
        f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}",
        "REDIS_URL": redis.url,
        "PAGECACHE_ENABLED": "true",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    a, b = Gunicorn(env), Gunicorn(env)
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()
        redis.stop()


def _admin_session(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def token():
        return next(cookie.value for cookie in jar if cookie.name == "csrftoken")

    def post(path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token()}, doseq=True)
        request = urllib.request.Request(base + path, data=body.encode(), method="POST")
        request.add_header("Referer", base + path)
        with opener.open(request, timeout=60) as response:
            return response.status, response.url, response.read().decode()

    opener.open(base + "/admin/login/", timeout=30).read()
    status, url, _ = post("/admin/login/", {"username": "editor", "password": "pw"})
    assert not url.endswith("/admin/login/"), "login failed"
    return opener, post


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_on_one_instance_is_seen_on_the_other_at_once(site, instances):
    a, b = instances
    # Behind a load balancer both instances see the site's own host name.
    host = {"Host": "localhost"}
    http_get(b.url + "/privacy/", host)
    status, headers, body = http_get(b.url + "/privacy/", host)
    assert (status, headers.get("X-Cache")) == (200, "hit"), (status, headers, body[:3000])
    assert http_get(a.url + "/privacy/", host)[1]["X-Cache"] == "hit"  # one shared cache

    opener, post = _admin_session(a.url)
    form = nested_form_data(
        {
            "title": "Privacy notice",
            "slug": "privacy",
            "summary": "How we use your information.",
            "body": streamfield([("rich_text", rich_text("<p>We keep very little.</p>"))]),
            "action-publish": "action-publish",
        }
    )
    status, url, page = post(f"/admin/pages/{site.privacy.pk}/edit/", form)
    assert status == 200 and "/edit/" not in url, re.findall(r"error-message.*", page)[:3]

    status, headers, body = http_get(b.url + "/privacy/", host)
    assert status == 200
    assert headers["X-Cache"] == "miss"
    assert "<h1>Privacy notice</h1>" in body
    assert "We keep very little." in body
