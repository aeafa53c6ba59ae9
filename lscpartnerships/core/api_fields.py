"""Serializers for the partner API (/api/v2/) that never leak unpublished content.

A page's link to another page (a place's director, say) is shown only when the
linked page is live and public; otherwise it is null. Rich text is expanded to
front-end HTML (real URLs, not Wagtail's internal link markup).
"""

from rest_framework import serializers
from wagtail.models import Page
from wagtail.rich_text import expand_db_html


def _is_public(page):
    return bool(page) and page.live and Page.objects.filter(pk=page.pk).public().exists()


class LivePageLinkField(serializers.Field):
    """{id, title, url} of a linked page, or null if it is not live and public."""

    def to_representation(self, page):
        if not _is_public(page):
            return None
        return {"id": page.pk, "title": page.title, "url": page.full_url}


class RichTextHTMLField(serializers.Field):
    def to_representation(self, value):
        return expand_db_html(value or "")


class DocumentLinkField(serializers.Field):
    """A document attached to a live page, with its honest metadata."""

    def to_representation(self, document):
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "url": document.url,
            "file_type": getattr(document, "file_type", ""),
            "file_size": document.file_size,
            "page_count": getattr(document, "page_count", None),
            "accessible": getattr(document, "accessible", None),
        }


class ImageField(serializers.Field):
    def to_representation(self, image):
        if image is None:
            return None
        return {"id": image.pk, "title": image.title, "alt": image.default_alt_text}
