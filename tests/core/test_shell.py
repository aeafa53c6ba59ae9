"""The page shell every visitor meets: language, skip link, header navigation,
titles, meta descriptions, footer, error pages and no inline code."""

import re

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from lscpartnerships.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_seed_page_has_lang_skip_link_unique_title_and_description(client, initial_content):
    titles = set()
    for page in initial_content.get_descendants(inclusive=True).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = soup(response)
        assert html.html["lang"] == "en-GB"
        first_focusable = html.body.find(["a", "button", "input", "select", "textarea"])
        assert first_focusable["href"] == "#maincontent"
        assert first_focusable.get_text(strip=True) == "Skip to main content"
        assert html.find("main", id="maincontent") is not None
        title = html.title.get_text(strip=True)
        assert title not in titles, f"duplicate <title> {title}"
        titles.add(title)
        description = html.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), page.url
        assert len(html.find_all("h1")) == 1, page.url
        if page.depth > 2:
            assert html.find("nav", class_="nhsuk-breadcrumb"), page.url


def test_header_names_the_organisation_and_footer_has_required_links(client, initial_content):
    html = soup(client.get("/"))
    assert "NHS Lancashire and South Cumbria" in html.find("header").get_text()
    footer_links = [a.get_text(strip=True) for a in html.find("footer").find_all("a")]
    assert footer_links == ["Accessibility statement", "Contact us", "Privacy", "Cookies"]
    for a in html.find("footer").find_all("a"):
        assert client.get(a["href"]).status_code == 200


def test_navigation_entries_appear_as_sections_exist(
    client, home, django_capture_on_commit_callbacks
):
    html = soup(client.get("/"))
    assert html.select("a.nhsuk-header__navigation-link") == []
    # Published as an editor would: publishing a menu section refreshes the
    # cached menu (lscpartnerships.pagecache).
    with django_capture_on_commit_callbacks(execute=True):
        for title, in_menu in (("Places", True), ("Not a section", False)):
            page = ContentPageFactory(parent=home, title=title, show_in_menus=in_menu)
            page.save_revision().publish()
    html = soup(client.get("/"))
    links = html.select("a.nhsuk-header__navigation-link")
    assert [a.get_text(strip=True) for a in links] == ["Places"]
    html = soup(client.get("/places/"))
    current = html.select_one("a.nhsuk-header__navigation-link[aria-current]")
    assert current.get_text(strip=True) == "Places"


def test_long_pages_get_back_to_top_link(client, home):
    short = ContentPageFactory(parent=home)
    long = ContentPageFactory(
        parent=home, body=[("rich_text", f"<p>Paragraph {n}</p>") for n in range(6)]
    )
    assert "Back to top" not in client.get(short.url).content.decode()
    assert 'href="#top"' in client.get(long.url).content.decode()


def test_no_inline_scripts_or_styles_and_csp_forbids_them(client, initial_content):
    for url in ["/", "/what-is-a-place-based-partnership/", "/no-such-page/"]:
        response = client.get(url)
        html = soup(response)
        for script in html.find_all("script"):
            # JSON-LD is a data block the browser never runs; anything else needs a src.
            if script.get("type") != "application/ld+json":
                assert script.get("src"), f"inline script on {url}"
        assert html.find("style") is None
        assert html.find(attrs={"style": True}) is None
        assert not re.search(r"\son[a-z]+=", response.content.decode())
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_404_page_is_in_the_site_shell(client, initial_content):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = soup(response)
    assert html.h1.get_text() == "Page not found"
    assert html.find("header") and html.find("footer")
    assert html.find("a", class_="nhsuk-skip-link")


def test_500_page_renders_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert 'lang="en-GB"' in html and "nhsuk-header" in html and "nhsuk-skip-link" in html


def test_500_response_from_the_server(client, initial_content, monkeypatch):
    """A view that fails answers with the 500 page, not a traceback."""
    from lscpartnerships.core.models import ContentPage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ContentPage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/next-steps/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_contact_details_block_shows_site_settings(client, initial_content):
    from lscpartnerships.core.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.contact_email = "enquiries@example.nhs.uk"
    settings.save()
    html = client.get("/contact-us/").content.decode()
    assert 'href="mailto:enquiries@example.nhs.uk"' in html


def test_robots_txt_disallows_admin_and_points_at_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    # The site's public address (SITE_BASE_URL), not the request's Host.
    assert "Sitemap: http://localhost/sitemap.xml" in body


def test_sitemap_lists_live_pages(client, initial_content):
    body = client.get("/sitemap.xml").content.decode()
    assert "/what-is-a-place-based-partnership/</loc>" in body


def test_the_organisation_name_comes_from_site_settings_everywhere(
    client, initial_content, django_capture_on_commit_callbacks
):
    """Renamed in Site settings, the organisation's new name is what every page's
    title, header and footer, the 404 page and a director's JSON-LD say."""
    import json

    from wagtail.models import Site

    from lscpartnerships.core.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Example Integrated Care Board"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    for url in ("/", "/places/blackpool/", "/directors/karen-smith/"):
        html = soup(client.get(url))
        assert html.title.get_text().endswith(" - Example Integrated Care Board"), url
        assert "Example Integrated Care Board" in html.find("header").get_text(), url
        assert "© Example Integrated Care Board" in html.find("footer").get_text(), url
    missing = soup(client.get("/no-such-page/"))
    assert missing.title.get_text() == "Page not found - Example Integrated Care Board"
    (person,) = [
        data
        for data in (
            json.loads(s.string)
            for s in soup(client.get("/directors/karen-smith/")).find_all(
                "script", type="application/ld+json"
            )
        )
        if data["@type"] == "Person"
    ]
    assert person["worksFor"]["name"] == "Example Integrated Care Board"
