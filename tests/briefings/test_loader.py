"""The seed briefing: built once from the seeds, with its generated PDF
attached and downloadable, and linked to the decision, FAQ and places that the
other loaders made."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.models import Page

from briefings.models import BriefingIndexPage, BriefingPage
from documents.models import PublicDocument
from lscpartnerships.core.loading import fixture, seed_file
from lscpartnerships.core.models import SeedRecord

BRIEFING = fixture("briefings:review-stakeholder-briefing")["fields"]
SLUG, TITLE = BRIEFING["slug"], BRIEFING["title"]


def pdf_content():
    return seed_file("briefings:document:review-stakeholder-briefing")


pytestmark = pytest.mark.django_db


def load():
    call_command("load_initial_content", verbosity=0, stdout=io.StringIO())


def test_seed_briefing_is_published_with_its_pdf(initial_content, client):
    index = BriefingIndexPage.objects.get()
    assert index.get_parent().specific == initial_content
    assert index.show_in_menus and index.short_title == "Briefings"
    briefing = BriefingPage.objects.get(slug=SLUG)
    assert briefing.live and briefing.title == TITLE
    assert briefing.publication_date.isoformat() == "2022-07-27"
    assert briefing.audience == "stakeholders"
    assert [c["label"] for c in briefing.contents][0] == "The decision"

    document = briefing.documents[0]
    assert document.file_type == "PDF" and document.accessible is False
    assert document.page_count == len(PdfReader(io.BytesIO(pdf_content())).pages)
    with document.open_file() as file:
        assert file.read() == pdf_content()

    response = client.get(briefing.url)
    html = BeautifulSoup(response.content, "html.parser")
    link = html.find("a", href=document.url)
    assert link.get_text() == f"{TITLE} ({document.meta_text})"
    assert b"".join(client.get(document.url).streaming_content) == pdf_content()


def test_pdf_says_what_the_web_page_says():
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_content())).pages)
    text = " ".join(text.split())
    assert TITLE in text
    assert "based on a paper presented at the board meeting on 27 July 2022" in text
    assert "Improve the health and wellbeing of the population and reduce inequalities." in text
    assert pdf_content() == pdf_content()  # deterministic: same text, same bytes


def test_seed_briefing_links_to_what_other_loaders_made(initial_content):
    briefing = BriefingPage.objects.get(slug=SLUG)
    loader_pages = {
        record.key: record.object_id
        for record in SeedRecord.objects.filter(
            key__in=[
                "decisions:align-to-local-authority-boundaries",
                "decisions:faqs",
                "places:blackburn-with-darwen",
                "places:blackpool",
                "places:south-cumbria",
                "places:lancashire",
            ]
        )
    }
    decision = loader_pages.get("decisions:align-to-local-authority-boundaries")
    faq = loader_pages.get("decisions:faqs")
    assert briefing.related_decision_id == decision
    assert briefing.related_faq_id == faq
    place_ids = [pk for key, pk in loader_pages.items() if key.startswith("places:")]
    assert sorted(link.place_id for link in briefing.place_links.all()) == sorted(place_ids)


def test_running_twice_changes_nothing(initial_content):
    counts = (
        Page.objects.count(),
        PublicDocument.objects.count(),
        SeedRecord.objects.count(),
        BriefingPage.objects.get(slug=SLUG).revisions.count(),
    )
    load()
    assert (
        Page.objects.count(),
        PublicDocument.objects.count(),
        SeedRecord.objects.count(),
        BriefingPage.objects.get(slug=SLUG).revisions.count(),
    ) == counts


def test_editor_changes_survive_a_second_run(initial_content):
    briefing = BriefingPage.objects.get(slug=SLUG)
    briefing.title = "Stakeholder briefing: review of place-based partnerships"
    briefing.save_revision().publish()
    PublicDocument.objects.all().delete()
    load()
    briefing.refresh_from_db()
    assert briefing.title == "Stakeholder briefing: review of place-based partnerships"
    assert not PublicDocument.objects.exists()
