"""A real site for browser tests: its own PostgreSQL database with the initial
content loaded, served by `manage.py runserver` with production-like settings
(DEBUG off), and Debian's Chromium driven by Playwright.

The server is a separate process, so browser tests see exactly what a visitor
sees; nothing is mocked. Never run `playwright install`: /usr/bin/chromium is used.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers.databases import database_url, drop_database, own_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_ADMIN = ("browser-admin", "browser-admin-password")
# The browser admin's authenticator apps (hex TOTP keys), enrolled when the
# site is set up. Many, because each code works once: sign-ins within the
# same 30 seconds use the next one instead of waiting.
BROWSER_ADMIN_TOTP_KEYS = [f"{index:02d}" * 20 for index in range(1, 41)]

# Playwright's sync API runs an event loop in this thread; the tests themselves
# never touch the ORM, but pytest-django's fixtures may run alongside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _browser_database_url():
    """(url, parts, name) of the browser site's database, for manage.py commands."""
    return database_url("browser")


def site_shell(code):
    """Run Python `code` in `manage.py shell` on the browser site's database (a
    separate process, as the site is); returns the last line it printed."""
    url, _, _ = _browser_database_url()
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        },
        check=True,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def site_json(code):
    """site_shell for code whose last printed line is JSON: that JSON, decoded."""
    return json.loads(site_shell(code))


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Base URL of a running site with the initial content loaded."""
    url, parts, name = own_database("browser")
    media = tmp_path_factory.mktemp("browser-media")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "MEDIA_ROOT": str(media),
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    manage("migrate", "--noinput")
    manage("load_initial_content")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"user = get_user_model().objects.create_superuser('{BROWSER_ADMIN[0]}', "
        f"'browser@example.invalid', '{BROWSER_ADMIN[1]}'); "
        "[TOTPDevice.objects.create(user=user, name=f'App {n}', key=key, confirmed=True) "
        f"for n, key in enumerate({BROWSER_ADMIN_TOTP_KEYS!r})]",
    )
    port = _free_port()
    log = open(tmp_path_factory.mktemp("server") / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base_url + "/healthz/", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail(f"The site did not start; see {log.name}")
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    drop_database(parts, name)


# -- the second factor --------------------------------------------------------------
# Every admin sign-in needs a code (lscpartnerships.security.two_factor). So that
# every browser test that signs in by filling the login form keeps working —
# admin_page, and any other fixture or test that does it its own way — each
# browser context completes the second factor by itself: when the login form
# is posted, the fixture sends the post, then (with the context's own cookies)
# opens the two-factor screen the site asks for, computes the code from the
# secret (the enrolment page's own, or the browser admin's known keys) and
# submits it, before handing the tab the site's answer to the login. Tests of
# the two-factor screens themselves call `manual_second_factor(context)` first.

LOGIN_ROUTE = "**/admin/login/**"
_TOTP_SECRETS = {BROWSER_ADMIN[0]: list(BROWSER_ADMIN_TOTP_KEYS)}  # username → hex keys
_last_step = {}  # hex key → the last 30-second step whose code this session sent


def _fresh_code(keys):
    """This step's code from an app no earlier sign-in used in this step, or None.
    Each app's code works once per 30-second step, so a burst of sign-ins (the
    editor journeys) takes the apps in turn instead of waiting 30 s — a wait
    that made the tab's click time out. Only the current step's code is sent:
    django-otp remembers the drift of the last code it accepted, so a code for
    the next step could be refused later at a step boundary, and one refused
    code throttles every device of the user."""
    step = int(time.time() // 30)
    for key in keys:
        if _last_step.get(key, -1) < step:
            _last_step[key] = step
            return totp_code(key, at=step * 30 + 1)
    return None


def totp_code(hex_key, at=None):
    """The 6-digit code an authenticator app shows for `hex_key` now (or at `at`)."""
    from django_otp.oath import TOTP

    totp = TOTP(bytes.fromhex(hex_key))
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def hex_key_from_secret(secret):
    """The hex key behind the base32 secret the enrolment page shows."""
    import base64

    text = "".join(secret.split()).upper()
    return base64.b32decode(text + "=" * (-len(text) % 8)).hex()


def _form_value(html, name):
    import re

    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else ""


def _clear_misses_of_other_apps(username):
    """Forget the misses django-otp charged to `username`'s apps for codes that
    another of their apps accepted.

    The code screen tries an app code on each of the user's apps in turn
    (security.two_factor.check_code), and each app that does not match counts a
    miss and pauses for 1, 2, 4, 8… seconds. A person has one app, so this never
    bites them. The browser admin has forty, each standing for a separate phone;
    in a burst of sign-ins the apps tried before the matching one collected
    misses until, when the 30-second step turned over, the app whose turn it was
    was still paused, and every app after it was tried and paused in turn: a
    minute of CI's browser tests could not sign in."""
    import psycopg

    url, _, _ = _browser_database_url()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "UPDATE otp_totp_totpdevice SET throttling_failure_count = 0 "
            "WHERE user_id = (SELECT id FROM auth_user WHERE username = %s)",
            [username],
        )


def _complete_second_factor(request, url, username):
    """Enrol or enter a code at `url` (/admin/2fa/setup/ or verify/) through
    `request` (a context's APIRequestContext, sharing its cookies). Returns how
    many codes the site refused on the way (0 unless something is wrong)."""
    import html as html_lib
    import re

    body = request.get(url).text()
    if "/admin/2fa/setup/" in url:
        secret = html_lib.unescape(re.search(r"data-secret>([^<]+)<", body).group(1))
        _TOTP_SECRETS[username] = [hex_key_from_secret(secret)]
    keys = _TOTP_SECRETS.get(username) or []
    refused = 0
    for _ in range(len(keys) * 2 + 2):
        code = _fresh_code(keys)
        if code is None:  # every code of these steps used: wait for the next step
            time.sleep(31 - time.time() % 30)
            continue
        if len(keys) > 1:
            _clear_misses_of_other_apps(username)
        response = request.post(
            url,
            form={
                "csrfmiddlewaretoken": _form_value(body, "csrfmiddlewaretoken"),
                "code": code,
            },
            max_redirects=0,
        )
        if response.status == 302:
            if "/admin/2fa/recovery-codes/" in response.headers["location"]:
                request.get(url.split("/admin/")[0] + response.headers["location"])
            return refused
        refused += 1
        body = response.text()
    raise AssertionError(f"The browser fixture could not complete the second factor at {url}")


def auto_second_factor(context):
    """Make `context` complete the second factor by itself (see above)."""
    from urllib.parse import parse_qs

    def on_login(route):
        if route.request.method != "POST":
            route.continue_()
            return
        username = parse_qs(route.request.post_data or "").get("username", [""])[0]
        response = route.fetch(max_redirects=0)
        if response.status == 302:
            parts = urlsplit(route.request.url)
            base = f"{parts.scheme}://{parts.netloc}"
            probe = context.request.get(base + "/admin/", max_redirects=0)
            location = probe.headers.get("location", "")
            if probe.status == 302 and "/admin/2fa/" in location:
                _complete_second_factor(context.request, base + location, username)
        route.fulfill(response=response)

    context.route(LOGIN_ROUTE, on_login)
    return context


def manual_second_factor(context):
    """For tests of the two-factor screens: the tab shows them as a person sees them."""
    context.unroute(LOGIN_ROUTE)
    return context


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def admin_page(browser, site_server):
    """A browser tab signed in to the Wagtail admin as a superuser."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + "/admin/login/")
    tab.fill("#id_username", BROWSER_ADMIN[0])
    tab.fill("#id_password", BROWSER_ADMIN[1])
    tab.click("button[type=submit]")
    tab.wait_for_url(site_server + "/admin/")
    yield tab
    context.close()


# -- accessibility suite (tests/browser/test_accessibility.py, test_a11y_*.py) -------


@pytest.fixture(scope="session")
def sitemap_paths(site_server):
    """Paths of every page /sitemap.xml lists, fetched once per session."""
    from tests.browser.a11y import sitemap_paths as read_sitemap

    paths = read_sitemap(site_server)
    assert paths, "The sitemap lists no pages"
    return paths


@pytest.fixture(scope="session")
def a11y_summary(request):
    """Counts what the accessibility tests checked; at the end of the session it is
    written to test-artifacts/a11y-summary.txt and printed in the test output."""
    from tests.browser.a11y import Summary

    summary = Summary()
    yield summary
    summary.report(request.config)


@pytest.fixture(scope="session")
def a11y_crawl(browser, site_server, sitemap_paths, a11y_summary):
    """Every sitemap page visited once per browser setting (desktop and 320 px, with
    and without JavaScript), with the accessibility checks run on each visit."""
    from tests.browser.a11y import Crawl

    return Crawl(browser, site_server, sitemap_paths, a11y_summary)


def pytest_collection_modifyitems(session, config, items):
    """The editor journeys (tests/browser/admin/) publish their own pages and
    directors into the shared browser site: run them after the visitor tests,
    which assert the seed content exactly (four directors, one Blackpool)."""
    journeys = [item for item in items if "/tests/browser/admin/" in str(item.path)]
    if journeys:
        others = [item for item in items if item not in journeys]
        items[:] = others + journeys
