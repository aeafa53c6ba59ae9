"""What search engines, social media and feed readers see: Open Graph and
Twitter cards, canonical URLs, schema.org JSON-LD and feed links in the head."""

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def json_ld(tag):
    return [json.loads(s.string) for s in tag.find_all("script", type="application/ld+json")]


def test_home_has_organisation_json_ld_and_social_cards(client, initial_content):
    tag = head(client, "/")
    data = json_ld(tag)
    organisation = next(d for d in data if d["@type"] == "GovernmentOrganization")
    assert organisation["name"] == "NHS Lancashire and South Cumbria"
    assert tag.find("meta", property="og:title")["content"]
    assert tag.find("meta", property="og:url")["content"] == "http://localhost/"
    assert tag.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert tag.find("link", rel="canonical")["href"] == "http://localhost/"


def test_every_page_below_home_has_breadcrumb_list(client, initial_content):
    for page in initial_content.get_descendants().live().specific():
        tag = head(client, page.url)
        crumbs = next(d for d in json_ld(tag) if d["@type"] == "BreadcrumbList")
        items = crumbs["itemListElement"]
        assert items[0]["name"] == "Home"
        assert items[-1]["item"] == page.full_url
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert tag.find("link", rel="canonical")["href"] == page.full_url


def test_feeds_are_advertised_in_the_head(client, initial_content):
    alternates = head(client, "/").find_all("link", rel="alternate")
    assert "/briefings/feed/" in [a["href"] for a in alternates]
    place_alternates = head(client, "/places/blackpool/").find_all("link", rel="alternate")
    assert "/briefings/feed/blackpool/" in [a["href"] for a in place_alternates]
    assert client.get("/briefings/feed/blackpool/").status_code == 200


def test_header_search_box_points_at_site_search(client, initial_content):
    form = BeautifulSoup(client.get("/").content, "html.parser").select_one("header form")
    assert form["action"] == "/search/"
    assert form.find("label").get_text(strip=True) == "Search this website"


def test_sitemap_lists_exactly_the_live_public_pages(client, initial_content):
    from wagtail.models import PageViewRestriction

    from lscpartnerships.core.factories import ContentPageFactory

    ContentPageFactory(parent=initial_content, title="Draft", slug="draft-page", live=False)
    private = ContentPageFactory(parent=initial_content, slug="private-page")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locs = {loc.text for loc in tree.findall("s:url/s:loc", ns)}
    expected = {
        p.full_url
        for p in initial_content.get_descendants(inclusive=True).live().public().specific()
    }
    assert locs == expected
    assert all(url.find("s:lastmod", ns) is not None for url in tree.findall("s:url", ns))


def test_each_page_advertises_each_feed_exactly_once(client, initial_content):
    urls = [page.url for page in initial_content.get_descendants(inclusive=True).live()]
    for url in [*urls, "/briefings/?place=blackpool"]:
        feeds = head(client, url).find_all("link", rel="alternate", type="application/atom+xml")
        hrefs = [feed["href"] for feed in feeds]
        assert "/briefings/feed/" in hrefs, url
        assert len(hrefs) == len(set(hrefs)), (url, hrefs)
        assert len({feed["title"] for feed in feeds}) == len(feeds), (url, hrefs)
    filtered = head(client, "/briefings/?place=blackpool").find_all("link", rel="alternate")
    assert "/briefings/feed/blackpool/" in [feed["href"] for feed in filtered]
    decision = head(client, "/board-decisions/align-to-local-authority-boundaries/")
    assert "/board-decisions/feed/" in [feed["href"] for feed in decision.find_all("link")]


def robots(response):
    tags = BeautifulSoup(response.content, "html.parser").find_all("meta", attrs={"name": "robots"})
    return [tag["content"] for tag in tags]


def test_noindex_exactly_where_search_engines_must_not_look(client, initial_content):
    """One mechanism: a view or page sets `noindex` and the page shell writes
    one robots meta tag; no page says it twice or by a header."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get()
    not_for_search_engines = [
        "/search/?q=partnership",
        "/briefings/?audience=stakeholders",
        "/briefings/?place=blackpool",
        "/board-decisions/?year=2022",
        "/no-such-page/",
        "/email-alerts/",
        "/email-alerts/privacy/",
        f"/accessible-format/{document.pk}/",
    ]
    for url in not_for_search_engines:
        response = client.get(url)
        assert robots(response) == ["noindex"], url
        assert "X-Robots-Tag" not in response, url
    for page in initial_content.get_descendants(inclusive=True).live():
        response = client.get(page.url)
        assert robots(response) == [], page.url
        assert "X-Robots-Tag" not in response, page.url
