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
