"""A real site for browser tests: its own PostgreSQL database with the initial
content loaded, served by `manage.py runserver` with production-like settings
(DEBUG off), and Debian's Chromium driven by Playwright.

The server is a separate process, so browser tests see exactly what a visitor
sees; nothing is mocked. Never run `playwright install`: /usr/bin/chromium is used.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

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

# Playwright's sync API runs an event loop in this thread; the tests themselves
# never touch the ORM, but pytest-django's fixtures may run alongside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _browser_database_url():
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        pytest.fail("Browser tests need DATABASE_URL to point at PostgreSQL (make test sets it).")
    name = parts.path.lstrip("/") + "_browser"
    return urlunsplit(parts._replace(path="/" + name)), parts, name


def _admin_sql(parts, sql):
    import psycopg

    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Base URL of a running site with the initial content loaded."""
    url, parts, name = _browser_database_url()
    _admin_sql(parts, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_sql(parts, f'CREATE DATABASE "{name}"')
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
        f"get_user_model().objects.create_superuser('{BROWSER_ADMIN[0]}', "
        f"'browser@example.invalid', '{BROWSER_ADMIN[1]}')",
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
    _admin_sql(parts, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
