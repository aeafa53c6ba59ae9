"""The site's one document model (settings.WAGTAILDOCS_DOCUMENT_MODEL).

GOV.UK's publishing model is the reference: files are alternatives to
accessible HTML pages and say honestly what they are ("Stakeholder briefing
(PDF, 312 KB, 8 pages)"), in which language, and whether they are accessible.

Upload checks (validators.py, pdf_accessibility.py) run in `clean`, before
anything is written; the type, page count and check results are recorded on
upload. Which content type a file is served with, and whether it opens in the
browser, are Wagtail's settings (WAGTAILDOCS_CONTENT_TYPES,
WAGTAILDOCS_INLINE_CONTENT_TYPES). Serving is views.serve (docs/decisions/0012
and 0086): a document reaches the public only while a live public page uses it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from lscpartnerships.core.storage import private_storage
from lscpartnerships.core.visibility import used_by_live_public_pages

from . import pdf_accessibility
from .choices import DEFAULT_LANGUAGE, LINK_TYPE_NAMES
from .pdf import count_pages
from .validators import human_size, validate_document_file


class PublicDocument(AbstractDocument):
    """A downloadable file with honest metadata: what it is, its language,
    whether it is accessible, and facts computed on upload (type, size, pages).

    Downloads are counted server-side, without cookies or personal data.
    """

    # Files live in the private store (lscpartnerships/core/storage.py), never
    # under MEDIA_ROOT or a public bucket prefix: views.serve is the only way out.
    file = models.FileField(upload_to="documents", verbose_name="file", storage=private_storage)
    description = models.TextField(
        blank=True, help_text="What the document is, in a sentence (shown with the link)."
    )
    language = models.CharField(
        max_length=35,
        default=DEFAULT_LANGUAGE,
        help_text="Language of the document as a language tag, e.g. en-GB, cy, pl.",
    )
    accessible = models.BooleanField(
        default=False,
        help_text=(
            "Tick only if the file itself meets accessibility standards (tagged PDF, "
            "headings, alt text). Otherwise readers are offered an accessible format on request."
        ),
    )
    file_type = models.CharField(
        max_length=10,
        blank=True,
        editable=False,
        help_text="The file's type (its checked extension, e.g. PDF), set on upload.",
    )
    page_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        verbose_name="pages",
        help_text="Number of pages of a PDF, counted on upload (blank if it could not be counted).",
    )
    accessibility_checks = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text=(
            "Results of the automatic accessibility checks of a PDF, run on upload "
            "(documents/pdf_accessibility.py); empty if not a PDF or not checked."
        ),
    )
    passes_accessibility_checks = models.BooleanField(
        null=True,
        blank=True,
        editable=False,
        verbose_name="passes automatic accessibility checks",
        help_text="Yes or no for a checked PDF; blank for other files or a PDF that could not be checked.",
    )
    download_count = models.PositiveBigIntegerField(
        default=0,
        editable=False,
        verbose_name="downloads",
        help_text="How many times the public has downloaded the file (no personal data kept).",
    )

    admin_form_fields = (*Document.admin_form_fields, "description", "language", "accessible")

    search_fields = [*AbstractDocument.search_fields, index.SearchField("description")]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        permissions = [("choose_document", "Can choose document")]

    # -- upload checks and metadata ------------------------------------------
    def clean(self):
        """Refuse files whose type, size or content is not allowed. Only a
        new upload is read; editing a document's title does not re-check it.

        A PDF that fails the automatic accessibility checks cannot be marked
        accessible: the checks of a new upload run here, before anything is
        saved, so the editor sees why next to the tick box."""
        file = self.file
        if file and not getattr(file, "_committed", True):
            try:
                validate_document_file(file.file, file.name)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            self._check_accessibility()
        super().clean()
        if self.accessible and self.passes_accessibility_checks is False:
            raise ValidationError(
                {"accessible": pdf_accessibility.refusal_message(self.accessibility_checks)}
            )

    def _check_accessibility(self):
        """Run the PDF checks once per uploaded file (clean and Wagtail's
        metadata step both want them)."""
        upload = self.file.file if self.file else None
        if getattr(self, "_checked_upload", None) is upload and upload is not None:
            return
        self._checked_upload = upload
        is_pdf = bool(self.file) and self.file.name.lower().endswith(".pdf")
        results = pdf_accessibility.check_pdf(self.file) if is_pdf else None
        self.accessibility_checks = results or {}
        self.passes_accessibility_checks = pdf_accessibility.passed(results)
        if self.file:
            self.file.seek(0)

    @property
    def accessibility_summary(self):
        """“Passes the automatic checks”, “Fails: tagged, fonts embedded” or “Not checked”."""
        if self.passes_accessibility_checks is None:
            return "Not a PDF" if self.file_type and self.file_type != "PDF" else "Not checked"
        return pdf_accessibility.summary(self.accessibility_checks)

    @property
    def failed_accessibility_checks(self):
        return pdf_accessibility.failed_checks(self.accessibility_checks)

    def _set_document_file_metadata(self):
        """Wagtail calls this whenever a file is uploaded or replaced: on top
        of size and hash, record the type and (for PDFs) the page count."""
        super()._set_document_file_metadata()
        if getattr(self, "_metadata_hash", None) == self.file_hash:
            return  # already done for this very file (Wagtail calls this twice)
        self.file_type = self.file_extension.upper()[:10]
        self.page_count = None
        if self.file_type == "PDF":
            self.page_count = count_pages(self.file)
        self._check_accessibility()
        self.file.seek(0)
        self._metadata_hash = self.file_hash

    def save(self, *args, **kwargs):
        if self.file and (self.file_size is None or not self.file_type):
            self._set_document_file_metadata()
        new_file = bool(self.file) and not getattr(self.file, "_committed", True)
        try:
            super().save(*args, **kwargs)
        except Exception:
            # The file was written to storage before the row failed to save:
            # remove it so a failed upload leaves nothing behind.
            if new_file and self.file.name and self.file._committed:
                self.file.storage.delete(self.file.name)
            raise

    # -- what links and pages show ------------------------------------------
    @property
    def slug(self):
        return slugify(self.title)[:80].strip("-") or "document"

    @property
    def url(self):
        """A URL that stays the same when an editor replaces the file (it
        has the id and the title, never the file name)."""
        return reverse("documents:document", args=[self.pk, self.slug])

    @property
    def download_filename(self):
        return f"{self.slug}.{self.file_extension.lower()}"

    @property
    def opens_inline(self):
        """PDFs open in the browser; everything else downloads (Wagtail's rule,
        from WAGTAILDOCS_INLINE_CONTENT_TYPES)."""
        return self.content_disposition == "inline"

    @property
    def media_type(self):
        """The content type without parameters (“text/csv”), for type="" attributes."""
        return self.content_type.split(";")[0].strip()

    @property
    def file_type_label(self):
        kind = self.file_type or self.file_extension.upper()
        return LINK_TYPE_NAMES.get(kind, kind)

    @property
    def size_text(self):
        return human_size(self.file_size)

    @property
    def meta_text(self):
        """“PDF, 312 KB, 8 pages”: what the file is, how big, how long."""
        parts = [self.file_type_label]
        if self.file_size is not None:
            parts.append(self.size_text)
        if self.page_count:
            parts.append(f"{self.page_count} page{'s' if self.page_count != 1 else ''}")
        return ", ".join(part for part in parts if part)

    @property
    def link_text(self):
        return f"{self.title} ({self.meta_text})"

    # -- who may download it --------------------------------------------------
    @classmethod
    def public_queryset(cls):
        """Documents used by at least one live public page, in one query: what
        serving, site search and the partner API may show (the rule images
        follow too, lscpartnerships/core/visibility.py)."""
        return cls.objects.filter(pk__in=used_by_live_public_pages(cls))

    def is_published(self):
        """True when at least one live page that the public can see uses it
        (Wagtail's reference index: page fields, inline panels, StreamField
        blocks and rich-text links of the published content)."""
        return type(self).public_queryset().filter(pk=self.pk).exists()
