"""Automatic PDF accessibility checks: run on upload, stored on the document,
shown at upload, in the listing and in content health, and the "accessible"
tick is refused for a PDF that fails them. Every PDF is built by the test."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.factories import PublicDocumentFactory
from documents.models import PublicDocument
from documents.pdf_accessibility import CHECK_KEYS, check_pdf

from .conftest import files_in, office_file
from .pdfs import accessible_pdf, untagged_pdf

pytestmark = pytest.mark.django_db

ALL_PASS = dict.fromkeys(CHECK_KEYS, True)


def upload(client, collection, content, name="briefing.pdf", **fields):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Stakeholder briefing",
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
            **fields,
        },
        follow=True,
    )


def test_a_well_made_pdf_passes_every_check():
    assert check_pdf(io.BytesIO(accessible_pdf())) == ALL_PASS


@pytest.mark.parametrize(
    ("broken", "failed"),
    [
        ({"tagged": False}, "tagged"),
        ({"marked": False}, "tagged"),
        ({"language": False}, "language"),
        ({"title_displayed": False}, "title_displayed"),
        ({"fonts_embedded": False}, "fonts_embedded"),
        ({"text": False}, "text_present"),
    ],
)
def test_each_check_catches_its_own_problem(broken, failed):
    assert check_pdf(io.BytesIO(accessible_pdf(**broken))) == {**ALL_PASS, failed: False}


def test_an_untagged_pdf_with_standard_fonts_fails_two_checks():
    results = check_pdf(io.BytesIO(untagged_pdf()))
    assert results == {**ALL_PASS, "tagged": False, "fonts_embedded": False}


def test_unreadable_or_huge_files_are_not_checked_rather_than_failing():
    assert check_pdf(io.BytesIO(b"%PDF-1.7\n" + b"\x00garbage" * 100)) is None
    assert check_pdf(io.BytesIO(accessible_pdf()), max_bytes=100) is None


def test_upload_stores_the_results_and_says_how_the_pdf_did(admin_client, root_collection):
    response = upload(admin_client, root_collection, untagged_pdf())

    document = PublicDocument.objects.get()
    assert document.passes_accessibility_checks is False
    assert document.accessibility_checks == {**ALL_PASS, "tagged": False, "fonts_embedded": False}
    messages = [str(m) for m in response.context["messages"]]
    assert any(
        "Automatic accessibility checks: Fails: tagged, fonts embedded." in m for m in messages
    )
    # The documents listing has a column with the result.
    html = BeautifulSoup(admin_client.get(reverse("wagtaildocs:index")).content, "html.parser")
    table = html.find("table", class_="listing")
    assert "Accessibility checks" in table.find("thead").get_text()
    assert "Fails: tagged, fonts embedded" in table.find("tbody").get_text()
    # So does the document's edit form, with what to do.
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Automatic accessibility checks" in edit
    assert "Create tagged PDF" in edit


def test_a_failing_pdf_cannot_be_marked_accessible(admin_client, root_collection, media_root):
    response = upload(admin_client, root_collection, untagged_pdf(), accessible="on")

    assert not PublicDocument.objects.exists()
    assert files_in(media_root) == []
    error = response.context["form"].errors["accessible"][0]
    assert error.startswith("This PDF cannot be marked accessible: it is not tagged")
    assert "some of its fonts are not embedded" in error
    assert "accessible format on request" in error


def test_a_passing_pdf_can_be_marked_accessible(admin_client, root_collection):
    upload(admin_client, root_collection, accessible_pdf(), accessible="on")
    document = PublicDocument.objects.get()
    assert document.accessible is True
    assert document.passes_accessibility_checks is True
    assert document.accessibility_summary == "Passes the automatic checks"


def test_ticking_accessible_later_is_refused_too(admin_client, root_collection):
    upload(admin_client, root_collection, untagged_pdf())
    document = PublicDocument.objects.get()
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": root_collection.pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
            "accessible": "on",
        },
    )
    assert response.status_code == 200
    assert "cannot be marked accessible" in response.context["form"].errors["accessible"][0]
    document.refresh_from_db()
    assert document.accessible is False

    # Replacing the file with a fixed one in the same form is accepted.
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("fixed.pdf", accessible_pdf()),
            "collection": root_collection.pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
            "accessible": "on",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.accessible, document.passes_accessibility_checks) == (True, True)


def test_multiple_upload_checks_each_pdf(admin_client, root_collection):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("scan.pdf", accessible_pdf(text=False))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    document = PublicDocument.objects.get()
    assert document.passes_accessibility_checks is False
    assert document.accessibility_summary == "Fails: text present"
    assert "Fails: text present" in response.json()["form"]


def test_other_files_are_not_checked_and_may_be_marked_accessible(admin_client, root_collection):
    upload(admin_client, root_collection, office_file("docx"), name="notes.docx", accessible="on")
    document = PublicDocument.objects.get()
    assert document.accessible is True
    assert document.passes_accessibility_checks is None
    assert document.accessibility_checks == {}
    assert document.accessibility_summary == "Not a PDF"


def test_content_health_gathers_failing_pdfs(admin_client, home):
    PublicDocumentFactory(title="Scanned letter", file__data=accessible_pdf(text=False))
    PublicDocumentFactory(title="Good briefing", file__data=accessible_pdf())

    html = BeautifulSoup(
        admin_client.get(reverse("editorial_content_health")).content, "html.parser"
    )
    assert "1 PDF fails the automatic accessibility checks" in html.find(
        id="health-failing-pdfs"
    ).get_text(" ", strip=True)
    items = {
        li.find("a").get_text(): li.get_text(" ", strip=True)
        for li in html.select("#health-documents li")
    }
    assert "Fails: text present" in items["Scanned letter"]
    assert "Fails" not in items["Good briefing"]
