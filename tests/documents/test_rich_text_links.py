"""Document links in rich text say what the file is, as document blocks do."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils.html import escape

from documents.factories import PublicDocumentFactory
from documents.pdf import write_text_pdf
from documents.validators import human_size
from lscpartnerships.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def _pdf(paragraphs):
    return write_text_pdf("Briefing", [("title", "Briefing")] + [("p", "Text. " * 40)] * paragraphs)


def test_rich_text_document_link_shows_type_size_and_pages(client, home):
    document = PublicDocumentFactory(title="Board paper", file__data=_pdf(40))
    assert document.page_count and document.page_count > 1
    page = ContentPageFactory(
        parent=home,
        body=[
            (
                "rich_text",
                f'<p>Read <a linktype="document" id="{document.pk}">the <b>board</b> paper</a>.</p>',
            )
        ],
    )

    html = BeautifulSoup(client.get(page.url).content, "html.parser")

    link = html.find("a", href=document.url)
    expected = (
        f"the board paper (PDF, {human_size(document.file_size)}, {document.page_count} pages)"
    )
    assert link.get_text() == expected
    assert link["type"] == "application/pdf"
    assert not link.has_attr("data-document-meta")
    assert link.find("b").get_text() == "board"


def test_replaced_file_updates_the_link_text_without_saving_the_page(client, home):
    document = PublicDocumentFactory(title="Board paper", file__data=_pdf(1))
    page = ContentPageFactory(
        parent=home,
        body=[("rich_text", f'<p><a linktype="document" id="{document.pk}">Paper</a></p>')],
    )
    document.page_count = 7
    document.save()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.find("a", href=document.url).get_text().endswith(", 7 pages)")


def test_other_language_and_missing_documents(home):
    document = PublicDocumentFactory(title="Papur", language="cy")
    rendered = Template("{% load wagtailcore_tags %}{{ value|richtext }}").render(
        Context(
            {
                "value": (
                    f'<p><a linktype="document" id="{document.pk}">Papur</a> and '
                    '<a linktype="document" id="999999">gone</a> and <a href="/x/">page</a></p>'
                )
            }
        )
    )
    html = BeautifulSoup(rendered, "html.parser")
    link = html.find("a", href=document.url)
    assert link["hreflang"] == "cy"
    assert link.get_text() == f"Papur ({escape(document.meta_text)})"
    assert html.find("a", string="gone") is not None  # a deleted document stays plain text
    assert html.find("a", href="/x/").get_text() == "page"


def test_the_projects_rich_text_filter_gives_wagtails_html(home):
    """Templates use `|rich_text` (no template render per rich text); it must
    give exactly what Wagtail's `|richtext` gives through the project's
    richtext.html, for every kind of value and link."""
    from wagtail.rich_text import RichText

    document = PublicDocumentFactory(title="Board paper", file__data=_pdf(2))
    page = ContentPageFactory(parent=home, title="Privacy", slug="privacy")
    source = (
        f'<p>See <a linktype="page" id="{page.pk}">privacy</a>, '
        f'<a linktype="document" id="{document.pk}">the paper</a>, '
        '<a linktype="document" id="999999">a deleted file</a> and '
        '<a href="https://example.org/?a=1&amp;b=2">elsewhere</a> &amp; more.</p>'
    )
    wagtails = Template("{% load wagtailcore_tags %}{{ value|richtext }}")
    ours = Template("{% load documents_tags %}{{ value|rich_text }}")
    for value in (source, RichText(source), "", None, "<p>Plain</p>"):
        expected = wagtails.render(Context({"value": value}))
        assert ours.render(Context({"value": value})) == expected
    rendered = ours.render(Context({"value": source}))
    assert f'href="{page.url}"' in rendered and "the paper (PDF, " in rendered
