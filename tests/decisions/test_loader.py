"""The decisions part of `load_initial_content`: the seed decision, FAQ page
and questions, made once, from the seeds only."""

import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from decisions.models import BoardDecisionIndexPage, BoardDecisionPage, FAQPage, Question
from lscpartnerships.core.loading import InitialContentLoader
from lscpartnerships.core.models import SeedRecord

pytestmark = pytest.mark.django_db

PLACE_KEYS = [
    "places:blackburn-with-darwen",
    "places:blackpool",
    "places:south-cumbria",
    "places:lancashire",
]


def load():
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_loads_the_index_decision_and_faq_page(client):
    load()
    index = BoardDecisionIndexPage.objects.get()
    assert (index.url, index.show_in_menus, index.short_title) == (
        "/board-decisions/",
        True,
        "Board decisions",
    )
    faq = FAQPage.objects.get()
    assert (faq.url, faq.show_in_menus, faq.short_title) == (
        "/frequently-asked-questions/",
        True,
        "FAQs",
    )
    decision = BoardDecisionPage.objects.get()
    assert decision.get_parent().pk == index.pk
    assert decision.meeting_date.isoformat() == "2022-07-27"
    assert decision.status == BoardDecisionPage.BEING_IMPLEMENTED
    assert decision.related_faq_page_id == faq.pk
    assert decision.board_paper is None  # the seeds provide no paper
    assert [m.display_date for m in decision.timeline] == ["27 July 2022", "August 2022"]
    assert [n.note for n in decision.history] == ["Decision made at the board meeting."]
    assert "hospital flow and discharges into the community" in decision.rationale
    assert all(page.live and page.latest_revision_id for page in (index, faq, decision))

    html = client.get("/").content.decode()
    header = html.split("</header>")[0]
    assert 'href="/board-decisions/"' in header and "Board decisions" in header
    assert 'href="/frequently-asked-questions/"' in header and "FAQs" in header
    assert "Latest: board decisions" in html


def test_decision_links_every_place_the_places_loader_made():
    load()
    loader = InitialContentLoader(log=lambda *args: None)
    places = [loader.get(key, Page) for key in PLACE_KEYS]
    decision = BoardDecisionPage.objects.get()
    assert [link.place_id for link in decision.place_links.all()] == [
        place.pk for place in places if place
    ]
    # Numbered in the seeds' order, as the admin's inline panel numbers them:
    # unnumbered, their order was whatever PostgreSQL returned.
    assert [link.sort_order for link in decision.place_links.all()] == [0, 1, 2, 3]
    assert [m.sort_order for m in decision.milestones.all()] == [0, 1]
    for place in places:
        if place:
            assert place.specific.linked_pages()[0][2] == [decision]


def test_faq_questions_from_the_seeds(client):
    load()
    assert Question.objects.count() == 8
    html = client.get("/frequently-asked-questions/").content.decode()
    for slug in (
        "what-is-a-place-based-partnership",
        "why-did-the-boundaries-change",
        "when-was-the-decision-made",
        "what-are-the-four-places",
        "who-are-the-directors-of-health-and-care-integration",
        "what-happens-next",
    ):
        assert f'id="{slug}"' in html
    for name in ("Claire Richardson", "Karen Smith", "Jane Scattergood", "Louise Taylor"):
        assert name in html
    assert "Integrated Care Partnerships (ICPs)" in html
    assert "five place-based partnerships" in html
    assert html.count("<h2>") == 3
    (data,) = [
        block
        for block in map(
            json.loads,
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S),
        )
        if block["@type"] == "FAQPage"
    ]
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == 8


def test_seed_facts_only_no_contact_details_invented():
    load()
    text = " ".join(q.answer for q in Question.objects.all())
    decision = BoardDecisionPage.objects.get()
    text += decision.decision + decision.rationale
    assert "@" not in text
    assert not re.search(r"\b0\d{3,4}\s?\d{3}", text)
    assert "http" not in text


def test_running_twice_changes_nothing():
    load()
    before = (
        Page.objects.count(),
        Question.objects.count(),
        SeedRecord.objects.count(),
        BoardDecisionPage.objects.get().latest_revision_id,
    )
    load()
    after = (
        Page.objects.count(),
        Question.objects.count(),
        SeedRecord.objects.count(),
        BoardDecisionPage.objects.get().latest_revision_id,
    )
    assert after == before


def test_editor_changes_survive_a_second_run():
    load()
    question = Question.objects.get(slug="what-happens-next")
    question.answer = "<p>Edited by comms.</p>"
    question.save()
    FAQPage.objects.get().delete()
    load()
    assert Question.objects.get(slug="what-happens-next").answer == "<p>Edited by comms.</p>"
    assert not FAQPage.objects.exists()
