"""Document links inside rich text say what the file is, like document blocks.

A document block renders “Stakeholder briefing (PDF, 312 KB, 8 pages)”, but a
document linked from a paragraph of rich text was a bare link: readers could
not tell it opens a 40-page PDF. Wagtail's link handlers only write a link's
*opening* tag (the link text and ``</a>`` stay as the editor wrote them), so
the work is split in two:

1. ``DocumentLinkHandler`` writes the stable document URL, its content type and
   language, and marks the anchor with ``data-document-meta="PDF, 312 KB, 8 pages"``
   (``PublicDocument.meta_text``, the same words the document block uses).
2. ``add_document_meta`` (run by the project's ``wagtailcore/shared/richtext.html``,
   which every rich-text rendering goes through) moves that text into the link
   text, just before ``</a>``, and drops the marker attribute.

The metadata is computed when the page is shown, so replacing a file (a new
size or page count) updates every link to it without re-saving the pages.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.documents.rich_text import DocumentLinkHandler as WagtailDocumentLinkHandler

#: An anchor the handler marked, its link text and its closing tag. Rich text
#: never nests links, so the first ``</a>`` after the marker closes it.
_MARKED_LINK = re.compile(
    r'(<a\b[^>]*?)\sdata-document-meta="([^"]*)"([^>]*>)(.*?)(</a>)', re.DOTALL
)


class DocumentLinkHandler(WagtailDocumentLinkHandler):
    """Wagtail's document link handler, plus type, language and metadata."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        links = []
        for document in cls.get_many(attrs_list):
            if document is None:
                links.append("<a>")
                continue
            attributes = [f'href="{escape(document.url)}"']
            attributes.append(f'type="{escape(document.media_type)}"')
            language = (document.language or "").strip()
            if language and language.lower() != "en-gb":
                attributes.append(f'hreflang="{escape(language)}"')
            attributes.append(f'data-document-meta="{escape(document.meta_text)}"')
            links.append(f"<a {' '.join(attributes)}>")
        return links


def add_document_meta(html):
    """Append “ (PDF, 312 KB, 8 pages)” to the text of every document link the
    handler marked. The metadata was escaped by the handler and is copied as is."""
    if "data-document-meta" not in html:
        return mark_safe(html)  # noqa: S308 - Wagtail's own template marks it safe too
    return mark_safe(  # noqa: S308 - rearranges already-safe rich-text HTML
        _MARKED_LINK.sub(
            lambda m: f"{m.group(1)}{m.group(3)}{m.group(4)} ({m.group(2)}){m.group(5)}",
            str(html),
        )
    )
