"""Links from other apps' pages to places: the one module of this app that
other apps import (docs/decisions/0080-typed-page-relations.md).

A page about places (a briefing, a board decision) mixes in `PlaceLinksMixin`
and adds `InlinePanel("place_links", ...)` to its panels; each row is a
`PlaceLink`. The link is typed: the chooser offers place pages only and the
database refuses anything else. A place page lists what links to it through
the reverse relation (`PlacePartnershipPage.linked_pages`), so nothing has to
be registered anywhere.
"""

from django.apps import apps
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from lscpartnerships.core.api_fields import LivePageLinkField
from lscpartnerships.core.compiled import compiled_pages, in_memory
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, public_link_targets, public_pages


class PlaceLink(Orderable):
    """A place a page is about: one row of a briefing's "Places" or a
    decision's "Places affected".

    The parental key is to the generic page (the linking side may be any page
    type that mixes in PlaceLinksMixin); the place is a typed foreign key."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(
        "places.PlacePartnershipPage",
        on_delete=models.CASCADE,
        related_name="page_links",
        help_text="A place-based partnership this page is about.",
    )

    panels = [FieldPanel("place")]
    api_fields = [APIField("place", serializer=LivePageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = "place"
        verbose_name_plural = "places"


class PlaceLinksMixin:
    """For a page type that links to places through `place_links`.

    Place pages list the live, public pages of every page type with this mixin
    that link to them, one list per type, headed by the type's plural name
    ("Board decisions about Blackpool") and ordered by `place_listing_order`.
    """

    #: How a place page orders this page type's list (newest first).
    place_listing_order = ("-first_published_at", "-pk")
    #: What a list of this type shows beside `PAGE_LINK_FIELDS` (it reads only
    #: these columns); they include the fields `place_listing_order` names.
    listing_fields = ("summary", "first_published_at")

    @cached_property
    def places(self):
        """Live public places this page is about, in the editor's order, once each
        (works on a preview's unsaved links too).

        A saved page's are read in one query, the visibility check included,
        and only the columns a link needs (`PAGE_LINK_FIELDS`): reading every
        link with its whole place page and then checking them cost two
        queries and most of a briefing's query time (issue 14)."""
        if in_memory(self, "place_links"):
            return public_link_targets(
                self.place_links.all().select_related("place").order_by("sort_order", "pk")
            )
        # The same query on every page of the type, so compiled once (core.compiled).
        linked = compiled_pages(
            ("linked-places",),
            lambda: (
                public_places()
                .filter(page_links__page_id=self.pk)
                .order_by("page_links__sort_order", "page_links__pk")
                .values_list(*PAGE_LINK_FIELDS)
            ),
            [self.pk],
        )
        places, seen = [], set()
        for place in linked:
            if place.pk not in seen:
                seen.add(place.pk)
                places.append(place)
        return places


def public_places():
    """Every place page the public may see (for filters and feeds by place)."""
    return apps.get_model("places", "PlacePartnershipPage").objects.live().public()


def public_place_links():
    """For a listing or feed of pages about places (`prefetch_related`): each
    page's links to places the public may see, in the editor's order. A draft
    or login-restricted place's title must not appear in a listing or a
    feed's categories. Only the place's title is read: that is all they show,
    and a whole place page per link was most of a feed's time at scale."""
    return models.Prefetch(
        "place_links",
        queryset=PlaceLink.objects.filter(place__in=public_pages())
        .select_related("place")
        .only("sort_order", "page_id", "place_id", "place__title")
        .order_by("sort_order", "pk"),
    )
