"""Production-build smoke: the site as production builds and serves it (see
conftest.py) is crawled page by page and resource by resource.

It fails when `collectstatic` fails (a missing file in the manifest, the
source-map fix undone), when any page or anything a page loads does not answer
200 (a template naming a static file that does not exist, a broken portrait),
when a page loads from a host the settings do not declare, when the site names
itself by anything but SITE_BASE_URL, or when static files are not cached
for good.
"""

import json
import re

from bs4 import BeautifulSoup

from tests.production.conftest import ROOT, SITE_BASE_URL

YEAR = 365 * 24 * 60 * 60


def test_every_public_page_and_subresource_answers_200(production_crawl):
    crawl = production_crawl
    pages, subresources = crawl.pages, crawl.subresources
    external = sum(len(urls) for urls in crawl.external_resources.values())
    print(
        f"\nProduction smoke: {len(pages)} pages and {len(subresources)} sub-resources "
        f"crawled ({len(crawl.responses)} requests); {external} sub-resources on declared "
        f"hosts {sorted(crawl.external_resources)}; {len(crawl.external_links)} links to "
        "other websites (not fetched)."
    )
    assert crawl.not_ok() == []
    # The crawl reached every kind of thing the site serves.
    paths = list(crawl.responses)
    assert len(pages) >= 20
    assert any(p.startswith("/static/") and p.endswith(".css") for p in paths)
    assert any(p.startswith("/static/") and p.endswith(".js") for p in paths)
    assert any(re.match(r"^/static/.*favicon.*\.(ico|svg)$", p) for p in paths)
    assert any(p.startswith("/media/images/") for p in paths), "no image renditions crawled"
    assert any(p.startswith("/media/original_images/") for p in paths), "no API image downloads"
    assert any(p.startswith("/documents/") for p in paths), "no documents crawled"
    assert any("/feed/" in p for p in paths), "no feeds crawled"
    assert any(
        p.startswith("/api/v2/pages/") and p.rstrip("/").split("/")[-1].isdigit() for p in paths
    )


def test_pages_refer_only_to_the_site_and_hosts_the_settings_declare(production_crawl):
    assert production_crawl.declared_hosts, "no Content-Security-Policy header on the home page"
    assert production_crawl.problems == []
    # NHS.UK frontend's web font is the one thing loaded from elsewhere.
    assert set(production_crawl.external_resources) <= production_crawl.declared_hosts


def test_director_portraits_display(production_crawl):
    """Every <img> on the directors' pages loads (a broken portrait fails)."""
    crawl = production_crawl
    portraits = []
    for path, response in crawl.pages.items():
        if not path.startswith("/directors/"):
            continue
        for image in BeautifulSoup(response.text(), "html.parser").find_all("img"):
            portraits.append(image["src"])
    assert portraits, "the directors' pages show no images"
    for src in portraits:
        assert crawl.responses[src].status == 200, src
        assert crawl.responses[src].content_type.startswith("image/"), src


def test_static_files_are_hashed_compressed_and_cached_for_good(production_crawl, production_site):
    static = {p: r for p, r in production_crawl.responses.items() if p.startswith("/static/")}
    assert static
    for path, response in static.items():
        # Hashed names: the manifest storage put a content hash in every one.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", path), f"{path} has no content hash"
        cache_control = response.headers.get("cache-control", "")
        max_age = re.search(r"max-age=(\d+)", cache_control)
        assert "immutable" in cache_control and max_age and int(max_age.group(1)) >= YEAR, (
            f"{path}: Cache-Control {cache_control!r}"
        )
    manifest = json.loads((production_site.static_root / "staticfiles.json").read_text())
    css = manifest["paths"]["wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"]
    # Compressed copies exist for whitenoise to serve to browsers that accept them.
    assert (production_site.static_root / (css + ".gz")).exists()


def test_missing_source_maps_are_dropped_not_referenced(production_site):
    """wagtail-nhsuk-frontend ships no .map files: the collected copies name none."""
    manifest = json.loads((production_site.static_root / "staticfiles.json").read_text())["paths"]
    for name in (
        "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css",
        "wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js",
    ):
        collected = (production_site.static_root / manifest[name]).read_text()
        assert "sourceMappingURL" not in collected, name
        assert len(collected) > 10_000, name  # the file itself is intact
    # site.js imports NHS.UK frontend by its hashed name, so both cache for good.
    site_js = (production_site.static_root / manifest["js/site.js"]).read_text()
    assert (
        manifest["wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js"].split("/")[-1] in site_js
    )


def _absolute_urls(text):
    return re.findall(r"""https?://[^\s"'<>\\]+""", text)


def test_every_public_address_uses_site_base_url(production_crawl):
    """Canonical links, og:url, JSON-LD, the sitemap, feeds, robots.txt and the
    API name the site by SITE_BASE_URL (the request here came to 127.0.0.1)."""
    responses = production_crawl.responses
    home = BeautifulSoup(responses["/"].text(), "html.parser")
    assert home.find("link", rel="canonical")["href"] == SITE_BASE_URL + "/"
    assert home.find("meta", property="og:url")["content"] == SITE_BASE_URL + "/"
    organisation = json.loads(home.find("script", type="application/ld+json").string)
    assert organisation["url"] == SITE_BASE_URL + "/"

    place = next(p for p in responses if p.startswith("/places/") and p.count("/") == 3)
    soup = BeautifulSoup(responses[place].text(), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == SITE_BASE_URL + place
    breadcrumbs = [
        json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")
    ]
    items = [item["item"] for data in breadcrumbs for item in data.get("itemListElement", [])]
    assert items and all(item.startswith(SITE_BASE_URL + "/") for item in items)

    sitemap = responses["/sitemap.xml"].text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(SITE_BASE_URL + "/") for loc in locs)

    assert f"Sitemap: {SITE_BASE_URL}/sitemap.xml" in responses["/robots.txt"].text()

    feed = responses["/briefings/feed/"].text()
    feed_urls = [u for u in _absolute_urls(feed) if "w3.org" not in u]
    assert f'href="{SITE_BASE_URL}/briefings/feed/"' in feed
    assert feed_urls and all(u.startswith(SITE_BASE_URL + "/") for u in feed_urls)

    api = json.loads(responses["/api/v2/pages/?limit=50"].text())
    detail_urls = [item["meta"]["detail_url"] for item in api["items"]]
    html_urls = [item["meta"]["html_url"] for item in api["items"]]
    assert detail_urls and all(u.startswith(SITE_BASE_URL + "/api/v2/pages/") for u in detail_urls)
    assert all(u.startswith(SITE_BASE_URL + "/") for u in html_urls)
    for endpoint in ("documents", "images"):
        listing = json.loads(responses[f"/api/v2/{endpoint}/?limit=50"].text())
        assert listing["items"], endpoint
        for item in listing["items"]:
            assert item["meta"]["detail_url"].startswith(f"{SITE_BASE_URL}/api/v2/{endpoint}/")
            detail = json.loads(responses[item["meta"]["detail_url"][len(SITE_BASE_URL) :]].text())
            assert detail["meta"]["download_url"].startswith(SITE_BASE_URL + "/")


def test_served_by_gunicorn_with_the_repository_config(production_crawl, production_site):
    home = production_crawl.responses["/"]
    assert home.headers.get("server", "").startswith("gunicorn")
    log = production_site.log()
    assert "Using worker: gthread" in log
    # The access log (gunicorn.conf.py's format) goes to stdout, one line per request.
    assert re.search(r'127\.0\.0\.1 "GET /sitemap\.xml HTTP/1\.1" 200 \d+ \d+ms', log)
    # The production Content-Security-Policy is on (HSTS needs HTTPS, so not here).
    assert "default-src" in home.headers.get("content-security-policy", "")


def test_production_build_looks_right_in_chromium(production_site, browser):
    """The directors' page of the production build in Chromium: NHS.UK styles
    applied from the hashed stylesheet, every portrait decoded (a broken image
    has no natural width). The screenshot is kept for people to look at."""
    screenshots = ROOT / "test-artifacts" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # No internet here: NHS.UK's font host is declared but not reachable.
        page.route("https://assets.nhs.uk/**", lambda route: route.abort())
        failed = []
        page.on(
            "requestfailed",
            lambda request: None if "assets.nhs.uk" in request.url else failed.append(request.url),
        )
        page.goto(production_site.server_url + "/directors/", wait_until="networkidle")
        images = page.eval_on_selector_all(
            "main img", "images => images.map(i => [i.currentSrc, i.naturalWidth])"
        )
        header_colour = page.eval_on_selector(
            "header.nhsuk-header", "h => getComputedStyle(h).backgroundColor"
        )
        page.screenshot(path=screenshots / "production-directors.png", full_page=True)
    finally:
        context.close()
    assert failed == []
    assert len(images) >= 4, images
    assert all(width > 0 for _, width in images), images
    assert header_colour == "rgb(0, 94, 184)"  # NHS blue: the collected CSS is applied


def test_admin_sign_in_page_loads_its_collected_static_files(production_site):
    """The admin is the editors' workplace: its stylesheets, scripts and icons
    come from the same manifest build and must all be there, cached for good."""
    from tests.production.crawl import Crawl

    crawl = Crawl(production_site.server_url, SITE_BASE_URL, follow_links=False)
    crawl.run("/admin/login/")
    static = [p for p in crawl.responses if p.startswith("/static/")]
    print(f"\nAdmin sign-in page: {len(static)} static files")
    assert crawl.not_ok() == []
    assert crawl.problems == []
    assert any("wagtailadmin" in p and p.endswith(".css") for p in static)
    assert any("wagtailadmin" in p and p.endswith(".js") for p in static)
    for path in static:
        assert "immutable" in crawl.responses[path].headers.get("cache-control", ""), path


def test_admin_page_editor_works_on_the_production_build(production_site, browser):
    """An editor signs in and opens the home page's editor in Chromium: every
    request the admin makes (its scripts load more) answers below 400."""
    import subprocess
    import sys

    created = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; from wagtail.models import Site; "
            "get_user_model().objects.create_superuser("
            "'smoke-admin', 'smoke@example.invalid', 'smoke-admin-password'); "
            "print('home', Site.objects.get(is_default_site=True).root_page_id)",
        ],
        cwd=ROOT,
        env=production_site.environment,
        check=True,
        capture_output=True,
        text=True,
    )
    home_id = int(created.stdout.split("home")[-1])
    base = production_site.server_url
    (ROOT / "test-artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
    # Every admin user has a second factor: the session browser's contexts
    # enrol and enter a code when the sign-in form is posted (tests/conftest.py).
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("https://assets.nhs.uk/**", lambda route: route.abort())
        bad = []
        page.on(
            "response",
            lambda response: (
                bad.append(f"{response.status} {response.url}") if response.status >= 400 else None
            ),
        )
        page.on(
            "requestfailed",
            lambda request: (
                None if "assets.nhs.uk" in request.url else bad.append(f"failed {request.url}")
            ),
        )
        page.goto(base + "/admin/login/")
        page.fill("#id_username", "smoke-admin")
        page.fill("#id_password", "smoke-admin-password")
        page.click("button[type=submit]")
        page.wait_for_url(base + "/admin/")
        page.goto(f"{base}/admin/pages/{home_id}/edit/", wait_until="networkidle")
        page.wait_for_selector("form#page-edit-form")
        page.screenshot(path=ROOT / "test-artifacts" / "screenshots" / "production-admin-edit.png")
    finally:
        context.close()
    assert bad == []
