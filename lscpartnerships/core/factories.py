"""Factories for the core page types (wagtail-factories), used by every app's tests."""

import factory
import wagtail_factories
from factory import Sequence
from wagtail.models import Site

from .models import ContentPage, HomePage


def site_home():
    """The default site's root page (the `home` fixture's HomePage): the parent a
    top-level page factory uses when a test gives none. None (a new tree root, as
    wagtail-factories does) when there is no default site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def under_site_home():
    """`parent` default for a page that lives directly under the home page."""
    return factory.LazyFunction(site_home)


def under_existing_or_new(index_factory):
    """`parent` default for a page that lives under an index: the index already in
    the tree if there is one (indexes are one per site, with fixed slugs), else a
    new one from `index_factory`, itself under the site's home page.

    A declaration like this replaces wagtail-factories' own `parent`, so a test
    that passes `parent=` gets exactly what it passed, as before."""

    def parent():
        model = index_factory._meta.model
        return model.objects.order_by("path").first() or index_factory()

    return factory.LazyFunction(parent)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Place-based partnerships"
    slug = "home"
    summary = "How health, councils and communities work together in four places."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = Sequence(lambda n: f"Content page {n}")
    summary = "A page of narrative content."
    body = [("rich_text", "<p>Most care is delivered in neighbourhoods.</p>")]

    class Meta:
        model = ContentPage
