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
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.db import connection, connections
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.pagecache.servers import ROOT, Gunicorn, RedisServer, http_get

BUILD = """
import django, json
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from tests.pagecache.conftest import build_site, make_home
with transaction.atomic():
    site = build_site(make_home())
    editor = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw")
    # Every admin user has a second factor: an app, and a recovery code to sign in with.
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from lscpartnerships.security.two_factor import RECOVERY_DEVICE_NAME
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    recovery = StaticDevice.objects.create(user=editor, name=RECOVERY_DEVICE_NAME, confirmed=True)
    recovery.token_set.create(token="benchrecovery1")
print(json.dumps({"privacy": site.privacy.pk}))
"""


@pytest.fixture
def instances(django_db_setup, django_db_blocker, tmp_path):
    """A copy of the (migrated, empty) test database with the small site
    committed in it, one Redis, and two gunicorn instances on both.

    A copy, because the gunicorn processes only see committed data and a
    transactional test would empty the shared test database."""
    settings = connection.settings_dict
    if not settings["NAME"].startswith("test_"):
        # Run on its own, no other test asked pytest-django for the database.
        from django.test.utils import setup_databases

        with django_db_blocker.unblock():
            setup_databases(verbosity=0, interactive=False, keepdb=True, aliases={"default"})
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    name = settings["NAME"] + "_instances"
    url = urlunsplit(parts._replace(path="/" + name))

    def admin_sql(sql):
        with psycopg.connect(
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            user=settings["USER"] or "postgres",
            password=settings["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    connections.close_all()
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    env = {
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "DATABASE_URL": url,
        "PAGECACHE_ENABLED": "true",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    built = subprocess.run(
        [sys.executable, "-c", BUILD],
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
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    status, url, _ = post("/admin/2fa/verify/", {"code": "benchrecovery1"})
    assert "/admin/2fa/" not in url, "second factor failed"
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
