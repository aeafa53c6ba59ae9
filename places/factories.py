"""Factories for the places app (wagtail-factories), used by its tests and others'."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from lscpartnerships.core.factories import under_existing_or_new, under_site_home

from .models import FormerPartnership, PlaceIndexPage, PlaceLink, PlacePartnershipPage


class PlaceIndexPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = "Place-based partnerships"
    slug = "places"
    short_title = "Places"
    show_in_menus = True
    summary = "The four place-based partnerships and who leads each."

    class Meta:
        model = PlaceIndexPage


class PlacePartnershipPageFactory(wagtail_factories.PageFactory):
    parent = under_existing_or_new(PlaceIndexPageFactory)
    title = factory.Sequence(lambda n: f"Place {n} place-based partnership")
    summary = "A place-based partnership aligned to a local authority boundary."
    local_authority_name = factory.Sequence(lambda n: f"Local authority {n}")

    class Meta:
        model = PlacePartnershipPage


class FormerPartnershipFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Former partnership {n}")
    start_year = None
    end_year = 2022

    class Meta:
        model = FormerPartnership
        skip_postgeneration_save = True

    @factory.post_generation
    def successors(self, create, extracted, **kwargs):
        # ParentalManyToMany values are kept in memory until the next save.
        if create and extracted:
            self.successors.set(extracted)
            self.save()


class PlaceLinkFactory(DjangoModelFactory):
    """A page's link to a place: PlaceLinkFactory(page=briefing, place=place)."""

    class Meta:
        model = PlaceLink
