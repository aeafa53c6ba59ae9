"""Factories for the directors app (wagtail-factories), used by its tests and others'."""

import datetime

import factory
import wagtail_factories

from lscpartnerships.core.factories import under_existing_or_new, under_site_home

from .models import DirectorIndexPage, DirectorProfilePage
from .portraits import initials, placeholder_portrait


class PortraitFactory(wagtail_factories.ImageFactory):
    """A placeholder portrait with alt text, as the loader makes them."""

    class Params:
        person = "Karen Smith"

    title = factory.LazyAttribute(lambda o: f"Placeholder portrait: {o.person}")
    description = factory.LazyAttribute(
        lambda o: f"Placeholder portrait showing the initials {initials(o.person)}"
    )
    file = factory.LazyAttribute(lambda o: placeholder_portrait(o.person))


class DirectorIndexPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = "Directors of health and care integration"
    slug = "directors"
    short_title = "Directors"
    show_in_menus = True
    summary = "The directors of health and care integration who lead each place."

    class Meta:
        model = DirectorIndexPage


class DirectorProfilePageFactory(wagtail_factories.PageFactory):
    parent = under_existing_or_new(DirectorIndexPageFactory)
    title = factory.Sequence(lambda n: f"Director {n}")
    summary = "A director of health and care integration."
    job_title = "Director of Health and Care Integration"
    appointment_date = datetime.date(2022, 8, 1)
    appointment_date_precision = "month"
    biography = "<p>Has worked in health and care for many years.</p>"

    class Meta:
        model = DirectorProfilePage
