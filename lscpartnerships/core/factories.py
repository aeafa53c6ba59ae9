"""Factories for the core page types (wagtail-factories), used by every app's tests."""

import wagtail_factories
from factory import Sequence

from .models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Place-based partnerships"
    slug = "home"
    summary = "How health, councils and communities work together in four places."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = Sequence(lambda n: f"Content page {n}")
    summary = "A page of narrative content."
    body = [("rich_text", "<p>Most care is delivered in neighbourhoods.</p>")]

    class Meta:
        model = ContentPage
