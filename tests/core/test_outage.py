"""A real database outage: gunicorn serving the site, PostgreSQL behind a TCP
proxy that the tests cut and reopen (tests/helpers/tcp_proxy.py).

While the database is unreachable every page answers the friendly 503 page with
Retry-After, /healthz/live stays 200 and /healthz/ready names the database;
when it comes back, or when it drops the site's connections, the very next
request answers 200 without restarting anything.
"""

import re
import time

import pytest

from tests.browser.a11y import describe_violations, overflow_problem, run_axe
from tests.helpers.gunicorn_site import ROOT

UNAVAILABLE = "This service is temporarily unavailable"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def sitemap_paths(site):
    body = site.get("/sitemap.xml").body
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", body)]


@pytest.fixture
def cut_database(faults_site):
    """The database unreachable for the length of the test, then back."""
    faults_site.proxy.cut()
    yield faults_site
    faults_site.proxy.reopen()


@pytest.fixture(scope="module")
def public_paths(faults_site):
    paths = sitemap_paths(faults_site)
    assert len(paths) > 10, paths
    # What else a visitor, a crawler, a partner or an editor asks for.
    return [
        *paths,
        "/search/?q=blackpool",
        "/briefings/feed/",
        "/admin/login/",
        "/documents/1/anything/",
        "/no-such-page/",
    ]


def test_every_page_answers_the_friendly_503_while_the_database_is_unreachable(
    faults_site, public_paths, cut_database
):
    for path in public_paths:
        response = faults_site.get(path)
        assert response.status == 503, (path, response.status, response.body[:300])
        assert UNAVAILABLE in response.body, path
        assert response.headers["Retry-After"] == "30", path
        assert "no-cache" in response.headers["Cache-Control"], path
        # The NHS.UK page shell, rendered without the database.
        assert 'class="nhsuk-header' in response.body and "nhsuk-footer" in response.body


def test_the_partner_api_answers_json_503_while_the_database_is_unreachable(
    faults_site, cut_database
):
    for path in ("/api/v2/pages/", "/api/v2/documents/", "/api/v2/pages/3/"):
        response = faults_site.get(path)
        assert response.status == 503, (path, response.status, response.body[:300])
        assert response.headers["Content-Type"] == "application/json"
        assert response.json()["message"].startswith(UNAVAILABLE)
        assert response.headers["Retry-After"] == "30"


def test_health_checks_while_the_database_is_unreachable(faults_site, cut_database):
    live = faults_site.get("/healthz/live")
    assert (live.status, live.json()) == (200, {"status": "ok"})
    for path in ("/healthz/ready", "/healthz/"):
        ready = faults_site.get(path)
        assert ready.status == 503, path
        assert ready.headers["Content-Type"] == "application/json"
        assert ready.json()["failing"] == ["database"]
        assert ready.json()["checks"]["database"] == "unavailable"


def test_robots_txt_answers_without_the_database(faults_site, cut_database):
    response = faults_site.get("/robots.txt")
    assert response.status == 200
    assert "Disallow: /admin/" in response.body


def test_outage_is_logged_as_an_error_with_its_traceback(faults_site, cut_database):
    response = faults_site.get("/places/", headers={"X-Request-ID": "outage-trace-1"})
    assert response.status == 503
    assert response.headers["X-Request-ID"] == "outage-trace-1"
    records = [r for r in faults_site.log_records() if r.get("request_id") == "outage-trace-1"]
    error = next(r for r in records if r["level"] == "ERROR")
    assert error["logger"] == "lscpartnerships.outage"
    assert "Traceback (most recent call last)" in error["exc_info"]
    assert "OperationalError" in error["exc_info"]
    access = next(r for r in records if r["logger"] == "lscpartnerships.request")
    assert (access["path"], access["status"]) == ("/places/", 503)


def test_next_request_after_the_database_returns_answers_200(faults_site, public_paths):
    assert faults_site.get("/").status == 200
    faults_site.proxy.cut()
    try:
        # Each worker tries (and fails) to use its dead persistent connection.
        for _ in range(4):
            assert faults_site.get("/").status == 503
    finally:
        faults_site.proxy.reopen()
    returned = time.monotonic()
    first = faults_site.get("/")
    seconds = time.monotonic() - returned
    print(f"\nSeconds from PostgreSQL's return to the first 200: {seconds:.3f}")
    assert first.status == 200, first.body[:300]
    # Every worker recovered, on every page, without a restart.
    for path in public_paths[:12]:
        assert faults_site.get(path).status == 200, path
    assert faults_site.get("/healthz/ready").json()["status"] == "ok"


def test_next_request_after_the_database_drops_its_connections_answers_200(faults_site):
    # Warm every worker's persistent connection.
    for _ in range(6):
        assert faults_site.get("/").status == 200
    assert faults_site.proxy.open_connections >= 1
    terminated = faults_site.terminate_database_connections()
    assert terminated, "no connection of the site's to terminate"
    for path in ("/", "/places/", "/", "/search/?q=lancashire", "/", "/healthz/ready"):
        response = faults_site.get(path)
        assert response.status == 200, (path, response.status, response.body[:300])


@pytest.mark.browser
def test_503_page_in_chromium(faults_site, cut_database, browser):
    """The outage page as a visitor sees it, styled (its static files need no
    database), with screenshots for people to look at (desktop and 320 px)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        response = tab.goto(faults_site.base_url + "/places/")
        assert response.status == 503
        assert tab.locator("h1").inner_text() == UNAVAILABLE
        # The stylesheet loaded: the NHS.UK header is blue, not unstyled.
        header = tab.locator("header").evaluate("e => getComputedStyle(e).backgroundColor")
        assert header == "rgb(0, 94, 184)", header
        # WCAG 2.2 AA like every other page (tests/browser/a11y.py), no sideways scroll.
        results = run_axe(tab)
        assert not results["violations"], describe_violations(f"503 at {width}px", results)
        assert overflow_problem(tab, width) is None
        tab.screenshot(
            path=str(SCREENSHOTS / f"503-database-unavailable-{width}.png"), full_page=True
        )
        context.close()
