"""Stakeholder briefings and their feeds.

GOV.UK's publishing model is the reference: a briefing is an accessible HTML
page (BriefingPage), and files attached to it (BriefingAttachment, links to
the site's document model, owned by the documents app) are alternatives that
say honestly what they are and offer an accessible format when they are not
accessible themselves.
"""

import datetime

from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from lscpartnerships.core.api_fields import DocumentLinkField, LivePageLinkField
from lscpartnerships.core.blocks import ContentStreamBlock
from lscpartnerships.core.compiled import child_objects, child_related
from lscpartnerships.core.feeds import FeedsMixin
from lscpartnerships.core.models import BasePage
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, public_related
from places.links import PlaceLinksMixin, public_place_links, public_places

from .choices import AUDIENCE_CHOICES
from .feeds import BriefingFeed
from .forms import BriefingFilterForm

# -- Pages ---------------------------------------------------------------------


class BriefingIndexPage(FeedsMixin, RoutablePageMixin, BasePage):
    """All briefings (/briefings/), newest first, filterable by place, audience
    and year, with Atom feeds of all briefings and of each place's.

    The filters are a plain GET form, so they work without JavaScript and a
    filtered view is a link people can share; filtered views ask search
    engines not to index them (the unfiltered list is the canonical one).
    """

    feed_class = BriefingFeed

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
        return self.briefings().only(*PAGE_LINK_FIELDS, *BriefingPage.listing_fields)[:limit]

    def place_options(self, briefings=None):
        """(id, slug, title) of the places a visitor can filter by: every live
        public place partnership page. One query (`briefings` is unused, kept
        for callers that pass the listing)."""
        options, seen = [], set()
        for pk, slug, title in (
            public_places().order_by("title", "pk").values_list("pk", "slug", "title")
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
        return briefings.only(*PAGE_LINK_FIELDS, *BriefingPage.listing_fields).prefetch_related(
            public_place_links()
        )

    # -- the list ---------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
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
    def feed_place_slugs(self):
        return [slug for _pk, slug, _title in self.place_options()]

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


class BriefingPage(PlaceLinksMixin, BasePage):
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
        "decisions.BoardDecisionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefings",
        verbose_name="related board decision",
        help_text="The board decision this briefing explains (optional).",
    )
    related_faq = models.ForeignKey(
        "decisions.FAQPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefings",
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
        FieldPanel("related_decision"),
        FieldPanel("related_faq"),
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

    #: Place pages list their briefings newest first (places/links.py).
    place_listing_order = ("-publication_date", "-pk")
    #: What the listing and the feeds show of a briefing, beside
    #: `PAGE_LINK_FIELDS` (they read only these columns).
    listing_fields = ("summary", "publication_date", "audience")

    class Meta:
        verbose_name = "briefing"
        indexes = [
            # Every listing of briefings (the index, the feeds, a place's
            # list, the home page's latest) is newest first and takes the
            # first few: read from this index and stop, not sort them all.
            models.Index(fields=["-publication_date", "-page_ptr"], name="briefing_newest_first"),
        ]

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
        """The attached documents in the editor's order (one compiled query)."""
        return child_related(self, "attachments", "document")

    @cached_property
    def decision(self):
        return public_related(self, "related_decision")

    @cached_property
    def faq(self):
        return public_related(self, "related_faq")

    @cached_property
    def change_history(self):
        """Public changes, newest first."""
        return sorted(child_objects(self, "changes"), key=lambda change: change.date, reverse=True)

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
                    "encodingFormat": document.media_type,
                    "contentSize": document.size_text,
                    "inLanguage": document.language,
                }
                for document in self.documents
            ]
        return data


class BriefingAttachment(Orderable):
    """A document attached to a briefing, e.g. its PDF version."""

    page = ParentalKey(BriefingPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
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
