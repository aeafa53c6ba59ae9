"""The briefings list and feeds as visitors and feed readers use them:
newest first, filters that work from a plain link, pagination that never
breaks, a fixed number of queries, and valid Atom feeds."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings.factories import BriefingPageFactory
from places.factories import PlaceLinkFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def make(index, title, date, audience="stakeholders", places=(), live=True):
    page = BriefingPageFactory(
        parent=index, title=title, publication_date=date, audience=audience, live=live
    )
    for place in places:
        PlaceLinkFactory(page=page, place=place)
    return page


@pytest.fixture
def briefings(index, places):
    blackpool, lancashire = places
    return [
        make(index, "Blackpool update", datetime.date(2022, 9, 1), "partners", [blackpool]),
        make(index, "Stakeholder briefing", datetime.date(2022, 7, 27), places=places),
        make(index, "Lancashire staff note", datetime.date(2021, 3, 2), "staff", [lancashire]),
        make(index, "Draft briefing", datetime.date(2023, 1, 1), places=[blackpool], live=False),
    ]


def titles(response):
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".nhsuk-card__link")]


def html_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_lists_live_briefings_newest_first(client, index, briefings):
    assert titles(client.get(index.url)) == [
        "Blackpool update",
        "Stakeholder briefing",
        "Lancashire staff note",
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"place": "blackpool"}, ["Blackpool update", "Stakeholder briefing"]),
        ({"place": "lancashire"}, ["Stakeholder briefing", "Lancashire staff note"]),
        ({"audience": "staff"}, ["Lancashire staff note"]),
        ({"year": "2022"}, ["Blackpool update", "Stakeholder briefing"]),
        ({"place": "lancashire", "year": "2022"}, ["Stakeholder briefing"]),
        ({"place": "blackpool", "audience": "partners", "year": "2022"}, ["Blackpool update"]),
        ({"audience": "public"}, []),
    ],
)
def test_filters_by_place_audience_and_year(client, index, briefings, query, expected):
    assert titles(client.get(index.url, query)) == expected


def test_filter_form_is_a_plain_get_form_that_keeps_the_choices(client, index, briefings):
    html = html_of(client.get(index.url, {"place": "blackpool", "year": "2022"}))
    form = html.find("main").find("form", method="get")
    assert form["action"] == index.url
    assert form.find("button", type="submit")
    assert form.find("select", id="id_place").find("option", selected=True)["value"] == "blackpool"
    assert form.find("select", id="id_year").find("option", selected=True)["value"] == "2022"
    places = [o["value"] for o in form.find("select", id="id_place").find_all("option")]
    assert places == ["", "blackpool", "lancashire"]
    years = [o["value"] for o in form.find("select", id="id_year").find_all("option")]
    assert years == ["", "2022", "2021"]  # only years that have live briefings
    assert html.find("h2", id="results").get_text() == "2 briefings about Blackpool"


def test_filtered_views_are_not_indexed(client, index, briefings):
    plain = client.get(index.url)
    assert not html_of(plain).find("meta", attrs={"name": "robots"})
    assert "X-Robots-Tag" not in plain

    filtered = client.get(index.url, {"audience": "staff"})
    assert html_of(filtered).find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"place": "atlantis"}, "place", "There are no briefings for that place"),
        ({"year": "abc"}, "year", "There are no briefings from that year"),
        ({"year": "1850"}, "year", "There are no briefings from that year"),
        ({"audience": "<script>"}, "audience", "Choose an audience from the list"),
    ],
)
def test_unknown_filter_values_are_explained_not_errors(
    client, index, briefings, query, field, message
):
    response = client.get(index.url, query)
    assert response.status_code == 200
    html = html_of(response)
    assert message in html.find(id=f"{field}-error").get_text()
    assert html.find("select", id=f"id_{field}")["aria-describedby"] == f"{field}-error"
    # The bad value is ignored: every briefing is still listed.
    assert len(titles(response)) == 3
    assert b"<script>" not in response.content


def test_pagination_never_answers_500(client, index):
    for n in range(12):
        make(index, f"Briefing {n:02d}", datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    assert titles(client.get(index.url)) == [f"Briefing {n:02d}" for n in range(11, 1, -1)]
    assert titles(client.get(index.url, {"page": "2"})) == ["Briefing 01", "Briefing 00"]
    assert len(titles(client.get(index.url, {"page": "abc"}))) == 10
    assert len(titles(client.get(index.url, {"page": "-3"}))) == 10
    assert client.get(index.url, {"page": "99999"}).status_code == 404
    assert client.get(index.url, {"page": "1" * 40}).status_code == 404


def test_pagination_links_keep_the_filters(client, index, places):
    for n in range(12):
        make(index, f"Briefing {n:02d}", datetime.date(2022, 2, n + 1), places=[places[0]])
    html = html_of(client.get(index.url, {"place": "blackpool", "audience": "stakeholders"}))
    next_link = html.select_one(".nhsuk-pagination__link--next")["href"]
    assert "place=blackpool" in next_link and "audience=stakeholders" in next_link
    assert "page=2" in next_link
    assert titles(client.get(index.url + next_link)) == ["Briefing 01", "Briefing 00"]


def _queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The page shell (site, page route, header menu, breadcrumbs, settings, footer)
# plus the listing: place options, years, count, the page
# of briefings and all their places in one prefetch. The same for 2 or 9 items.
INDEX_QUERIES = (
    7  # with the shell (2: route, page with its restriction flag; ADR 0065); public places only
)


@pytest.mark.parametrize("count", [2, 9])
def test_index_query_count_is_pinned(client, index, places, django_assert_num_queries, count):
    for n in range(count):
        make(index, f"Briefing {n}", datetime.date(2022, 1, n + 1), places=places)
    client.get(index.url)
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(index.url)
    assert len(titles(response)) == count


def test_query_count_does_not_grow_with_briefings_or_filters(client, index, places):
    make(index, "First", datetime.date(2022, 1, 1), places=places)
    few = _queries(client, index.url)
    for n in range(15):
        make(index, f"Briefing {n}", datetime.date(2022, 2, n + 1), places=places)
    assert _queries(client, index.url) == few
    assert _queries(client, index.url + "?page=2") == few
    assert _queries(client, index.url + "?place=blackpool&year=2022") == few


# -- feeds ---------------------------------------------------------------------------


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    # Our own feed, parsed to prove it is well-formed XML.
    return ET.fromstring(response.content)  # noqa: S314


def test_feed_lists_live_briefings_newest_first(client, index, briefings):
    feed = parse_feed(client.get(index.url + "feed/"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == index.title
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Blackpool update",
        "Stakeholder briefing",
        "Lancashire staff note",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").endswith(briefings[0].url)
    assert first.find(f"{ATOM}summary").text == briefings[0].summary
    assert first.find(f"{ATOM}published").text.startswith("2022-09-01")
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} == {"Partners", "Blackpool"}


def test_place_feed_lists_only_that_places_briefings(client, index, briefings):
    feed = parse_feed(client.get(index.url + "feed/lancashire/"))
    assert feed.find(f"{ATOM}title").text == "Briefings about Lancashire"
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        "Stakeholder briefing",
        "Lancashire staff note",
    ]


def test_unknown_place_feed_is_404(client, index, briefings):
    assert client.get(index.url + "feed/atlantis/").status_code == 404


def test_place_filter_offers_that_places_feed(client, index, briefings):
    html = html_of(client.get(index.url, {"place": "blackpool"}))
    link = html.find("a", string="Atom feed of briefings about Blackpool")
    assert link["href"] == "/briefings/feed/blackpool/"
    assert html.find("link", rel="alternate", href="/briefings/feed/blackpool/")
