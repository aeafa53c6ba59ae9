"""Two app instances under gunicorn share one Redis: an editor publishes
through the admin on A, and the next anonymous request to B shows it."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.db import connections
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.browser.conftest import totp_code
from tests.helpers.databases import drop_database, own_database
from tests.pagecache.servers import ROOT, Gunicorn, RedisServer, http_get

BUILD = """
import django, json
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.helpers.site import make_home
from tests.pagecache.conftest import build_site
with transaction.atomic():
    site = build_site(make_home())
    editor = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw")
    TOTPDevice.objects.create(user=editor, name="App", key=EDITOR_TOTP_KEY, confirmed=True)
print(json.dumps({"privacy": site.privacy.pk}))
"""


EDITOR_TOTP_KEY = "42" * 20  # the editor's authenticator app (every admin has a second factor)


@pytest.fixture
def instances(tmp_path):
    """A database of its own, migrated, with the small site committed in it, one
    Redis, and two gunicorn instances on both (gunicorn only sees committed data,
    so the test database's transactions cannot be used)."""
    connections.close_all()
    url, parts, name = own_database("instances")
    env = {
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "DATABASE_URL": url,
        "PAGECACHE_ENABLED": "true",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    # Migrated afresh, not copied from the test database: a transactional test
    # before this one may have flushed that (no root page, locale or collection).
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    built = subprocess.run(
        [sys.executable, "-c", f"EDITOR_TOTP_KEY = {EDITOR_TOTP_KEY!r}\n" + BUILD],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    pages = json.loads(built.stdout.strip().splitlines()[-1])
    redis = RedisServer(tmp_path).start()
    a = Gunicorn({**env, "REDIS_URL": redis.url})
    b = Gunicorn({**env, "REDIS_URL": redis.url})
    try:
        a.start()
        b.start()
        yield a, b, pages
    finally:
        a.stop()
        b.stop()
        redis.stop()
        drop_database(parts, name)


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
    assert "/admin/2fa/verify/" in url, f"login failed: {url}"
    verify = urlsplit(url)
    status, url, _ = post(verify.path + "?" + verify.query, {"code": totp_code(EDITOR_TOTP_KEY)})
    assert urlsplit(url).path == "/admin/", f"second factor failed: {url}"
    return opener, post


def test_publish_on_one_instance_is_seen_on_the_other_at_once(instances):
    a, b, pages = instances
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
    status, url, page = post(f"/admin/pages/{pages['privacy']}/edit/", form)
    assert status == 200 and "/edit/" not in url, re.findall(r"error-message.*", page)[:3]

    status, headers, body = http_get(b.url + "/privacy/", host)
    assert status == 200
    assert headers["X-Cache"] == "miss"
    assert "<h1>Privacy notice</h1>" in body
    assert "We keep very little." in body
