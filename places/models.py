"""Place-based partnerships: the index of places, one page per place, and the
former partnerships (ICPs) they replaced in 2022.

Every link to a place is a typed foreign key held by the linking side: a
director's profile names the place it leads (`DirectorProfilePage.place`), and
briefings and decisions link through this app's `PlaceLink` (places/links.py).
A place page finds its director and the pages about it through the reverse
relations, so this app imports no other domain app
(docs/decisions/0080-typed-page-relations.md).
"""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from lscpartnerships.core.api_fields import LivePageLinkField
from lscpartnerships.core.blocks import ContentStreamBlock
from lscpartnerships.core.compiled import (
    columns_of,
    compiled,
    compiled_pages,
    model_from_row,
    page_from_row,
    related_from_row,
)
from lscpartnerships.core.models import BasePage
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, public_pages

from .links import PlaceLink, PlaceLinksMixin

__all__ = ["PlaceLink", "PlaceLinksMixin"]  # defined in links.py, registered with this app


class PlacePrioritiesBlock(ContentStreamBlock):
    """What a place is working on: headings, text, a list of aims, inset text
    and an action link.

    Curated from the shared ContentStreamBlock (so heading levels are still
    checked): a place's priorities are short statements of aims, not a
    narrative page, so quotes, expanders, images and the site-wide contact
    block are left out; the place page shows its own contact details.
    """

    quote = None
    expander = None
    image = None
    contact_details = None


class PlaceIndexPage(BasePage):
    """The list of place-based partnerships (/places/), with how the former
    partnerships changed into the current places.

    There is one, under the home page. The history prose is editable because
    the seeds state the facts (five former partnerships known as ICPs, replaced
    in July 2022) without naming the five; the table of former partnerships
    appears once editors add them as snippets.
    """

    page_description = "The list of place-based partnerships. There is only one."

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Optional paragraphs shown above the list of places.",
    )
    history = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=(
            "How the former partnerships changed into the current places. Shown under "
            "“How the partnerships have changed”, above the table of former partnerships "
            "(Snippets → Former partnerships)."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("history"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("history"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["places.PlacePartnershipPage"]
    max_count = 1

    #: Places are few; a page of 12 keeps the cards on one page but still
    #: bounds the query if the list ever grows.
    per_page = 12

    def places(self):
        """Live public places, each with its director's name in the same query
        (`director_name`: the first live public profile that names the place)."""
        return (
            PlacePartnershipPage.objects.child_of(self)
            .live()
            .public()
            .annotate(
                director_name=Subquery(
                    PlacePartnershipPage.public_directors()
                    .filter(place=OuterRef("pk"))
                    .values("title")[:1]
                )
            )
            .order_by("path")
        )

    def former_partnerships(self):
        """Every published former partnership with its successors (two queries in all).
        Only successors the public may see: a draft place's name stays private."""
        return FormerPartnership.objects.filter(live=True).prefetch_related(
            models.Prefetch(
                "successors",
                queryset=PlacePartnershipPage.objects.filter(pk__in=public_pages().values("pk")),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = paginate(request, self.places(), self.per_page)
        context["former_partnerships"] = list(self.former_partnerships())
        return context


class PlacePartnershipPage(BasePage):
    """One place-based partnership: its local authority, its director, its
    priorities, the areas it covers, how to contact it, the partnerships it
    replaced, and the board decisions and briefings about it."""

    page_description = (
        "A place-based partnership, e.g. Blackpool: its local authority, director, "
        "priorities and contact details."
    )

    local_authority_name = models.CharField(
        max_length=200,
        help_text="The upper tier local authority the place is aligned to, e.g. “Blackpool Council”.",
    )
    local_authority_url = models.URLField(
        blank=True,
        help_text="Optional address of the local authority's website, e.g. https://www.example.gov.uk/.",
    )
    priorities = StreamField(
        PlacePrioritiesBlock(),
        blank=True,
        help_text="What this place is working on. Start headings at heading 2.",
    )
    areas_covered = StreamField(
        [
            (
                "area",
                blocks.CharBlock(
                    label="Area",
                    icon="site",
                    help_text="A neighbourhood, town or district, e.g. “Barrow-in-Furness”.",
                ),
            )
        ],
        blank=True,
        help_text="Optional neighbourhoods or areas this place covers, one per item.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Optional email address for questions about this place."
    )
    contact_phone = models.CharField(
        max_length=40, blank=True, help_text="Optional telephone number, e.g. 01234 567890."
    )
    contact_address = models.TextField(
        blank=True, help_text="Optional postal address, one line per line of the address."
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("local_authority_name"), FieldPanel("local_authority_url")],
            heading="Local authority",
        ),
        HelpPanel(
            content=(
                "<p>The director who leads this place is chosen on the director's profile "
                "(Directors → the profile → Place); it is shown on both pages.</p>"
            ),
            heading="Director",
        ),
        FieldPanel("priorities"),
        FieldPanel("areas_covered"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Contact details",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("local_authority_name", boost=2),
        index.SearchField("priorities"),
        index.SearchField("areas_covered"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("local_authority_name"),
        APIField("local_authority_url"),
        APIField("director", serializer=LivePageLinkField()),
        APIField("priorities"),
        APIField("areas_covered"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("contact_address"),
    ]

    parent_page_types = ["places.PlaceIndexPage"]
    subpage_types = []

    @property
    def has_contact_details(self):
        return bool(self.contact_email or self.contact_phone or self.contact_address.strip())

    @classmethod
    def public_directors(cls):
        """Live public director profiles (the model on the other side of the
        reverse relation `directors`, so this app never imports it)."""
        return cls.directors.field.model.objects.live().public().order_by("path")

    @cached_property
    def director(self):
        """The director who leads this place: the first live public profile
        whose place is this page (the link is stored on the profile only)."""
        if self.pk is None:
            return None
        # The model only: building `public_directors()` on every page to ask
        # it was 5% of a place page's Python calls (the query is compiled once,
        # below).
        model = type(self).directors.field.model
        photo_model = model._meta.get_field("photo").related_model
        # The same query on every place page, so compiled once (core.compiled);
        # the photo is read with the profile, as select_related would.
        query = compiled(
            ("place-director", model),
            lambda: (
                self.public_directors()
                .filter(place=self)
                .values_list(
                    *PAGE_LINK_FIELDS, "job_title", "photo_id", *columns_of(photo_model, "photo__")
                )[:1]
            ),
            [self.pk],
        )
        rows = query.rows([self.pk])
        if not rows:
            return None
        director = page_from_row(model, rows[0], query.db)
        related_from_row(director, "photo", rows[0], "photo__", query.db)
        return director

    def linked_pages(self):
        """What links to this place through PlaceLink, live and public only:
        one list per linking page type, e.g. [("Board decisions", "board-decisions",
        [...]), ("Briefings", "briefings", [...])], types in name order."""
        if self.pk is None:  # a preview of a new page has no links yet
            return []
        sections = []
        for model in sorted(
            _place_linking_models(), key=lambda m: str(m._meta.verbose_name_plural)
        ):
            # The same query on every place page, so compiled once (core.compiled).
            pages = compiled_pages(
                ("place-linked-pages", model),
                lambda model=model: (
                    model.objects.live()
                    .public()
                    .filter(pk__in=self.page_links.values("page_id"))  # PlaceLink.place's reverse
                    .order_by(*model.place_listing_order)
                    .values_list(*PAGE_LINK_FIELDS, *model.listing_fields)
                ),
                [self.pk],
            )
            if pages:
                name = str(model._meta.verbose_name_plural)
                sections.append((name[:1].upper() + name[1:], slugify(name), pages))
        return sections

    def published_predecessors(self):
        """The published former partnerships this place took over from (drafts
        wait for sign-off), in one query compiled once (core.compiled)."""
        model = self.predecessors.model
        query = compiled(
            ("place-predecessors", model),
            lambda: self.predecessors.filter(live=True).values_list(*columns_of(model)),
            [self.pk],
        )
        return [model_from_row(model, row, query.db) for row in query.rows([self.pk])]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["director"] = self.director
        saved = self.pk is not None  # a preview of a new page has no links yet
        # Published former partnerships only (drafts wait for sign-off).
        context["predecessors"] = self.published_predecessors() if saved else []
        context["linked_pages"] = self.linked_pages()
        return context


def _place_linking_models():
    """Page types that link to places (they mix in PlaceLinksMixin)."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, PlaceLinksMixin)]


class FormerPartnership(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """A place-based partnership from before the July 2022 change (they were
    known as Integrated Care Partnerships, ICPs), and the place or places that
    took over from it. Listed on the places index ("old to new") and on each
    successor's page.

    A snippet rather than a page: former partnerships have no page of their
    own, only a row in the history. Public history all the same, so it goes
    through sign-off like a page (drafts, revisions, "Comms sign-off"); the
    public sees only live rows, whose fields hold the published version.
    """

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The partnership's name as it was known, e.g. “… Integrated Care Partnership”.",
    )
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional year the partnership began, e.g. 2016."
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Year it was replaced. The board decided the change in July 2022.",
    )
    successors = ParentalManyToManyField(
        "places.PlacePartnershipPage",
        blank=True,
        related_name="predecessors",
        help_text="The current place or places that took over from this partnership.",
    )
    note = models.TextField(
        blank=True,
        max_length=500,
        help_text="Optional short note shown with the partnership, e.g. which areas moved where.",
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="former_partnership",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="former_partnership",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading="Years active"),
        FieldPanel("successors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "former partnership"
        verbose_name_plural = "former partnerships"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The partnership cannot end before it began."})

    @property
    def years_active(self):
        """“2016 to 2022”, “Until 2022”, “From 2016” or "" when neither year is known."""
        if self.start_year and self.end_year:
            return f"{self.start_year} to {self.end_year}"
        if self.end_year:
            return f"Until {self.end_year}"
        if self.start_year:
            return f"From {self.start_year}"
        return ""

    def get_preview_template(self, request, mode_name):
        return "places/former_partnership_preview.html"
