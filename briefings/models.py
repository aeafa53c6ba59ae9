"""Stakeholder briefings, their documents and feeds.

GOV.UK's publishing model is the reference: a briefing is an accessible HTML
page (BriefingPage), and files attached to it are alternatives that say
honestly what they are ("Stakeholder briefing (PDF, 312 KB, 8 pages)") and
offer an accessible format when they are not accessible themselves.

Documents are served by this app's own view (views.serve_document) so that a
document's URL survives a replaced file, only documents used by a live public
page reach the public, and downloads are counted without cookies.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from lscpartnerships.core.api_fields import DocumentLinkField, LivePageLinkField
from lscpartnerships.core.blocks import ContentStreamBlock
from lscpartnerships.core.models import BasePage
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.panels import OptionalTypePageChooserPanel, model_or_none
from lscpartnerships.core.storage import private_storage
from lscpartnerships.core.visibility import public_link_targets, public_or_none, public_pages

from . import pdf_accessibility
from .pdf import count_pages
from .validators import human_size, validate_document_file

PLACE_PAGE_MODEL = "places.PlacePartnershipPage"


# -- Documents -----------------------------------------------------------------

#: How a file type is named in link text, as GOV.UK names them.
FILE_TYPE_LABELS = {
    "PDF": "PDF",
    "DOCX": "Word document",
    "XLSX": "Excel spreadsheet",
    "PPTX": "PowerPoint presentation",
    "ODT": "OpenDocument text",
    "CSV": "CSV",
    "TXT": "plain text",
}


class PublicDocument(AbstractDocument):
    """A downloadable file with honest metadata: what it is, its language,
    whether it is accessible, and facts computed on upload (type, size, pages).

    Downloads are counted server-side, without cookies or personal data.
    """

    # Files live in the private store (lscpartnerships/core/storage.py), never
    # under MEDIA_ROOT or a public bucket prefix: serve_document is the only way out.
    file = models.FileField(upload_to="documents", verbose_name="file", storage=private_storage)
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
            "(briefings/pdf_accessibility.py); empty if not a PDF or not checked."
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
        return reverse("briefings:document", args=[self.pk, self.slug])

    @property
    def download_filename(self):
        return f"{self.slug}.{self.file_extension.lower()}"

    @property
    def file_type_label(self):
        kind = self.file_type or self.file_extension.upper()
        return FILE_TYPE_LABELS.get(kind, kind)

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

    @property
    def content_type(self):
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt": "application/vnd.oasis.opendocument.text",
            "csv": "text/csv; charset=utf-8",
            "txt": "text/plain; charset=utf-8",
        }.get(self.file_extension.lower(), "application/octet-stream")

    @property
    def opens_inline(self):
        """PDFs open in the browser; everything else downloads."""
        inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
        return self.content_type in inline

    # -- who may download it --------------------------------------------------
    def using_page_ids(self):
        """Ids of pages whose saved content uses this document, from Wagtail's
        reference index (it follows page fields, inline panels, StreamField
        blocks and rich-text links). A live page's row holds its published
        content, so a draft that adds a document does not count until published."""
        page_type = ContentType.objects.get_for_model(Page)
        object_ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
        return {int(pk) for pk in object_ids if str(pk).isdigit()}

    @classmethod
    def public_queryset(cls):
        """Documents used by at least one live public page, in one query:
        what site search and the partner API may show (same rule as serving)."""
        from django.db.models import BigIntegerField, CharField
        from django.db.models.functions import Cast

        live_page_ids = (
            Page.objects.live()
            .public()
            .annotate(id_text=Cast("pk", output_field=CharField()))
            .values("id_text")
        )
        used = (
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                to_content_type=ContentType.objects.get_for_model(cls),
                object_id__in=live_page_ids,
            )
            .annotate(document_id=Cast("to_object_id", output_field=BigIntegerField()))
            .values("document_id")
        )
        return cls.objects.filter(pk__in=used)

    def is_published(self):
        """True when at least one live page that the public can see uses it."""
        ids = self.using_page_ids()
        return bool(ids) and Page.objects.live().public().filter(pk__in=ids).exists()


# -- Pages ---------------------------------------------------------------------


AUDIENCE_CHOICES = [
    ("stakeholders", "Stakeholders"),
    ("staff", "Staff"),
    ("partners", "Partners"),
    ("public", "The public"),
]


class BriefingIndexPage(RoutablePageMixin, BasePage):
    """All briefings (/briefings/), newest first, filterable by place, audience
    and year, with Atom feeds of all briefings and of each place's.

    The filters are a plain GET form, so they work without JavaScript and a
    filtered view is a link people can share; filtered views ask search
    engines not to index them (the unfiltered list is the canonical one).
    """

    page_description = "The list of stakeholder briefings, with feeds. There is only one."

    per_page = 10
    feed_length = 20
    show_latest_on_home = True

    parent_page_types = ["core.HomePage"]
    subpage_types = ["briefings.BriefingPage"]
    max_count = 1

    class Meta:
        verbose_name = "briefing index page"

    # -- queries ---------------------------------------------------------------
    def briefings(self):
        """Live public briefings under this index, newest first."""
        return (
            BriefingPage.objects.child_of(self).live().public().order_by("-publication_date", "-pk")
        )

    def latest_children(self, limit=3):
        """Newest briefings by publication date, for the home page."""
        return self.briefings().defer_streamfields()[:limit]

    def place_options(self, briefings=None):
        """(id, slug, title) of the places a visitor can filter by: every live
        place partnership page, and any other page a live briefing links to
        as a place. One query (`briefings` is the live listing, if built)."""
        briefings = self.briefings() if briefings is None else briefings
        linked = BriefingPlace.objects.filter(page__in=briefings.values("pk")).values("place_id")
        condition = Q(pk__in=linked)
        place_model = model_or_none(PLACE_PAGE_MODEL)
        if place_model is not None:
            condition |= Q(content_type=ContentType.objects.get_for_model(place_model))
        options, seen = [], set()
        for pk, slug, title in (
            Page.objects.live()
            .public()
            .filter(condition)
            .order_by("title", "pk")
            .values_list("pk", "slug", "title")
        ):
            if slug not in seen:
                seen.add(slug)
                options.append((pk, slug, title))
        return options

    def place_for_slug(self, slug):
        for pk, place_slug, title in self.place_options():
            if place_slug == slug:
                return pk, title
        return None

    def listing(self, briefings):
        """The queryset a listing or feed iterates: places fetched together."""
        return briefings.defer_streamfields().prefetch_related(
            models.Prefetch(
                "place_links",
                # Only places the public may see: a draft or restricted place's
                # title must not appear in the listing or the feed's categories.
                queryset=BriefingPlace.objects.filter(place__in=public_pages())
                .select_related("place")
                .order_by("sort_order", "pk"),
            )
        )

    # -- the list ---------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        from .forms import BriefingFilterForm

        context = super().get_context(request, *args, **kwargs)
        briefings = self.briefings()
        places = self.place_options(briefings)
        years = [date.year for date in briefings.dates("publication_date", "year", order="DESC")]
        form = BriefingFilterForm(request.GET, places=places, years=years)
        form.is_valid()
        chosen = form.cleaned_data
        selected_place = None
        if chosen.get("place"):
            selected_place = next(option for option in places if option[1] == chosen["place"])
            briefings = briefings.filter(place_links__place_id=selected_place[0]).distinct()
        if chosen.get("audience"):
            briefings = briefings.filter(audience=chosen["audience"])
        if chosen.get("year"):
            briefings = briefings.filter(publication_date__year=chosen["year"])
        # For the place feed's <link rel="alternate"> (briefings/apps.py).
        request._briefing_place_filter = selected_place[1:] if selected_place else None
        context.update(
            filter_form=form,
            filtered=form.is_filtered,
            noindex=form.is_filtered,  # a filtered list is not for search engines
            selected_place={"slug": selected_place[1], "title": selected_place[2]}
            if selected_place
            else None,
            place_feed_url=self.feed_url(selected_place[1]) if selected_place else None,
            page_obj=paginate(request, self.listing(briefings), self.per_page),
        )
        return context

    # -- feeds -------------------------------------------------------------------
    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import BriefingFeed

        return BriefingFeed(self)(request)

    @path("feed/<slug:place_slug>/", name="place_feed")
    def place_feed(self, request, place_slug):
        from django.http import Http404

        from .feeds import BriefingFeed

        place = self.place_for_slug(place_slug)
        if place is None:
            raise Http404("No such place")
        return BriefingFeed(self, place_id=place[0], place_title=place[1])(request)

    #: The feeds list every briefing: purged with every content change
    #: (lscpartnerships.pagecache).
    pagecache_aggregate = True

    def get_cached_paths(self):
        """The list and every feed, for wagtail.contrib.frontend_cache."""
        paths = ["/", self.reverse_subpage("feed")]
        paths += [
            self.reverse_subpage("place_feed", kwargs={"place_slug": slug})
            for _pk, slug, _title in self.place_options()
        ]
        return ["/" + path.lstrip("/") for path in paths]

    def feed_url(self, place_slug=None):
        if place_slug:
            return self.url + self.reverse_subpage("place_feed", kwargs={"place_slug": place_slug})
        return self.url + self.reverse_subpage("feed")

    @property
    def json_ld_data(self):
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "description": self.summary,
            "url": self.full_url,
            "inLanguage": "en-GB",
        }


class BriefingPage(BasePage):
    """One stakeholder briefing: an accessible HTML page first, with its files
    as alternatives, the decision and places it is about, and a public change
    history.

    The body offers the full shared stream block (a briefing is narrative:
    headings, text, quotes, lists, inset text); its heading 2s become the
    contents list at the top of the page.
    """

    page_description = (
        "A stakeholder briefing: the HTML version of the briefing, its documents, the "
        "decision and places it is about, and a change history."
    )

    # Today by default: a new briefing's form is then valid as a draft, so Wagtail
    # can autosave it from the first keystroke (docs/decisions/0042).
    publication_date = models.DateField(
        default=datetime.date.today,
        help_text=(
            "When the briefing was first published. Briefings are listed newest first by "
            "this date. Record later changes under “Change history”."
        ),
    )
    audience = models.CharField(
        max_length=20,
        choices=AUDIENCE_CHOICES,
        default="stakeholders",
        help_text="Who the briefing is written for. Readers can filter briefings by audience.",
    )
    body = StreamField(
        ContentStreamBlock(),
        help_text=(
            "The briefing itself, as a web page. Start headings at heading 2: each heading 2 "
            "appears in the contents list."
        ),
    )
    related_decision = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="related board decision",
        help_text="The board decision this briefing explains (optional).",
    )
    related_faq = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="related FAQ page",
        help_text="The frequently asked questions that go with this briefing (optional).",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("audience")],
            heading="Publication",
        ),
        FieldPanel("body"),
        InlinePanel(
            "attachments",
            heading="Documents",
            label="Document",
            help_text=(
                "Files readers can download, e.g. the PDF version. Give each document a "
                "descriptive title: it is the link text."
            ),
        ),
        InlinePanel("place_links", heading="Places", label="Place"),
        OptionalTypePageChooserPanel("related_decision", page_type="decisions.BoardDecisionPage"),
        OptionalTypePageChooserPanel("related_faq", page_type="decisions.FAQPage"),
        InlinePanel(
            "changes",
            heading="Change history",
            label="Change",
            help_text="Public notes of what changed and when, e.g. “Added frequently asked questions”.",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("publication_date"),
        index.FilterField("audience"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("publication_date"),
        APIField("audience"),
        APIField("body"),
        APIField("related_decision", serializer=LivePageLinkField()),
        APIField("related_faq", serializer=LivePageLinkField()),
        APIField("place_links"),
        APIField("attachments"),
        APIField("changes"),
    ]

    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "briefing"

    # -- what the template shows ------------------------------------------------
    @property
    def audience_label(self):
        return dict(AUDIENCE_CHOICES).get(self.audience, self.audience)

    @cached_property
    def contents(self):
        """The contents list: the body's heading 2s, linking to their ids
        (the heading block renders `id="{{ text|slugify }}"`)."""
        return [
            {"label": block.value["text"], "href": f"#{slugify(block.value['text'])}"}
            for block in self.body
            if block.block_type == "heading" and str(block.value.get("level")) == "2"
        ]

    @cached_property
    def documents(self):
        """The attached documents in the editor's order (one query)."""
        return [
            attachment.document
            for attachment in self.attachments.select_related("document").all()
            if attachment.document is not None
        ]

    @cached_property
    def places(self):
        """Live pages of the places this briefing is about, once each."""
        return public_link_targets(
            self.place_links.all().select_related("place").order_by("sort_order", "pk")
        )

    def _live(self, field):
        return public_or_none(getattr(self, field))

    @cached_property
    def decision(self):
        return self._live("related_decision")

    @cached_property
    def faq(self):
        return self._live("related_faq")

    @cached_property
    def change_history(self):
        """Public changes, newest first."""
        return sorted(self.changes.all(), key=lambda change: change.date, reverse=True)

    @property
    def last_updated(self):
        history = self.change_history
        return history[0].date if history else None

    @property
    def json_ld_data(self):
        """schema.org Report: the briefing, its audience, places and files."""
        site = self.get_site()
        root = site.root_url if site else ""
        data = {
            "@context": "https://schema.org",
            "@type": "Report",
            "headline": self.title,
            "name": self.title,
            "description": self.summary,
            "url": self.full_url,
            "inLanguage": "en-GB",
            "datePublished": self.publication_date.isoformat(),
            "dateModified": (self.last_updated or self.publication_date).isoformat(),
            "audience": {"@type": "Audience", "audienceType": self.audience_label},
        }
        if self.places:
            data["about"] = [{"@type": "Place", "name": place.title} for place in self.places]
        if self.documents:
            data["associatedMedia"] = [
                {
                    "@type": "MediaObject",
                    "name": document.title,
                    "contentUrl": root + document.url,
                    "encodingFormat": document.content_type.split(";")[0],
                    "contentSize": document.size_text,
                    "inLanguage": document.language,
                }
                for document in self.documents
            ]
        return data


class BriefingPlace(Orderable):
    """A place a briefing is about (a link to a place partnership page)."""

    page = ParentalKey(BriefingPage, on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A place partnership this briefing is about.",
    )

    panels = [OptionalTypePageChooserPanel("place", page_type=PLACE_PAGE_MODEL)]

    class Meta(Orderable.Meta):
        verbose_name = "place"

    api_fields = [APIField("place", serializer=LivePageLinkField())]


class BriefingAttachment(Orderable):
    """A document attached to a briefing, e.g. its PDF version."""

    page = ParentalKey(BriefingPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "briefings.PublicDocument",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=(
            "The file. Its title is the link text, followed by its type, size and pages, "
            "e.g. “Stakeholder briefing (PDF, 312 KB, 8 pages)”."
        ),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document"

    api_fields = [APIField("document", serializer=DocumentLinkField())]


class BriefingChange(Orderable):
    """A public note of a change: “Updated 5 August 2022: added frequently
    asked questions”."""

    page = ParentalKey(BriefingPage, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField(help_text="When the change was published.")
    note = models.CharField(
        max_length=255,
        help_text="What changed, in a short sentence, e.g. “Added frequently asked questions”.",
    )

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "change"

    @property
    def note_text(self):
        """The note as it reads after “Updated 5 August 2022:”."""
        note = self.note.strip()
        return note[:1].lower() + note[1:] if note[:2] != note[:2].upper() else note

    api_fields = [APIField("date"), APIField("note")]
