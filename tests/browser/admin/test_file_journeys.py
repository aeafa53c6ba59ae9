"""Files in the admin: documents attached to a briefing (uploaded inside the
document chooser, then replaced) and images with alternative text or marked
decorative. The files are made here: a PDF with pypdf, a DOCX by hand (a zip
of three XML parts)."""

import io
import re
import zipfile

import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from tests.browser.admin.conftest import APPROVER, EDITOR
from tests.browser.admin.editor import (
    add_page,
    approve,
    insert_block,
    open_chooser,
    pick_date,
    save_draft,
    submit_for_sign_off,
    type_rich_text,
)

pytestmark = pytest.mark.browser

PDF_TITLE = "Quarterly place briefing (print version)"
DOCX_TITLE = "Quarterly place briefing (editable version)"


def make_pdf(path, pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def make_docx(path, text):
    """The smallest Word document Word opens: content types, the package
    relationship and the document part."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document)
    return path


def attach_new_document(tab, title, path, screenshot=None):
    """Click "Add Document" under the briefing's Documents, then upload the file
    in the document chooser's Upload tab; it is chosen for the new row."""
    rows = tab.locator("#id_attachments-FORMS > [data-inline-panel-child]:not(.deleted)")
    before = rows.count()
    tab.get_by_role("button", name="Add Document").click()
    expect(rows).to_have_count(before + 1)
    row = rows.nth(before)
    modal = open_chooser(tab, row.get_by_role("button", name="Choose a document"))
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(path))
    # Wagtail fills the title from the file name a moment after the file is
    # chosen; wait for that, as an editor would see it, so it cannot land in
    # the middle of typing the real title (it once made "briefingQuarterly ...").
    title_field = modal.get_by_label("Title")
    expect(title_field).to_have_value(path.stem)
    title_field.fill(title)
    if screenshot:
        tab.screenshot(path=screenshot)
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()
    expect(row).to_contain_text(title)


def test_briefing_with_pdf_and_docx_then_the_pdf_replaced(
    admin_as, visitor, journey_site, tmp_path, screenshots
):
    editor = admin_as(EDITOR)
    add_page(editor, "briefings.BriefingPage", journey_site["ids"]["BriefingIndexPage"])
    editor.fill("#id_title", "Quarterly place briefing")
    editor.fill("#id_summary", "What the four places did this quarter.")
    pick_date(editor, editor.locator("#id_publication_date"), day=2)
    block = insert_block(editor, "body", "Rich text")
    type_rich_text(editor, block.locator("[role=textbox]"), "The places met their councils.")
    attach_new_document(
        editor,
        PDF_TITLE,
        make_pdf(tmp_path / "briefing.pdf", pages=2),
        screenshot=screenshots / "admin-document-chooser-upload.png",
    )
    attach_new_document(
        editor, DOCX_TITLE, make_docx(tmp_path / "briefing.docx", "Quarterly briefing")
    )
    page_id = save_draft(editor)
    submit_for_sign_off(editor)
    approve(admin_as(APPROVER), page_id)

    # The public page says what each file is, how big and how long.
    visitor.goto("/briefings/quarterly-place-briefing/")
    pdf_link = visitor.get_by_role(
        "link", name=re.compile(rf"^{re.escape(PDF_TITLE)} \(PDF, \d+ (bytes|KB), 2 pages\)$")
    )
    docx_link = visitor.get_by_role(
        "link", name=re.compile(rf"^{re.escape(DOCX_TITLE)} \(Word document, \d+ (bytes|KB)\)$")
    )
    expect(pdf_link).to_be_visible()
    expect(docx_link).to_be_visible()
    href = pdf_link.get_attribute("href")
    assert len(PdfReader(io.BytesIO(visitor.request.get(href).body())).pages) == 2

    # In the admin: the documents listing finds both; the PDF's screen shows
    # its file type and size.
    admin = admin_as()
    admin.goto("/admin/documents/?q=Quarterly+place+briefing")
    listing = admin.locator("main table")
    expect(listing).to_contain_text(PDF_TITLE)
    expect(listing).to_contain_text(DOCX_TITLE)
    listing.get_by_role("link", name=PDF_TITLE).click()
    main = admin.locator("main")
    expect(main).to_contain_text(re.compile(r"\.pdf"))
    expect(main).to_contain_text(re.compile(r"Filesize\s+\d+(\.\d+)?\s*(bytes|KB)"))

    # Replacing the file keeps the public link; the new file has 3 pages.
    admin.locator("input[type=file][name=file]").set_input_files(
        str(make_pdf(tmp_path / "briefing-corrected.pdf", pages=3))
    )
    with admin.expect_navigation():
        admin.locator("main").get_by_role("button", name="Save").click()
    expect(admin.locator(".messages")).to_contain_text("updated")

    visitor.goto("/briefings/quarterly-place-briefing/")
    replaced = visitor.get_by_role("link", name=re.compile(rf"^{re.escape(PDF_TITLE)} \("))
    expect(replaced).to_have_attribute("href", href)
    expect(replaced).to_contain_text("3 pages")
    assert len(PdfReader(io.BytesIO(visitor.request.get(href).body())).pages) == 3


def test_images_need_alt_text_unless_decorative(admin_as, tmp_path):
    """Uploading images: one with alternative text; one without is refused
    with a clear message until the editor marks it decorative."""
    described = tmp_path / "place-map.png"
    plain = tmp_path / "blue-divider.png"
    Image.new("RGB", (600, 400), (0, 94, 184)).save(described)
    Image.new("RGB", (600, 40), (0, 48, 135)).save(plain)

    tab = admin_as()
    tab.goto("/admin/images/multiple/add/")
    tab.locator("#fileupload").set_input_files([str(described), str(plain)])
    items = tab.locator("#upload-list > li")
    expect(items).to_have_count(2)
    first = items.filter(has_text="place-map")
    expect(items.locator("form")).to_have_count(2)

    first.get_by_label("Alternative text").fill("Map of the four places")
    first.get_by_role("button", name="Update").click()
    # A saved upload leaves the list; the other one waits for its details.
    expect(items).to_have_count(1)
    remaining = items.first
    expect(remaining).to_contain_text("blue-divider")

    remaining.get_by_role("button", name="Update").click()
    expect(remaining).to_contain_text("Add alternative text describing the image")
    remaining.get_by_label("Decorative").check()
    remaining.get_by_role("button", name="Update").click()
    expect(items).to_have_count(0)

    tab.goto("/admin/images/")
    tab.locator("main a", has_text="blue-divider").first.click()
    expect(tab.get_by_label("Decorative")).to_be_checked()
    tab.goto("/admin/images/")
    tab.locator("main a", has_text="place-map").first.click()
    expect(tab.get_by_label("Alternative text")).to_have_value("Map of the four places")
