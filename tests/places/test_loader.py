"""The places part of `load_initial_content`: the index and the four places
from the seeds, created once, never overwriting an editor's change."""

import pytest
from django.core.management import call_command

from lscpartnerships.core.models import SeedRecord
from places.models import FormerPartnership, PlaceIndexPage, PlacePartnershipPage
from tests.helpers.html import assert_well_formed_page

pytestmark = pytest.mark.django_db


def load():
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_index_and_four_places_from_the_seeds(client, initial_content):
    index = PlaceIndexPage.objects.get()
    assert index.url == "/places/"
    assert index.show_in_menus and index.short_title == "Places" and index.live
    places = {p.slug: p for p in PlacePartnershipPage.objects.live().child_of(index)}
    assert list(places) == ["blackburn-with-darwen", "blackpool", "south-cumbria", "lancashire"]
    assert {slug: p.local_authority_name for slug, p in places.items()} == {
        "blackburn-with-darwen": "Blackburn with Darwen",
        "blackpool": "Blackpool Council",
        "south-cumbria": "Cumbria",
        "lancashire": "Lancashire County Council",
    }
    for place in places.values():
        # Nothing the seeds do not give: no websites, emails, phones or addresses.
        assert place.local_authority_url == ""
        assert not place.has_contact_details
        assert len(place.areas_covered) == 0
        assert place.latest_revision_id
    assert places["blackpool"].summary.endswith(
        "Its director of health and care integration is Karen Smith."
    )
    header = client.get("/").content.decode()
    assert 'href="/places/"' in header


def test_former_partnerships_not_invented_and_history_stated_in_prose(client, initial_content):
    """The seeds say there were five former partnerships (ICPs) but do not name
    them: none are made up, and the index says what the seeds say."""
    assert FormerPartnership.objects.count() == 0
    html = assert_well_formed_page(client.get("/places/"))
    history = html.find("h2", id="how-the-partnerships-have-changed").find_parent("div")
    text = history.get_text(" ", strip=True)
    assert "previously known as Integrated Care Partnerships (ICPs)" in text
    assert "there have previously been five place-based partnerships" in text
    assert "July 2022" in text
    assert html.find("table") is None


def test_every_places_page_is_well_formed(client, initial_content):
    for page in PlaceIndexPage.objects.get().get_descendants(inclusive=True).live():
        assert_well_formed_page(client.get(page.url))


def test_running_twice_changes_nothing():
    load()
    counts = (
        PlaceIndexPage.objects.count(),
        PlacePartnershipPage.objects.count(),
        SeedRecord.objects.filter(key__startswith="places:").count(),
    )
    assert counts == (1, 4, 5)
    revisions = [p.latest_revision_id for p in PlacePartnershipPage.objects.order_by("pk")]
    load()
    assert (
        PlaceIndexPage.objects.count(),
        PlacePartnershipPage.objects.count(),
        SeedRecord.objects.filter(key__startswith="places:").count(),
    ) == counts
    assert [p.latest_revision_id for p in PlacePartnershipPage.objects.order_by("pk")] == revisions


def test_an_editors_change_to_a_place_survives_a_second_run():
    load()
    place = PlacePartnershipPage.objects.get(slug="blackpool")
    place.local_authority_url = "https://www.example.gov.uk/"
    place.summary = "Edited by the comms team."
    place.save_revision().publish()
    PlacePartnershipPage.objects.get(slug="lancashire").delete()
    load()
    place = PlacePartnershipPage.objects.get(slug="blackpool")
    assert place.summary == "Edited by the comms team."
    assert place.local_authority_url == "https://www.example.gov.uk/"
    assert not PlacePartnershipPage.objects.filter(slug="lancashire").exists()
