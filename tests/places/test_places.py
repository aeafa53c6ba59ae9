"""Place pages: the index of places with their directors and local authorities,
a page per place, and the history of the former partnerships they replaced."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from decisions.factories import BoardDecisionIndexPageFactory, BoardDecisionPageFactory
from directors.factories import DirectorProfilePageFactory
from lscpartnerships.core.models import HomePage
from places.factories import (
    FormerPartnershipFactory,
    PlaceLinkFactory,
    PlacePartnershipPageFactory,
)
from places.models import FormerPartnership, PlaceIndexPage, PlacePartnershipPage
from tests.helpers.html import assert_well_formed_page, soup


def list_block(items):
    """Form data for a ListBlock, as the admin's editor submits it."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index)}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def test_parents_and_children(page_checks):
    page_checks.assertAllowedParentPageTypes(PlaceIndexPage, {HomePage})
    page_checks.assertAllowedSubpageTypes(PlaceIndexPage, {PlacePartnershipPage})
    page_checks.assertAllowedParentPageTypes(PlacePartnershipPage, {PlaceIndexPage})
    page_checks.assertAllowedSubpageTypes(PlacePartnershipPage, set())


def test_index_and_place_created_through_the_admin_form(page_checks, home, director_index):
    director = DirectorProfilePageFactory(parent=director_index, title="Karen Smith")
    page_checks.assertCanCreate(
        home,
        PlaceIndexPage,
        nested_form_data(
            {
                "title": "Place-based partnerships",
                "slug": "places",
                "summary": "The four places.",
                "introduction": rich_text("<p>What a place is.</p>"),
                "history": rich_text("<p>There were five.</p>"),
            }
        ),
    )
    index = PlaceIndexPage.objects.get()
    # Only one places index may exist.
    assert not PlaceIndexPage.can_create_at(home)

    page_checks.assertCanCreate(
        index,
        PlacePartnershipPage,
        nested_form_data(
            {
                "title": "Blackpool place-based partnership",
                "slug": "blackpool",
                "summary": "The partnership for Blackpool.",
                "local_authority_name": "Blackpool Council",
                "local_authority_url": "",
                "priorities": streamfield(
                    [
                        ("heading", {"text": "Core aims", "level": "2"}),
                        (
                            "aims_list",
                            {
                                "introduction": "The core aims are to:",
                                "style": "bullet",
                                "items": list_block(["Reduce inequalities."]),
                            },
                        ),
                    ]
                ),
                "areas_covered": streamfield([]),
                "contact_email": "",
                "contact_phone": "",
                "contact_address": "",
            }
        ),
    )
    place = PlacePartnershipPage.objects.get(slug="blackpool")
    assert place.live
    # The director is chosen on the profile; the place shows it.
    director.place = place
    director.save_revision().publish()
    assert PlacePartnershipPage.objects.get(pk=place.pk).director == director
    assert list(place.priorities[1].value["items"]) == ["Reduce inequalities."]
    page_checks.assertPageIsRenderable(index)
    page_checks.assertPageIsRenderable(place)


def test_priorities_offer_only_the_blocks_suited_to_aims():
    blocks = set(PlacePartnershipPage.priorities.field.stream_block.child_blocks)
    assert blocks == {"heading", "rich_text", "aims_list", "inset_text", "action_link"}


@pytest.mark.django_db
def test_index_cards_show_each_places_director_and_local_authority(
    client, places_index, director_index
):
    blackpool = PlacePartnershipPageFactory(
        parent=places_index,
        title="Blackpool place-based partnership",
        short_title="Blackpool",
        local_authority_name="Blackpool Council",
    )
    DirectorProfilePageFactory(parent=director_index, title="Karen Smith", place=blackpool)
    PlacePartnershipPageFactory(
        parent=places_index, title="Lancashire", local_authority_name="Lancashire County Council"
    )
    html = assert_well_formed_page(client.get(places_index.url))
    cards = html.select("li.nhsuk-card-group__item")
    assert len(cards) == 2
    blackpool, lancashire = (card.get_text(" ", strip=True) for card in cards)
    assert blackpool == "Blackpool Director Karen Smith Local authority Blackpool Council"
    # A place with no director says nothing about one rather than something untrue.
    assert lancashire == "Lancashire Local authority Lancashire County Council"
    assert cards[0].find("a")["href"] == "/places/blackpool-place-based-partnership/"


@pytest.mark.django_db
def test_unpublished_director_is_not_shown(client, places_index, director_index):
    place = PlacePartnershipPageFactory(parent=places_index)
    DirectorProfilePageFactory(
        parent=director_index, title="Draft Director", live=False, place=place
    )
    assert "Draft Director" not in client.get(places_index.url).content.decode()
    assert "Draft Director" not in client.get(place.url).content.decode()


@pytest.mark.django_db
def test_history_prose_shows_and_no_table_until_editors_add_former_partnerships(
    client, places_index
):
    html = soup(client.get(places_index.url))
    heading = html.find("h2", id="how-the-partnerships-have-changed")
    assert heading.get_text() == "How the partnerships have changed"
    assert "previously been five place-based partnerships, known as ICPs" in html.main.get_text()
    assert html.find("table") is None


@pytest.mark.django_db
def test_old_to_new_table_from_former_partnership_snippets(client, places_index):
    blackpool = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    lancashire = PlacePartnershipPageFactory(parent=places_index, title="Lancashire")
    FormerPartnershipFactory(
        name="Fylde Coast ICP", start_year=2016, end_year=2022, successors=[blackpool, lancashire]
    )
    FormerPartnershipFactory(name="Another ICP", start_year=None, end_year=None, successors=[])

    html = assert_well_formed_page(client.get(places_index.url))
    table = html.find("table")
    assert table.caption.get_text(strip=True) == (
        "Former place-based partnerships and the places that replaced them"
    )
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col", "col"]
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Former partnership",
        "Years active",
        "Replaced by",
    ]
    rows = table.tbody.find_all("tr")
    assert [row.th["scope"] for row in rows] == ["row", "row"]

    def cells(row):
        # Drop the responsive headings NHS.UK shows on small screens (aria-hidden).
        for span in row.select(".nhsuk-table-responsive__heading"):
            span.decompose()
        return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]

    assert cells(rows[0]) == ["Another ICP", "Not recorded", "Not recorded"]
    assert cells(rows[1]) == ["Fylde Coast ICP", "2016 to 2022", "Blackpool , Lancashire"]
    assert [a["href"] for a in rows[1].find_all("a")] == [blackpool.url, lancashire.url]


@pytest.mark.django_db
def test_place_page_shows_what_it_replaced(client, places_index):
    place = PlacePartnershipPageFactory(parent=places_index)
    other = PlacePartnershipPageFactory(parent=places_index)
    FormerPartnershipFactory(name="Fylde Coast ICP", end_year=2022, successors=[place])
    FormerPartnershipFactory(name="Elsewhere ICP", successors=[other])
    html = assert_well_formed_page(client.get(place.url))
    section = html.find("h2", id="what-this-partnership-replaced")
    assert section is not None
    items = [li.get_text(strip=True) for li in section.find_next("ul").find_all("li")]
    assert items == ["Fylde Coast ICP (Until 2022)"]
    other_html = client.get(other.url).content.decode()
    assert "Elsewhere ICP" in other_html and "Fylde Coast ICP" not in other_html
    alone = PlacePartnershipPageFactory(parent=places_index)
    assert "what-this-partnership-replaced" not in client.get(alone.url).content.decode()


@pytest.mark.django_db
def test_place_page_renders_local_authority_priorities_areas_and_contact(client, places_index):
    place = PlacePartnershipPageFactory(
        parent=places_index,
        title="South Cumbria place-based partnership",
        local_authority_name="Cumbria",
        local_authority_url="https://www.example.gov.uk/",
        priorities=[
            ("heading", {"text": "Core aims", "level": "2"}),
            (
                "aims_list",
                {"introduction": "", "style": "bullet", "items": ["Reduce inequalities."]},
            ),
        ],
        areas_covered=[("area", "Barrow-in-Furness")],
        contact_email="place@example.nhs.uk",
        contact_phone="01234 567890",
        contact_address="1 High Street\nBarrow",
    )
    html = assert_well_formed_page(client.get(place.url))
    authority = html.find("dt", string="Local authority").find_next("dd")
    assert authority.a["href"] == "https://www.example.gov.uk/"
    assert authority.get_text(strip=True) == "Cumbria"
    assert html.find("h2", string="Core aims")
    assert "Reduce inequalities." in html.main.get_text()
    assert html.find("h2", id="areas-covered").find_next("li").get_text() == "Barrow-in-Furness"
    assert html.find("a", href="mailto:place@example.nhs.uk")
    assert "1 High Street<br/>Barrow" in str(html.find("h2", id="contact").find_next("dl"))


@pytest.mark.django_db
def test_blank_optional_sections_are_left_out(client, places_index):
    place = PlacePartnershipPageFactory(parent=places_index, local_authority_name="Blackpool")
    html = assert_well_formed_page(client.get(place.url))
    assert [h.get_text() for h in html.main.find_all("h2")] == []
    authority = html.find("dt", string="Local authority").find_next("dd")
    assert authority.find("a") is None


@pytest.mark.django_db
def test_pages_linking_to_the_place_listed_newest_first_live_and_public_only(
    client, places_index, home
):
    """Decisions and briefings link to a place through PlaceLink; the place page
    lists them through the reverse relation, one list per type, newest first,
    and leaves out drafts and restricted pages."""
    place = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    other = PlacePartnershipPageFactory(parent=places_index, title="Lancashire")
    html = soup(client.get(place.url))
    assert html.find("h2", id="board-decisions") is None
    assert html.find("h2", id="briefings") is None

    decisions = BoardDecisionIndexPageFactory(parent=home)
    briefings = BriefingIndexPageFactory(parent=home)
    older = BoardDecisionPageFactory(
        parent=decisions, title="Older decision", meeting_date=datetime.date(2022, 7, 27)
    )
    newer = BoardDecisionPageFactory(
        parent=decisions, title="Newer decision", meeting_date=datetime.date(2023, 1, 5)
    )
    draft = BoardDecisionPageFactory(parent=decisions, title="Draft decision", live=False)
    private = BoardDecisionPageFactory(parent=decisions, title="Private decision")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    elsewhere = BoardDecisionPageFactory(parent=decisions, title="Lancashire decision")
    briefing = BriefingPageFactory(parent=briefings, title="A briefing")
    for page in (older, newer, draft, private, briefing):
        PlaceLinkFactory(page=page, place=place)
    PlaceLinkFactory(page=elsewhere, place=other)

    html = assert_well_formed_page(client.get(place.url))
    heading = html.find("h2", id="board-decisions")
    assert heading.get_text() == "Board decisions about Blackpool"
    assert [a.get_text() for a in heading.find_next("ul").find_all("a")] == [
        "Newer decision",
        "Older decision",
    ]
    heading = html.find("h2", id="briefings")
    assert heading.get_text() == "Briefings about Blackpool"
    assert [a.get_text() for a in heading.find_next("ul").find_all("a")] == ["A briefing"]
    text = html.get_text()
    assert "Draft decision" not in text and "Private decision" not in text
    assert "Lancashire decision" not in text


@pytest.mark.django_db
def test_director_is_chosen_on_the_profile_not_on_the_place(admin_client, places_index):
    """One link, held by the profile: the place's edit form has no director field
    (it explains where the director is chosen)."""
    place = PlacePartnershipPageFactory(parent=places_index)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[place.pk])).content.decode()
    assert 'name="director"' not in html
    assert "chosen on the director" in html


@pytest.mark.django_db
def test_former_partnership_cannot_end_before_it_began():
    former = FormerPartnership(name="Old ICP", start_year=2022, end_year=2016)
    with pytest.raises(ValidationError) as error:
        former.full_clean()
    assert "end_year" in error.value.message_dict


@pytest.mark.django_db
def test_former_partnership_created_through_the_snippet_admin(admin_client, places_index):
    place = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    url = reverse("wagtailsnippets_places_formerpartnership:add")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "name": "Fylde Coast ICP",
            "start_year": "2016",
            "end_year": "2022",
            "successors": [place.pk],
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    former = FormerPartnership.objects.get()
    assert list(former.successors.all()) == [place]
    listing = admin_client.get(reverse("wagtailsnippets_places_formerpartnership:list"))
    assert "Fylde Coast ICP" in listing.content.decode()


@pytest.mark.django_db
def test_index_pagination_answers_bad_page_numbers_without_error(client, places_index):
    PlacePartnershipPageFactory(parent=places_index)
    assert client.get(places_index.url + "?page=abc").status_code == 200
    assert client.get(places_index.url + "?page=-1").status_code == 200
    assert client.get(places_index.url + "?page=99").status_code == 404


# The whole page: site, page route, header menu, breadcrumbs, footer, plus the
# places (with their directors) in one query, the count for pagination and the
# former partnerships with their successors in two.
INDEX_QUERIES = 6  # the shell (2: route, page with its restriction flag; ADR 0065); public directors and successors only


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 8])
def test_index_query_count_does_not_grow_with_places(
    client, places_index, director_index, django_assert_num_queries, count
):
    for n in range(count):
        place = PlacePartnershipPageFactory(parent=places_index)
        DirectorProfilePageFactory(parent=director_index, title=f"Director {n}", place=place)
        FormerPartnershipFactory(successors=[place])
    client.get(places_index.url)  # warm caches (site root paths)
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(places_index.url)
    assert len(soup(response).select("li.nhsuk-card-group__item")) == count
