"""Stakeholder briefings, their documents and feeds."""

from django.db import models
from wagtail.documents.models import AbstractDocument, Document


class PublicDocument(AbstractDocument):
    """A downloadable file with honest metadata: what it is, its language,
    whether it is accessible, and facts computed on upload (type, size, pages).

    Downloads are counted server-side, without cookies or personal data.
    """

    description = models.TextField(
        blank=True, help_text="What the document is, in a sentence (shown with the link)."
    )
    language = models.CharField(
        max_length=35,
        default="en-GB",
        help_text="Language of the document as a language tag, e.g. en-GB, cy, pl.",
    )
    accessible = models.BooleanField(
        default=False,
        help_text=(
            "Tick only if the file itself meets accessibility standards (tagged PDF, "
            "headings, alt text). Otherwise readers are offered an accessible format on request."
        ),
    )
    file_type = models.CharField(max_length=10, blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    download_count = models.PositiveBigIntegerField(default=0, editable=False)

    admin_form_fields = (*Document.admin_form_fields, "description", "language", "accessible")

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        permissions = [("choose_document", "Can choose document")]
