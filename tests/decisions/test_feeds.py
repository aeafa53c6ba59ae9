"""Atom feeds of board decisions: all, and per place; advertised in <head>
of the decision list, each decision and each place page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from decisions.factories import BoardDecisionPageFactory
from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory
from places.links import PlaceLink

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def places(home):
    index = PlaceIndexPageFactory(parent=home)
    return {
        "blackpool": PlacePartnershipPageFactory(parent=index, title="Blackpool", slug="blackpool"),
        "lancashire": PlacePartnershipPageFactory(
            parent=index, title="Lancashire", slug="lancashire"
        ),
    }


@pytest.fixture
def decisions(decision_index, places):
    made = []
    for title, day, place in [
        ("Align the partnerships", datetime.date(2022, 7, 27), "blackpool"),
        ("Appoint directors", datetime.date(2022, 8, 10), "lancashire"),
        ("Draft: not yet published", datetime.date(2022, 9, 1), "blackpool"),
    ]:
        decision = BoardDecisionPageFactory(
            parent=decision_index, title=title, meeting_date=day, live=False
        )
        decision.place_links.add(PlaceLink(place=places[place]))
        decision.save()
        if not title.startswith("Draft"):
            decision.save_revision().publish()
        made.append(decision)
    return made


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed


def titles(feed):
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_feed_lists_live_decisions_newest_meeting_first(client, decision_index, decisions):
    feed = parse_feed(client.get(decision_index.url + "feed/"))
    assert feed.find(f"{ATOM}title").text == decision_index.title
    assert titles(feed) == ["Appoint directors", "Align the partnerships"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").endswith(decisions[1].url)
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"Agreed", "Lancashire"}


def test_place_feed_lists_only_that_places_decisions(client, decision_index, decisions):
    feed = parse_feed(client.get(decision_index.url + "feed/blackpool/"))
    assert feed.find(f"{ATOM}title").text == "Board decisions about Blackpool"
    assert titles(feed) == ["Align the partnerships"]
    assert client.get(decision_index.url + "feed/atlantis/").status_code == 404


def test_decision_list_still_filters_by_year(client, decision_index, decisions):
    response = client.get(decision_index.url + "?year=2022")
    assert response.status_code == 200
    assert client.get(decision_index.url + "?year=nonsense").status_code == 200


def feed_links(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return {
        link["title"]: link["href"]
        for link in html.find_all("link", rel="alternate", type="application/atom+xml")
    }


def test_feeds_are_advertised_where_readers_look_for_decisions(
    client, decision_index, decisions, places
):
    expected = {"Board decisions (Atom feed)": "/board-decisions/feed/"}
    assert expected.items() <= feed_links(client, decision_index.url).items()
    assert expected.items() <= feed_links(client, decisions[0].url).items()
    place_links = feed_links(client, places["blackpool"].url)
    assert expected.items() <= place_links.items()
    assert place_links["Board decisions about Blackpool (Atom feed)"] == (
        "/board-decisions/feed/blackpool/"
    )
    html = BeautifulSoup(client.get(decision_index.url).content, "html.parser")
    assert html.find("a", string="Atom feed of all board decisions")["href"] == (
        "/board-decisions/feed/"
    )
    assert html.find("a", string="Get an email when the board makes a new decision")
