"""Site search on PostgreSQL full-text search, over the seed content plus 200
pages of filler that mention the same words in their bodies, so ranking is
tested against competition rather than an empty index."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction, Site

from lscpartnerships.core.factories import ContentPageFactory
from tests.helpers.make_run import make_run_site


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".app-search-results h3 a")]


def result_urls(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in html.select(".app-search-results h3 a")]


def add_filler():
    """200 filler pages under an archive page, mentioning the words searched for."""
    home = Site.objects.get(is_default_site=True).root_page
    filler_parent = ContentPageFactory(parent=home, title="Archive", slug="archive")
    for n in range(200):
        ContentPageFactory(
            parent=filler_parent,
            title=f"Community update {n}",
            summary="News from partners across Lancashire and South Cumbria.",
            body=[
                (
                    "rich_text",
                    f"<p>Update {n} mentions Blackpool, a director, the local authority "
                    "boundaries and partnership working in neighbourhoods.</p>",
                )
            ],
        )


@pytest.fixture(scope="module")
def search_site_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for this file (tests/helpers/snapshot.py): 200 pages take seconds."""
    from tests.helpers.site import load_initial_content
    from tests.helpers.snapshot import DatabaseSnapshot

    def build():
        load_initial_content()
        add_filler()

    with django_db_blocker.unblock():
        return DatabaseSnapshot.capture(build, tmp_path_factory.mktemp("search-site"))


@pytest.fixture
def search_site(db, search_site_snapshot, media_root):
    """The seed content plus 200 filler pages under an archive page."""
    search_site_snapshot.restore(media_root)
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def search(client, search_site):
    """GET /search/ with these parameters; the page must answer 200."""

    def get(**params):
        response = client.get("/search/", params)
        assert response.status_code == 200
        return response

    return get


def test_place_name_puts_the_place_page_first(search):
    response = search(q="Blackpool")
    assert result_urls(response)[0] == "/places/blackpool/"
    # Each result shows its page's own summary (a field of the page type).
    from places.models import PlacePartnershipPage

    summary = PlacePartnershipPage.objects.get(slug="blackpool").summary
    assert summary and " ".join(summary.split()[:8]) in response.text


def test_director_finds_the_four_directors(search):
    response = search(q="director", type="directors-directorprofilepage")
    titles = result_titles(response)
    for name in ["Claire Richardson", "Karen Smith", "Jane Scattergood", "Louise Taylor"]:
        assert name in titles


def test_board_decision_found_by_date_and_by_topic(search):
    for query in ["27 July", "boundaries"]:
        response = search(q=query, type="decisions-boarddecisionpage")
        titles = result_titles(response)
        assert titles, query
        assert any("boundar" in t.lower() for t in titles), (query, titles)


def test_results_page_echoes_query_counts_and_types(search):
    html = BeautifulSoup(search(q="Blackpool").content, "html.parser")
    assert html.h1.get_text() == "Search results for “Blackpool”"
    assert "results" in html.select_one("#result-count").get_text()
    assert html.select(".app-search-results li p")  # each result says its type
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_results_are_paginated_and_filter_by_type(search, client):
    response = search(q="update", page="2")
    assert len(result_titles(response)) == 10
    assert client.get("/search/", {"q": "update", "page": "999"}).status_code == 404
    response = search(q="Blackpool", type="places-placepartnershippage")
    assert result_urls(response) == ["/places/blackpool/"]


def test_empty_state_is_helpful(search):
    html = search(q="zzzqqqxxx").content.decode()
    assert "No results found for “zzzqqqxxx”" in html
    assert "double-checking your spelling" in html


def test_drafts_and_private_pages_never_appear(search, search_site):
    home = search_site
    draft = ContentPageFactory(parent=home, title="Secret draft zebra", live=False)
    private = ContentPageFactory(parent=home, title="Private zebra")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert Page.objects.filter(pk=draft.pk, live=False).exists()
    assert result_titles(search(q="zebra")) == []


def test_bad_input_is_harmless(search, client):
    cases = [
        "",
        "a" * 1000,
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        '<script>alert("x")</script>',
        '<b>bold</b> & "quotes"',
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ ñ 漢字 \u202e \x07",
        "%",
        "!!! ::: ***",
    ]
    for query in cases:
        response = search(q=query)
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "<b>bold</b>" not in body
    assert search(q="Blackpool", page="abc").status_code == 200
    # A NUL byte is refused before the view, with the site's 400 page (i12security).
    assert client.get("/search/", {"q": "a\u0000b"}).status_code == 400


def test_long_queries_are_trimmed(search):
    html = BeautifulSoup(search(q="b" * 1000).content, "html.parser")
    assert len(html.select_one("#search-query")["value"]) == 200


def test_search_promotions_show_first(search):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    next_steps = Page.objects.get(slug="next-steps")
    SearchPromotion.objects.create(
        query=Query.get("what next"), page=next_steps, sort_order=0, description="Plans."
    )
    html = BeautifulSoup(search(q="What next").content, "html.parser")
    assert html.find("h2", string="Recommended")
    assert "Next steps" in html.get_text()


@pytest.mark.django_db
def test_search_works_on_sqlite_for_make_run(tmp_path):
    """`make run` uses SQLite: the database search backend must work there too."""
    manage = make_run_site(tmp_path)
    out = manage(
        "shell",
        "-c",
        "from django.test import Client; r = Client(HTTP_HOST='localhost').get('/search/', {'q': 'Blackpool'}); "
        "print(r.status_code); print('Blackpool' in r.content.decode())",
    ).split()
    assert out[-2:] == ["200", "True"]
