"""The directors part of `load_initial_content`: the four directors from the
seeds, their placeholder portraits, and each linked to their place (shown on both pages)."""

import pytest
from django.core.management import call_command
from PIL import Image

from directors.models import DirectorIndexPage, DirectorProfilePage
from lscpartnerships.core.models import SeedRecord, SiteImage
from places.models import PlacePartnershipPage
from tests.helpers.html import assert_well_formed_page, soup

pytestmark = pytest.mark.django_db

MAPPING = {
    "claire-richardson": "blackburn-with-darwen",
    "karen-smith": "blackpool",
    "jane-scattergood": "south-cumbria",
    "louise-taylor": "lancashire",
}


def load():
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_index_and_four_directors_from_the_seeds(initial_content):
    index = DirectorIndexPage.objects.get()
    assert index.url == "/directors/"
    assert index.show_in_menus and index.short_title == "Directors"
    profiles = {p.slug: p for p in DirectorProfilePage.objects.child_of(index).live()}
    assert list(profiles) == list(MAPPING)
    assert [p.title for p in profiles.values()] == [
        "Claire Richardson",
        "Karen Smith",
        "Jane Scattergood",
        "Louise Taylor",
    ]
    for profile in profiles.values():
        assert profile.appointment_display == "August 2022"
        assert profile.job_title.startswith("Director of Health and Care Integration, ")
        assert profile.biography.count("<p>") >= 3
    assert "Citizen’s Advice and Shelter’s Housing Aid Centre" in profiles["karen-smith"].biography
    assert profiles["louise-taylor"].note == (
        "Louise expects to take up post once she has appointed a deputy in the county council."
    )
    assert any(
        "statutory" in role.value and "retained" in role.value
        for role in profiles["karen-smith"].other_roles
    )


def test_each_director_and_place_linked_both_ways(client, initial_content):
    for director_slug, place_slug in MAPPING.items():
        profile = DirectorProfilePage.objects.get(slug=director_slug)
        place = PlacePartnershipPage.objects.get(slug=place_slug)
        assert profile.place_id == place.pk
        assert place.director == profile
        # The link was published, not left as a draft.
        assert not profile.has_unpublished_changes and not place.has_unpublished_changes

        html = soup(client.get(place.url))
        assert html.find("section", class_="app-place-director").find("a", href=profile.url)
        html = soup(client.get(profile.url))
        assert html.find("dt", string="Place").find_next("dd").a["href"] == place.url


def test_placeholder_portraits_exist_with_alt_text(initial_content):
    for profile in DirectorProfilePage.objects.select_related("photo"):
        photo = profile.photo
        assert photo is not None, profile.title
        initials = "".join(part[0] for part in profile.title.split())
        assert photo.description == f"Placeholder portrait showing the initials {initials}"
        assert not photo.is_decorative
        assert photo.collection.name == "Director portraits"
        with photo.open_file() as file, Image.open(file) as image:
            assert image.size == (400, 400)
            assert image.format == "PNG"
            # Plain NHS blue background (white initials in the middle).
            assert image.getpixel((5, 5))[:3] == (0, 94, 184)


def test_every_directors_page_is_well_formed_with_person_json_ld(client, initial_content):
    import json

    for page in DirectorIndexPage.objects.get().get_descendants(inclusive=True).live():
        html = assert_well_formed_page(client.get(page.url))
        if page.depth > 3:
            blocks = html.find_all("script", type="application/ld+json")
            people = [
                d for d in map(json.loads, (b.string for b in blocks)) if d["@type"] == "Person"
            ]
            assert len(people) == 1 and people[0]["name"] == page.title


def test_running_twice_changes_nothing():
    load()
    counts = (
        DirectorProfilePage.objects.count(),
        SiteImage.objects.count(),
        SeedRecord.objects.filter(key__startswith="directors:").count(),
    )
    revisions = sorted(
        [p.latest_revision_id for p in DirectorProfilePage.objects.all()]
        + [p.latest_revision_id for p in PlacePartnershipPage.objects.all()]
    )
    load()
    assert (
        DirectorProfilePage.objects.count(),
        SiteImage.objects.count(),
        SeedRecord.objects.filter(key__startswith="directors:").count(),
    ) == counts
    assert counts[0] == 4
    assert (
        sorted(
            [p.latest_revision_id for p in DirectorProfilePage.objects.all()]
            + [p.latest_revision_id for p in PlacePartnershipPage.objects.all()]
        )
        == revisions
    )


def test_editor_unlinking_a_director_survives_a_second_run():
    load()
    profile = DirectorProfilePage.objects.get(slug="karen-smith")
    profile.place = None
    profile.job_title = "Director of Health and Care Integration (Blackpool)"
    profile.save_revision().publish()
    load()
    assert PlacePartnershipPage.objects.get(slug="blackpool").director is None
    assert DirectorProfilePage.objects.get(slug="karen-smith").place_id is None
    assert DirectorProfilePage.objects.get(slug="karen-smith").job_title.endswith("(Blackpool)")
