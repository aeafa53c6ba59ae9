"""The migrations to typed page links carry every link over: the seed content
plus links made here at the old schema survive the round trip through the real
migrations (backwards to the old tables, then forwards to places.PlaceLink and
the director's single link to their place).

Runs the real migrations backwards and forwards on the test database.
"""

import pytest
from django.core.management import call_command

from tests.helpers.migrations import latest, migrate

BEFORE = [
    ("places", "0002_snippet_drafts_and_sign_off"),
    ("directors", "0001_initial"),
    ("briefings", "0005_merge_20261125_1539"),
    ("decisions", "0003_meeting_date_optional_in_drafts"),
]


def links_of(page):
    return [link.place_id for link in page.place_links.order_by("sort_order", "pk")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_link_survives_the_migration_to_typed_links(client, capsys):
    from briefings.models import BriefingPage
    from decisions.models import BoardDecisionPage, FAQPage
    from directors.models import DirectorProfilePage
    from places.models import PlaceLink, PlacePartnershipPage

    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    briefing = BriefingPage.objects.get()
    decision = BoardDecisionPage.objects.get()
    faq = FAQPage.objects.get()
    places = {p.slug: p.pk for p in PlacePartnershipPage.objects.all()}
    leads = dict(DirectorProfilePage.objects.values_list("slug", "place_id"))
    assert len(places) == 4 and all(leads.values())
    briefing_places, decision_places = links_of(briefing), links_of(decision)
    assert len(briefing_places) == len(decision_places) == 4
    assert (briefing.related_decision_id, briefing.related_faq_id) == (decision.pk, faq.pk)

    old = migrate(BEFORE)
    try:
        BriefingPlace = old.get_model("briefings", "BriefingPlace")
        BoardDecisionPlace = old.get_model("decisions", "BoardDecisionPlace")
        OldPlace = old.get_model("places", "PlacePartnershipPage")
        OldDirector = old.get_model("directors", "DirectorProfilePage")
        # Backwards, the links went back to the old tables, both sides of the director link.
        assert [
            link.place_id
            for link in BriefingPlace.objects.filter(page_id=briefing.pk).order_by("sort_order")
        ] == briefing_places
        old_decision_links = list(
            BoardDecisionPlace.objects.filter(decision_id=decision.pk).order_by("sort_order")
        )
        assert [link.place_id for link in old_decision_links] == decision_places
        for slug, place_id in leads.items():
            director = OldDirector.objects.get(slug=slug)
            assert OldPlace.objects.get(pk=place_id).director_id == director.pk

        # Links an editor could have made with the old schema:
        # the decision's places in the opposite order, plus an empty row;
        for number, link in enumerate(reversed(old_decision_links)):
            link.sort_order = number
            link.save()
        BoardDecisionPlace.objects.create(decision_id=decision.pk, place=None, sort_order=9)
        # a place naming its director while the profile names no place;
        karen = OldDirector.objects.get(slug="karen-smith")
        karen.place_id = None
        karen.save()
        # and a briefing "place" that is not a place page (cannot be kept, so reported).
        BriefingPlace.objects.create(page_id=briefing.pk, place_id=faq.pk, sort_order=9)
    finally:
        migrate(latest())

    # Forwards: every link is in places.PlaceLink, in the editor's order.
    assert links_of(BriefingPage.objects.get()) == briefing_places
    assert links_of(BoardDecisionPage.objects.get()) == decision_places[::-1]
    assert PlaceLink.objects.count() == 8
    assert f"briefing {briefing.pk} linked to page {faq.pk}, not a place: dropped" in (
        capsys.readouterr().out
    )
    # The director link is the profile's alone, and the place-side one was kept.
    assert dict(DirectorProfilePage.objects.values_list("slug", "place_id")) == leads
    briefing = BriefingPage.objects.get()
    assert (briefing.related_decision_id, briefing.related_faq_id) == (decision.pk, faq.pk)

    # And readers see them: each place shows its director, decision and briefing.
    for slug, place_id in places.items():
        place = PlacePartnershipPage.objects.get(pk=place_id)
        html = client.get(place.url).content.decode()
        director = DirectorProfilePage.objects.get(place=place)
        assert f'href="{director.url}"' in html, slug
        assert decision.title in html and briefing.title in html, slug
