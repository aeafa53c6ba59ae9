"""Director profiles: the index of directors, a profile each, the link between
a director and their place shown on both pages, and schema.org Person data."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from directors.factories import DirectorProfilePageFactory, PortraitFactory
from directors.models import DirectorIndexPage, DirectorProfilePage
from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import HomePage
from places.factories import PlacePartnershipPageFactory
from tests.helpers.html import assert_well_formed_page, soup


def test_parents_and_children(page_checks):
    page_checks.assertAllowedParentPageTypes(DirectorIndexPage, {HomePage})
    page_checks.assertAllowedSubpageTypes(DirectorIndexPage, {DirectorProfilePage})
    page_checks.assertAllowedParentPageTypes(DirectorProfilePage, {DirectorIndexPage})
    page_checks.assertAllowedSubpageTypes(DirectorProfilePage, set())


def test_index_and_profile_created_through_the_admin_form(page_checks, home, places_index):
    place = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    photo = PortraitFactory(person="Karen Smith")
    page_checks.assertCanCreate(
        home,
        DirectorIndexPage,
        nested_form_data(
            {
                "title": "Directors of health and care integration",
                "slug": "directors",
                "summary": "Who leads each place.",
                "introduction": rich_text("<p>Appointed in August 2022.</p>"),
            }
        ),
    )
    index = DirectorIndexPage.objects.get()
    assert not DirectorIndexPage.can_create_at(home)

    page_checks.assertCanCreate(
        index,
        DirectorProfilePage,
        nested_form_data(
            {
                "title": "Karen Smith",
                "slug": "karen-smith",
                "summary": "Director of health and care integration for Blackpool.",
                "job_title": "Director of Health and Care Integration, Blackpool",
                "place": place.pk,
                "photo": photo.pk,
                "appointment_date": "2022-08-01",
                "appointment_date_precision": "month",
                "note": "",
                "other_roles": streamfield(
                    [("role", "Director of adult social services, Blackpool Council")]
                ),
                "biography": rich_text("<p>Karen has worked for the Council for 21 years.</p>"),
            }
        ),
    )
    profile = DirectorProfilePage.objects.get(slug="karen-smith")
    assert profile.live
    assert profile.place_id == place.pk
    assert profile.appointment_display == "August 2022"
    page_checks.assertPageIsRenderable(index)
    page_checks.assertPageIsRenderable(profile)


@pytest.mark.django_db
def test_profile_and_place_link_to_each_other(client, director_index, places_index):
    place = PlacePartnershipPageFactory(
        parent=places_index, title="Blackpool place-based partnership"
    )
    karen = DirectorProfilePageFactory(
        parent=director_index,
        title="Karen Smith",
        job_title="Director of Health and Care Integration, Blackpool",
        place=place,
        photo=PortraitFactory(person="Karen Smith"),
    )
    # One link, on the profile: the place page finds its director through it.
    profile = assert_well_formed_page(client.get(karen.url))
    place_row = profile.find("dt", string="Place").find_next("dd")
    assert place_row.a["href"] == place.url
    assert place_row.a.get_text() == "Blackpool place-based partnership"

    place_html = assert_well_formed_page(client.get(place.url))
    leads = place_html.find("h2", id="director-heading").find_parent("section")
    assert leads.find("a", href=karen.url).get_text() == "Karen Smith"
    assert "Director of Health and Care Integration, Blackpool" in leads.get_text()
    portrait = leads.find("img")
    assert portrait["alt"] == "Placeholder portrait showing the initials KS"
    assert portrait["src"].startswith("/media/images/placeholder-portrait")  # a rendition


@pytest.mark.django_db
def test_profile_without_a_place_or_with_a_draft_place_shows_no_place_link(
    client, director_index, places_index
):
    draft = PlacePartnershipPageFactory(parent=places_index, title="Draft place", live=False)
    with_draft = DirectorProfilePageFactory(parent=director_index, place=draft)
    without = DirectorProfilePageFactory(parent=director_index)
    for profile in (with_draft, without):
        html = assert_well_formed_page(client.get(profile.url))
        assert html.find("dt", string="Place") is None
        assert "Draft place" not in html.get_text()


@pytest.mark.django_db
def test_person_json_ld(client, director_index, places_index):
    karen = DirectorProfilePageFactory(
        parent=director_index,
        title="Karen Smith",
        job_title="Director of Health and Care Integration, Blackpool",
        summary="Director for Blackpool.",
        photo=PortraitFactory(person="Karen Smith"),
    )
    html = soup(client.get(karen.url))
    blocks = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
    people = [block for block in blocks if block["@type"] == "Person"]
    assert len(people) == 1
    data = people[0]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "Karen Smith"
    assert data["jobTitle"] == "Director of Health and Care Integration, Blackpool"
    assert data["worksFor"] == {
        "@type": "GovernmentOrganization",
        "name": "NHS Lancashire and South Cumbria",
    }
    assert data["url"] == "http://localhost/directors/karen-smith/"
    assert data["image"].startswith("http://localhost/") and data["image"].endswith(".png")


@pytest.mark.django_db
def test_appointment_shown_only_as_precisely_as_known(client, director_index):
    profile = DirectorProfilePageFactory(
        parent=director_index,
        appointment_date=datetime.date(2022, 8, 1),
        appointment_date_precision="month",
    )
    html = soup(client.get(profile.url))
    assert html.find("dt", string="Appointed").find_next("dd").get_text() == "August 2022"
    assert "1 August 2022" not in html.get_text()

    profile.appointment_date_precision = "day"
    assert profile.appointment_display == "1 August 2022"
    profile.appointment_date_precision = "year"
    assert profile.appointment_display == "2022"
    profile.appointment_date = None
    assert profile.appointment_display == ""


@pytest.mark.django_db
def test_portrait_alt_text_falls_back_to_the_name(director_index):
    decorative = PortraitFactory(person="Jane Scattergood", description="", is_decorative=True)
    profile = DirectorProfilePageFactory(
        parent=director_index, title="Jane Scattergood", photo=decorative
    )
    assert profile.portrait_alt == "Portrait of Jane Scattergood"
    profile.photo = PortraitFactory(person="Jane Scattergood")
    assert profile.portrait_alt == "Placeholder portrait showing the initials JS"


@pytest.mark.django_db
def test_note_other_roles_and_biography_are_shown(client, director_index):
    profile = DirectorProfilePageFactory(
        parent=director_index,
        title="Louise Taylor",
        note="Louise expects to take up post once she has appointed a deputy.",
        other_roles=[("role", "Chair, Adult Social Care and Health Partnership")],
        biography="<p>Louise is Lancashire born and bred.</p>",
    )
    html = assert_well_formed_page(client.get(profile.url))
    inset = html.find("div", class_="nhsuk-inset-text")
    assert "appointed a deputy" in inset.get_text()
    roles = html.find("h2", id="other-roles").find_next("ul")
    assert roles.get_text(strip=True) == "Chair, Adult Social Care and Health Partnership"
    assert html.find("h2", id="biography").find_next("p").get_text() == (
        "Louise is Lancashire born and bred."
    )


@pytest.mark.django_db
def test_index_cards_show_photo_name_job_title_and_place(client, director_index, places_index):
    place = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    karen = DirectorProfilePageFactory(
        parent=director_index,
        title="Karen Smith",
        job_title="Director of Health and Care Integration, Blackpool",
        place=place,
        photo=PortraitFactory(person="Karen Smith"),
    )
    DirectorProfilePageFactory(parent=director_index, title="No photo yet", job_title="Director")
    html = assert_well_formed_page(client.get(director_index.url))
    cards = html.select("li.nhsuk-card-group__item")
    assert len(cards) == 2
    first = cards[0]
    assert first.find("a", class_="nhsuk-card__link")["href"] == karen.url
    assert first.find("img", class_="nhsuk-card__img")["alt"] == (
        "Placeholder portrait showing the initials KS"
    )
    text = first.get_text(" ", strip=True)
    assert text == "Karen Smith Director of Health and Care Integration, Blackpool Place: Blackpool"
    assert cards[1].find("img") is None


@pytest.mark.django_db
def test_place_must_be_a_place_page(director_index, places_index, home):
    """The link is typed: the form field offers place pages only and refuses others."""
    profile = DirectorProfilePageFactory(parent=director_index)
    place = PlacePartnershipPageFactory(parent=places_index)
    other = ContentPageFactory(parent=home)
    field = DirectorProfilePage._meta.get_field("place").formfield()
    assert field.clean(place.pk) == place
    with pytest.raises(ValidationError):
        field.clean(other.pk)
    with pytest.raises(ValueError):
        profile.place = other


@pytest.mark.django_db
def test_index_pagination_answers_bad_page_numbers_without_error(client, director_index):
    DirectorProfilePageFactory(parent=director_index)
    assert client.get(director_index.url + "?page=abc").status_code == 200
    assert client.get(director_index.url + "?page=2").status_code == 404


# Site, page route, header menu, breadcrumbs and footer, plus the count for
# pagination, the directors with their places, their photos, and the photos'
# renditions: one query each, whatever the number of directors.
INDEX_QUERIES = (
    6  # includes the shell (2: route, page with its restriction flag; ADR 0065); public places only
)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 8])
def test_index_query_count_does_not_grow_with_directors(
    client, director_index, places_index, django_assert_num_queries, count
):
    for n in range(count):
        place = PlacePartnershipPageFactory(parent=places_index)
        DirectorProfilePageFactory(
            parent=director_index,
            title=f"Director {n}",
            place=place,
            photo=PortraitFactory(person=f"Director {n}"),
        )
    client.get(director_index.url)  # warm caches and make the portrait renditions
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(director_index.url)
    assert len(soup(response).select("img.nhsuk-card__img")) == count
