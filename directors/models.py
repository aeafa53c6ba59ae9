"""Directors of health and care integration: index and profile pages.

A profile names the place its director leads with a typed link
(`place`, a string reference to places.PlacePartnershipPage, so this app
imports nothing from places). That link is the only record of who leads a
place: the place page finds its director through the reverse relation
(docs/decisions/0080-typed-page-relations.md).
"""

import calendar

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from lscpartnerships.core.api_fields import ImageField, LivePageLinkField, RichTextHTMLField
from lscpartnerships.core.models import BasePage
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, public_pages, public_related

#: The one rendition of a portrait every listing and profile uses, so it can be
#: prefetched for a whole listing in one query.
PORTRAIT_SPEC = "fill-400x400"


class DirectorIndexPage(BasePage):
    """The list of directors of health and care integration (/directors/),
    each as a card with photo, name, job title and place. There is one, under
    the home page."""

    page_description = "The list of directors of health and care integration. There is only one."

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Optional paragraphs shown above the list of directors.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["directors.DirectorProfilePage"]
    max_count = 1

    per_page = 12

    def directors(self):
        """Live public profiles with place, photo and all its renditions (the
        picture tag asks for several formats and sizes) fetched in bulk:
        the query count does not grow with the number of directors."""
        return (
            DirectorProfilePage.objects.child_of(self)
            .live()
            .public()
            .select_related("place")
            .only(*PAGE_LINK_FIELDS, "job_title", "photo", "place__title")
            # Whether the public may see the place's page, in the same query.
            .annotate(place_is_public=Exists(public_pages().filter(pk=OuterRef("place_id"))))
            .prefetch_related(
                Prefetch(
                    "photo",
                    queryset=get_image_model().objects.prefetch_renditions(),
                )
            )
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directors"] = paginate(request, self.directors(), self.per_page)
        return context


class DirectorProfilePage(BasePage):
    """A director of health and care integration: role, place, appointment,
    other roles and biography, with schema.org Person data for search engines.

    The page title is the director's name.
    """

    page_description = "A director of health and care integration. The title is their name."

    DATE_PRECISION_CHOICES = [
        ("day", "Day (e.g. 5 August 2022)"),
        ("month", "Month (e.g. August 2022)"),
        ("year", "Year (e.g. 2022)"),
    ]

    job_title = models.CharField(
        max_length=200,
        help_text="e.g. “Director of Health and Care Integration, Blackpool”.",
    )
    place = models.ForeignKey(
        "places.PlacePartnershipPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directors",
        help_text=(
            "The place-based partnership this director leads. The place's page shows this director."
        ),
    )
    photo = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "A portrait, ideally square. Its alternative text is used; if it has none, "
            "“Portrait of <name>” is."
        ),
    )
    appointment_date = models.DateField(
        null=True,
        blank=True,
        help_text="When the director was appointed. If only the month is known, use the 1st.",
    )
    appointment_date_precision = models.CharField(
        max_length=5,
        choices=DATE_PRECISION_CHOICES,
        default="day",
        help_text="How much of the date is known: only that much is shown.",
    )
    other_roles = StreamField(
        [
            (
                "role",
                blocks.CharBlock(
                    label="Role",
                    icon="user",
                    help_text="e.g. “Statutory director of adult social services, Blackpool Council”.",
                ),
            )
        ],
        blank=True,
        help_text="Optional other roles the director holds, one per item.",
    )
    biography = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="The director's background, in short paragraphs.",
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "Optional notice shown prominently, e.g. “Louise expects to take up post once "
            "she has appointed a deputy in the county council.”"
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("job_title"),
        FieldPanel("place"),
        FieldPanel("photo"),
        FieldRowPanel(
            [FieldPanel("appointment_date"), FieldPanel("appointment_date_precision")],
            heading="Appointed",
        ),
        FieldPanel("note"),
        FieldPanel("other_roles"),
        FieldPanel("biography"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("job_title", boost=2),
        index.SearchField("biography"),
        index.SearchField("other_roles"),
        index.FilterField("place"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("job_title"),
        APIField("place", serializer=LivePageLinkField()),
        APIField("photo", serializer=ImageField()),
        APIField("appointment_date"),
        APIField("appointment_date_precision"),
        APIField("other_roles"),
        APIField("biography", serializer=RichTextHTMLField()),
        APIField("note"),
    ]

    parent_page_types = ["directors.DirectorIndexPage"]
    subpage_types = []

    @property
    def appointment_display(self):
        """The appointment date to the precision known: “August 2022”, not “1 August 2022”."""
        date = self.appointment_date
        if date is None:
            return ""
        if self.appointment_date_precision == "year":
            return str(date.year)
        if self.appointment_date_precision == "month":
            return f"{calendar.month_name[date.month]} {date.year}"
        return f"{date.day} {calendar.month_name[date.month]} {date.year}"

    @property
    def portrait_alt(self):
        """The photo's own alternative text, or “Portrait of <name>” if it has none."""
        own = getattr(self.photo, "default_alt_text", "") if self.photo_id else ""
        return own or f"Portrait of {self.title}"

    def live_place(self):
        """The place page if the public may see it, else None."""
        return public_related(self, "place")

    def get_context(self, request, *args, **kwargs):
        from lscpartnerships.core.templatetags.core_tags import organisation_for

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld_data(organisation_for(request))
        return context

    def json_ld_data(self, organisation):
        """schema.org Person for this director, working for `organisation`."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "jobTitle": self.job_title,
            "worksFor": {"@type": "GovernmentOrganization", "name": organisation},
        }
        url = self.full_url
        if url:
            data["url"] = url
        if self.summary:
            data["description"] = self.summary
        if self.photo_id and self.photo is not None:
            rendition_url = self.photo.get_rendition(PORTRAIT_SPEC).url
            site = self.get_site()
            data["image"] = (
                rendition_url
                if rendition_url.startswith(("http://", "https://")) or site is None
                else site.root_url + rendition_url
            )
        return data
