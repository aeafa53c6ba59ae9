"""Hostile uploads: zip bombs (honest or with a lying ZIP directory), PDFs
with JavaScript, launch actions or embedded files are refused with a message
saying why and leave nothing behind; CSV cells that a spreadsheet would run
are served as text; the page counter runs without the server's secrets."""

import io
import tracemalloc
import zipfile
import zlib

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from documents.factories import PublicDocumentFactory
from documents.models import PublicDocument
from documents.pdf import count_pages, run_child
from documents.validators import (
    MAX_UNZIPPED_BYTES,
    neutralise_csv_formulas,
    validate_document_file,
)

from .conftest import files_in, office_file
from .test_documents import attach, briefing, make_pdf, upload  # noqa: F401

pytestmark = pytest.mark.django_db

ZEROS = 16 * 1024 * 1024


def _zip_bomb(kind="odt", lie=False):
    """An ODT/DOCX whose content.xml expands to more than MAX_UNZIPPED_BYTES;
    with `lie`, its ZIP directories claim the entry is 1,000 bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
        name = "content.xml" if kind == "odt" else "word/document.xml"
        with archive.open(name, "w", force_zip64=True) as entry:
            chunk = b"\0" * ZEROS
            for _ in range(MAX_UNZIPPED_BYTES // ZEROS + 2):
                entry.write(chunk)
    data = buffer.getvalue()
    if lie:
        # Rewrite the declared uncompressed size (ZIP64 extra field, 8 bytes
        # after the header id/size) in both the local and central headers.
        declared = (MAX_UNZIPPED_BYTES // ZEROS + 2) * ZEROS
        data = data.replace(declared.to_bytes(8, "little"), (1000).to_bytes(8, "little"))
    return data


@pytest.mark.parametrize("kind", ["odt", "docx"])
@pytest.mark.parametrize("lie", [False, True], ids=["honest sizes", "lying directory"])
def test_zip_bombs_are_refused_reading_at_most_the_cap(kind, lie):
    bomb = _zip_bomb(kind, lie)
    assert len(bomb) < 2 * 1024 * 1024  # a small upload...
    tracemalloc.start()
    with pytest.raises(Exception) as refused:
        validate_document_file(io.BytesIO(bomb), f"report.{kind}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"\n{kind} bomb ({'lying' if lie else 'honest'}): {len(bomb)} bytes, peak {peak} bytes")
    # ...that never makes the check hold more than a few megabytes.
    assert peak < 32 * 1024 * 1024
    message = " ".join(refused.value.messages)
    assert "expands to more than" in message or "damaged or protected" in message


def test_real_office_files_still_pass():
    for kind in ("docx", "xlsx", "pptx", "odt"):
        # Accepted: no ValidationError, nothing returned.
        assert validate_document_file(io.BytesIO(office_file(kind)), f"report.{kind}") is None


def _pdf_with(extra_objects):
    return make_pdf() + b"\n" + extra_objects


def _pdf_with_js():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_with_attachment():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("payload.exe", b"MZ...")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _object_stream(text):
    body = zlib.compress(text)
    return (
        b"99 0 obj << /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(body)
        + body
        + b"\nendstream\nendobj\n"
    )


HOSTILE_PDFS = [
    ("JavaScript open action (pypdf)", _pdf_with_js(), "JavaScript"),
    (
        "OpenAction with JS",
        _pdf_with(b"50 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj"),
        "JavaScript",
    ),
    ("escaped name", _pdf_with(b"50 0 obj << /S /J#61vaScript /JS (x) >> endobj"), "JavaScript"),
    ("launch action", _pdf_with(b"50 0 obj << /S /Launch /F (calc.exe) >> endobj"), "launches"),
    ("embedded file (pypdf)", _pdf_with_attachment(), "embedded file"),
    (
        "file attachment annotation",
        _pdf_with(b"50 0 obj << /Type /Annot /Subtype /FileAttachment >> endobj"),
        "embedded file attachment",
    ),
    ("hidden in an object stream", _pdf_with(_object_stream(b"<< /JS (x) >>")), "JavaScript"),
]


@pytest.mark.parametrize(
    "label, content, reason", HOSTILE_PDFS, ids=[item[0] for item in HOSTILE_PDFS]
)
def test_pdfs_with_active_content_are_refused_and_leave_nothing(
    admin_client, root_collection, media_root, label, content, reason
):
    response = upload(admin_client, root_collection, "briefing.pdf", content)
    assert response.status_code == 200
    errors = " ".join(
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.content, "html.parser").select(".error-message")
    )
    assert "This PDF cannot be published because it contains" in errors
    assert reason in errors
    assert not PublicDocument.objects.exists()
    assert files_in(media_root) == []


def test_zip_bomb_upload_through_the_admin_leaves_nothing(
    admin_client, root_collection, media_root
):
    response = upload(admin_client, root_collection, "report.odt", _zip_bomb("odt"))
    assert response.status_code == 200
    assert b"expands to more than" in response.content
    assert not PublicDocument.objects.exists()
    assert files_in(media_root) == []


def test_plain_pdfs_are_still_accepted(admin_client, root_collection):
    response = upload(admin_client, root_collection, "briefing.pdf", make_pdf())
    assert response.status_code == 302
    assert PublicDocument.objects.get().file_type == "PDF"


def test_csv_cells_that_would_run_as_formulas_are_served_as_text(client, briefing):  # noqa: F811
    data = (
        b"Name,Value,Note\r\n"
        b'Safe,12,"Blackpool, Fylde"\r\n'
        b'=HYPERLINK("http://evil.example","Click"),+1,-2\r\n'
        b"@SUM(A1),\tTab,\rReturn\r\n"
    )
    document = PublicDocumentFactory(title="Figures", file__data=data, file__filename="f.csv")
    attach(briefing, document)
    response = client.get(document.url)
    served = b"".join(response.streaming_content).decode()
    assert served.splitlines()[0:2] == ["Name,Value,Note", 'Safe,12,"Blackpool, Fylde"']
    assert "'=HYPERLINK" in served
    assert ",'+1,'-2" in served
    assert "'@SUM(A1)" in served
    assert "'\tTab" in served
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # The stored file is untouched (editors get back what they uploaded).
    document.file.open("rb")
    assert document.file.read() == data


def test_csv_without_formulas_is_served_byte_for_byte():
    data = b"Name,Place\r\nKaren,Blackpool\r\n"
    assert neutralise_csv_formulas(data) is data


def test_page_counter_gets_no_secrets(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "very-secret")
    monkeypatch.setenv("DATABASE_URL", "postgres://user:password@db/site")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "cloud-secret")
    result = run_child("import os, sys; sys.stdout.write(repr(sorted(os.environ)))")
    names = eval(result.stdout.decode())  # noqa: S307 - our own child's repr of a list
    assert not {"SECRET_KEY", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY"} & set(names)
    assert set(names) <= {"PATH", "LANG", "PYTHONHASHSEED", "LC_CTYPE"}
    # And it still counts pages.
    assert count_pages(io.BytesIO(make_pdf(2))) == 2
