"""Documents as editors upload them and the public downloads them: honest
metadata, link text, how files open, who may download them, stable URLs,
download counts and uploads that are refused without leaving anything behind."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import PageViewRestriction, UploadedFile

from briefings.factories import BriefingPageFactory
from briefings.models import BriefingAttachment
from documents.factories import PublicDocumentFactory
from documents.models import PublicDocument
from documents.pdf import count_pages, write_text_pdf
from documents.validators import human_size

from .conftest import files_in, office_file

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "The board of NHS Lancashire and South Cumbria made a decision to align the place-based "
    "partnerships to the four local authority boundaries."
)


def make_pdf(pages_of_text=1, title="Stakeholder briefing"):
    """A real PDF; roughly `pages_of_text` pages long."""
    return write_text_pdf(title, [("title", title)] + [("p", PARAGRAPH)] * (15 * pages_of_text))


def pdf_pages(content):
    return len(PdfReader(io.BytesIO(content)).pages)


def upload(client, collection, name, content, title="Stakeholder briefing", **fields):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
            **fields,
        },
    )


def upload_multiple(client, collection, name, content):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    return json.loads(response.content)


def link_containing(html, text):
    return html.find(lambda tag: tag.name == "a" and text in tag.get_text())


def attach(page, document, publish=True):
    page.attachments.add(BriefingAttachment(document=document))
    if publish:
        page.save_revision().publish()
    else:
        page.save()
    return page


@pytest.fixture
def visitor():
    """A member of the public (admin_client signs in the default client)."""
    return Client()


@pytest.fixture
def briefing(index):
    return BriefingPageFactory(parent=index, title="Review of place-based partnerships")


# -- metadata on upload -------------------------------------------------------------


def test_pdf_upload_records_type_size_and_page_count(admin_client, root_collection):
    content = make_pdf(pages_of_text=2)
    expected_pages = pdf_pages(content)
    assert expected_pages >= 2

    response = upload(admin_client, root_collection, "briefing.pdf", content)

    assert response.status_code == 302
    document = PublicDocument.objects.get()
    assert document.file_type == "PDF"
    assert document.file_size == len(content)
    assert document.page_count == expected_pages
    assert document.language == "en-GB"


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx", "odt"])
def test_office_uploads_record_type_and_size(admin_client, root_collection, kind):
    content = office_file(kind)
    response = upload(admin_client, root_collection, f"briefing.{kind}", content)
    assert response.status_code == 302
    document = PublicDocument.objects.get()
    assert (document.file_type, document.file_size, document.page_count) == (
        kind.upper(),
        len(content),
        None,
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("places.csv", b"Place,Local authority\nBlackpool,Blackpool Council\n"),
        ("notes.txt", "Most people’s day to day care needs are met within a place.\n".encode()),
    ],
)
def test_text_uploads_record_type_and_size(admin_client, root_collection, name, content):
    assert upload(admin_client, root_collection, name, content).status_code == 302
    document = PublicDocument.objects.get()
    assert document.file_type == name.rsplit(".", 1)[1].upper()
    assert document.file_size == len(content)


def test_multiple_upload_saves_the_document_at_once(admin_client, root_collection):
    content = make_pdf()
    result = upload_multiple(admin_client, root_collection, "briefing.pdf", content)
    assert result["success"] is True
    document = PublicDocument.objects.get(pk=result["doc_id"])
    assert (document.file_type, document.language) == ("PDF", "en-GB")
    assert document.page_count == pdf_pages(content)
    assert not UploadedFile.objects.exists()


def test_page_counting_gives_up_on_slow_or_large_files():
    content = make_pdf(pages_of_text=3)
    assert count_pages(io.BytesIO(content)) == pdf_pages(content)
    # A file that takes longer than allowed, or is bigger than allowed, is
    # simply not counted: the upload goes on without a page count.
    assert count_pages(io.BytesIO(content), timeout=0.001) is None
    assert count_pages(io.BytesIO(content), max_bytes=len(content) - 1) is None
    assert count_pages(io.BytesIO(b"%PDF-1.7\n" + b"\x00garbage" * 100)) is None


def test_page_count_time_limit_comes_from_settings(settings, admin_client, root_collection):
    settings.DOCUMENT_PAGE_COUNT_TIMEOUT = 0.001
    assert upload(admin_client, root_collection, "briefing.pdf", make_pdf()).status_code == 302
    document = PublicDocument.objects.get()
    assert (document.file_type, document.page_count) == ("PDF", None)
    assert document.meta_text == f"PDF, {human_size(document.file_size)}"


# -- link text -----------------------------------------------------------------------


def test_sizes_and_pages_read_as_gov_uk_writes_them():
    assert human_size(500) == "500 bytes"
    assert human_size(312 * 1024) == "312 KB"
    assert human_size(int(1.5 * 1024 * 1024)) == "1.5 MB"
    document = PublicDocument(title="Stakeholder briefing", file_type="PDF", page_count=8)
    document.file_size = 312 * 1024
    assert document.link_text == "Stakeholder briefing (PDF, 312 KB, 8 pages)"
    document.page_count = 1
    assert document.meta_text == "PDF, 312 KB, 1 page"
    document.file_type, document.page_count = "DOCX", None
    assert document.meta_text == "Word document, 312 KB"


def test_download_link_says_what_the_file_is(client, briefing):
    document = PublicDocumentFactory(title="Stakeholder briefing", file__data=make_pdf(2))
    attach(briefing, document)

    html = BeautifulSoup(client.get(briefing.url).content, "html.parser")

    link = html.find("a", href=document.url)
    expected = (
        f"Stakeholder briefing (PDF, {human_size(document.file_size)}, {document.page_count} pages)"
    )
    assert link.get_text() == expected
    assert re.fullmatch(r"Stakeholder briefing \(PDF, \d+ KB, \d+ pages\)", expected)
    assert link["type"] == "application/pdf"
    assert not html.find("a", string=re.compile("click here", re.IGNORECASE))


def test_inaccessible_file_offers_an_accessible_format(client, briefing, home):
    document = PublicDocumentFactory(title="Stakeholder briefing", accessible=False)
    attach(briefing, document)

    # The request is an on-site form (format_requests), not a mailto link.
    html = BeautifulSoup(client.get(briefing.url).content, "html.parser")
    link = link_containing(html, "Request an accessible format of this document")
    assert link["href"] == reverse("format_requests_public:request", args=[document.pk])
    assert link.get_text() == (
        "Request an accessible format of this document: Stakeholder briefing"
    )

    document.accessible = True
    document.save()
    assert b"Request an accessible format" not in client.get(briefing.url).content


# -- serving -------------------------------------------------------------------------


def test_pdf_opens_in_the_browser_and_other_files_download(client, briefing):
    pdf = PublicDocumentFactory(title="Stakeholder briefing")
    docx = PublicDocumentFactory(
        title="Briefing notes", file__data=office_file("docx"), file__filename="notes.docx"
    )
    attach(briefing, pdf)
    attach(briefing, docx)

    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="stakeholder-briefing.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "Content-Encoding" not in response  # sent as stored
    assert "Last-Modified" not in response  # the ETag is the one validator
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    response = client.get(docx.url)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="briefing-notes.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_document_is_private_until_its_page_is_published(visitor, admin_client, index):
    draft = BriefingPageFactory(parent=index, live=False)
    document = PublicDocumentFactory()
    assert visitor.get(document.url).status_code == 404  # used nowhere

    attach(draft, document, publish=False)
    assert visitor.get(document.url).status_code == 404  # used only by a draft
    assert admin_client.get(document.url).status_code == 200  # editors can check it

    draft.save_revision().publish()
    assert visitor.get(document.url).status_code == 200

    draft.refresh_from_db()
    draft.unpublish()
    assert visitor.get(document.url).status_code == 404


def test_document_added_in_a_draft_is_private_until_the_draft_is_published(client, briefing):
    document = PublicDocumentFactory()
    # An editor saves a draft of a live page with the document attached.
    briefing.attachments.add(BriefingAttachment(document=document))
    briefing.save_revision()
    assert client.get(document.url).status_code == 404
    briefing.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200


def test_document_on_a_private_page_is_not_public(client, briefing):
    document = PublicDocumentFactory()
    attach(briefing, document)
    PageViewRestriction.objects.create(page=briefing, restriction_type="login")
    assert client.get(document.url).status_code == 404


def test_document_linked_from_rich_text_of_a_live_page_is_public(client, home):
    from lscpartnerships.core.factories import ContentPageFactory

    document = PublicDocumentFactory()
    ContentPageFactory(
        parent=home,
        body=[("rich_text", f'<p><a linktype="document" id="{document.pk}">Briefing</a></p>')],
    )
    assert client.get(document.url).status_code == 200


def test_replacing_the_file_keeps_the_url(admin_client, visitor, root_collection, briefing):
    upload(admin_client, root_collection, "briefing-v1.pdf", make_pdf(1))
    document = PublicDocument.objects.get()
    attach(briefing, document)
    url = document.url
    old_file = files_in(document.file.storage.location)
    assert len(old_file) == 1

    new_content = make_pdf(3)
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("briefing-v2-final.pdf", new_content),
            "collection": root_collection.pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
        },
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.url == url
    assert document.page_count == pdf_pages(new_content)
    served = visitor.get(url)
    assert b"".join(served.streaming_content) == new_content
    assert old_file[0] not in files_in(document.file.storage.location)


def test_a_retitled_document_redirects_its_old_address(client, briefing):
    document = PublicDocumentFactory(title="Stakeholder briefing")
    attach(briefing, document)
    old_url = document.url
    document.title = "Stakeholder briefing, July 2022"
    document.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == document.url


def test_wagtail_file_name_address_redirects_only_public_documents(client, index):
    page = BriefingPageFactory(parent=index, live=False)
    document = PublicDocumentFactory(title="Confidential plan")
    attach(page, document, publish=False)
    wagtail_url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])

    response = client.get(wagtail_url)
    assert response.status_code == 404  # and the title is not revealed in a redirect
    assert "confidential" not in response.get("Location", "")

    page.save_revision().publish()
    response = client.get(wagtail_url)
    assert response.status_code == 301
    assert response["Location"] == document.url


def test_unknown_document_answers_404(client, home):
    assert client.get("/documents/99999/anything/").status_code == 404


# -- download counts -------------------------------------------------------------------


def test_public_downloads_are_counted_without_cookies(visitor, admin_client, briefing):
    document = PublicDocumentFactory()
    attach(briefing, document)

    first = visitor.get(document.url)
    visitor.get(document.url)
    visitor.head(document.url)  # not a download
    admin_client.get(document.url)  # an editor checking the file is not counted
    visitor.get(document.url, headers={"if-none-match": first["ETag"]})  # not modified

    document.refresh_from_db()
    assert document.download_count == 2
    assert "Set-Cookie" not in first
    assert not visitor.cookies


def test_a_date_revalidation_gets_the_file_and_is_counted(visitor, briefing):
    """No Last-Modified is sent, so If-Modified-Since is not ours to answer:
    the file comes back whole, and that is a download."""
    document = PublicDocumentFactory()
    attach(briefing, document)
    response = visitor.get(
        document.url, headers={"if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT"}
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    document.refresh_from_db()
    assert document.download_count == 1


def test_editors_see_download_counts(admin_client, visitor, briefing):
    document = PublicDocumentFactory(title="Stakeholder briefing")
    attach(briefing, document)
    for _ in range(3):
        visitor.get(document.url)

    listing = BeautifulSoup(admin_client.get(reverse("wagtaildocs:index")).content, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in listing.select("table thead th")]
    assert "Downloads" in headers
    row = link_containing(listing, "Stakeholder briefing").find_parent("tr")
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert cells[headers.index("Downloads")] == "3"

    edit = BeautifulSoup(
        admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content, "html.parser"
    )
    field = edit.find("input", attrs={"name": "downloads"})
    assert field["value"] == "3"
    assert field.has_attr("disabled")


# -- refused uploads -------------------------------------------------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

REFUSED = [
    ("setup.exe", EXE, "cannot be uploaded"),
    ("page.html", HTML, "cannot be uploaded"),
    ("briefing.pdf", EXE, "looks like a Windows program"),
    ("briefing.pdf", HTML, "looks like a web page or script"),
    ("notes.txt", HTML, "web page markup or script"),
    ("data.csv", b"Name,Place\n<script>alert(1)</script>,Blackpool\n", "markup or script"),
    ("data.csv", "Place,Café\n".encode("cp1252"), "not UTF-8 text"),
    ("notes.txt", EXE, "looks like a Windows program"),
    ("report.docx", make_pdf(), "looks like a PDF"),
    ("report.xlsx", office_file("docx"), "without the parts"),
    ("report.odt", office_file("docx"), "not a real OpenDocument"),
]


@pytest.mark.parametrize("name, content, message", REFUSED)
def test_refused_upload_leaves_no_document_and_no_file(
    admin_client, root_collection, media_root, name, content, message
):
    response = upload(admin_client, root_collection, name, content)

    assert response.status_code == 200
    errors = " ".join(
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.content, "html.parser").select(".error-message")
    )
    assert message in errors
    assert not PublicDocument.objects.exists()
    assert files_in(media_root) == []


@pytest.mark.parametrize("name, content, message", REFUSED)
def test_refused_multiple_upload_leaves_nothing_half_saved(
    admin_client, root_collection, media_root, name, content, message
):
    result = upload_multiple(admin_client, root_collection, name, content)

    assert result["success"] is False
    assert message in result["error_message"]
    assert not PublicDocument.objects.exists()
    assert not UploadedFile.objects.exists()
    assert files_in(media_root) == []


def test_too_large_upload_is_refused(settings, admin_client, root_collection, media_root):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2 * 1024
    content = make_pdf(2)
    assert len(content) > 2 * 1024

    response = upload(admin_client, root_collection, "briefing.pdf", content)
    assert response.status_code == 200
    assert b"too big" in response.content
    result = upload_multiple(admin_client, root_collection, "briefing.pdf", content)
    assert result["success"] is False and "too big" in result["error_message"]
    assert not PublicDocument.objects.exists()
    assert files_in(media_root) == []


def test_replacing_with_a_spoofed_file_keeps_the_old_one(
    admin_client, root_collection, briefing, visitor
):
    original = make_pdf()
    upload(admin_client, root_collection, "briefing.pdf", original)
    document = PublicDocument.objects.get()
    attach(briefing, document)

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("briefing.pdf", HTML),
            "collection": root_collection.pk,
            "tags": "",
            "language": "en-GB",
        },
    )
    assert response.status_code == 200
    assert b"looks like a web page or script" in response.content
    assert b"".join(visitor.get(document.url).streaming_content) == original
    assert len(files_in(document.file.storage.location)) == 1
