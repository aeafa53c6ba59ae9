"""Fixtures every test folder shares: a site whose root is a HomePage, and users."""

import time
from pathlib import Path

import pytest
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from wagtail.models import Site

from tests.helpers.site import make_home

STARTED = pytest.StashKey[float]()


@pytest.hookimpl(optionalhook=True)  # pytest-xdist may be off: -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadfile` (`make test`), a file's tests, and all the browser
    tests, run whole on one worker, in collection order (tests/helpers/workers.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.helpers.workers import FileScheduling

    return FileScheduling(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order and the editor journeys' (tests/browser/conftest.py):
    the browser tests first (tests/helpers/workers.py)."""
    from tests.helpers.workers import browser_tests_first

    browser_tests_first(items)


def pytest_sessionstart(session):
    session.config.stash[STARTED] = time.time()


def pytest_terminal_summary(terminalreporter, config):
    """Under pytest-xdist a worker's output is not shown: the controller prints the
    accessibility summary the browser tests wrote during this run (in one process
    the tests print it themselves, tests/browser/conftest.py a11y_summary)."""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    from tests.browser.a11y import SUMMARY_FILE, print_summary

    if SUMMARY_FILE.exists() and SUMMARY_FILE.stat().st_mtime >= config.stash[STARTED]:
        print_summary(terminalreporter, SUMMARY_FILE.read_text().splitlines())


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (local memory outlives a test's
    database transaction)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def home(db):
    """A HomePage as the default site's root (as load_initial_content makes it)."""
    return make_home()


@pytest.fixture
def make_place(home):
    """Make a place partnership page (under one places index): the only page
    type a page can link to as a place."""
    from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory

    index = []

    def make(title, **kwargs):
        if not index:
            index.append(PlaceIndexPageFactory(parent=home))
        return PlacePartnershipPageFactory(parent=index[0], title=title, **kwargs)

    return make


@pytest.fixture
def places_index(home):
    """The places index under `home`, with the history prose the seed has."""
    from places.factories import PlaceIndexPageFactory

    return PlaceIndexPageFactory(
        parent=home,
        history="<p>There have previously been five place-based partnerships, known as ICPs.</p>",
    )


@pytest.fixture
def director_index(home):
    """The directors index under `home`."""
    from directors.factories import DirectorIndexPageFactory

    return DirectorIndexPageFactory(parent=home)


@pytest.fixture
def page_checks(admin_client):
    """Wagtail's page-type assertions for pytest functions, signed in as the admin:
    `page_checks.assertCanCreate(parent, Model, data)`, `assertPageIsRenderable`,
    `assertPageIsEditable`, `assertAllowedSubpageTypes`, ... (the methods of
    `wagtail.test.utils.WagtailPageTestCase`, borrowed without its TestCase set-up)."""
    from wagtail.coreutils import get_dummy_request
    from wagtail.test.utils import WagtailPageTestCase

    checks = WagtailPageTestCase()  # "runTest": unittest allows it without such a method
    checks.client = admin_client
    checks.dummy_request = get_dummy_request()
    return checks


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.invalid", "pw")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="session")
def initial_content_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The initial content, loaded once for the session (tests/helpers/snapshot.py)."""
    from tests.helpers.site import load_initial_content
    from tests.helpers.snapshot import DatabaseSnapshot

    with django_db_blocker.unblock():
        return DatabaseSnapshot.capture(load_initial_content, tmp_path_factory.mktemp("initial"))


@pytest.fixture
def initial_content(db, request, media_root):
    """The whole initial content, loaded as `make run` loads it, with its files
    in this test's own MEDIA_ROOT and PRIVATE_MEDIA_ROOT (`media_root`)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        request.getfixturevalue("initial_content_snapshot").restore(media_root)
    else:  # the snapshot copies rows with PostgreSQL's COPY; elsewhere load it afresh
        from tests.helpers.site import load_initial_content

        load_initial_content()
    return Site.objects.get(is_default_site=True).root_page.specific


def _force_login_passes_second_factor(sender, request, user, **kwargs):
    """The test client's force_login() skips the password; let it skip the
    second factor the same way, so tests of admin screens sign in as before.

    Only force_login() is affected: it signs in on a bare HttpRequest, while
    every real sign-in (the login form, in tests too) comes through a
    WSGIRequest and still needs a code."""
    if type(request) is not HttpRequest:
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Test client", defaults={"confirmed": True}
    )
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture(autouse=True, scope="session")
def force_login_passes_second_factor():
    user_logged_in.connect(_force_login_passes_second_factor, dispatch_uid="tests-force-login-2fa")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-force-login-2fa")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one for the whole session and every folder (tests/browser,
    tests/production, the outage tests): Playwright's sync API runs one event loop
    per thread, so a second `sync_playwright()` beside this one would fail.

    Every new context completes the admin's second factor by itself
    (tests/browser/conftest.py, auto_second_factor)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, auto_second_factor

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context

        def new_context_with_second_factor(*args, **kwargs):
            return auto_second_factor(new_context(*args, **kwargs))

        browser.new_context = new_context_with_second_factor
        yield browser
        browser.close()


@pytest.fixture
def media_root(settings, tmp_path):
    """Every test writes files to its own empty folders (public MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT, side by side), so "no file left behind" can be checked
    by looking at the folder that holds both."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return Path(tmp_path)


@pytest.fixture
def redis(tmp_path, settings):
    """A Redis server of the test's own on loopback, as the site's default
    cache (production's fail-open backend); `redis.stop()` is an outage."""
    from lscpartnerships.pagecache import redis_cache
    from tests.pagecache.servers import RedisServer

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
