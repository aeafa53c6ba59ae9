"""Factories for briefings (wagtail-factories / factory_boy)."""

import datetime

import factory
import wagtail_factories

from documents.factories import PublicDocumentFactory
from lscpartnerships.core.factories import under_existing_or_new, under_site_home

from .models import (
    BriefingAttachment,
    BriefingChange,
    BriefingIndexPage,
    BriefingPage,
)


class BriefingIndexPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = "Briefings"
    slug = "briefings"
    summary = "Briefings for stakeholders about place-based partnerships."
    show_in_menus = True

    class Meta:
        model = BriefingIndexPage


class BriefingPageFactory(wagtail_factories.PageFactory):
    parent = under_existing_or_new(BriefingIndexPageFactory)
    title = factory.Sequence(lambda n: f"Stakeholder briefing {n}")
    summary = "What the board decided and what happens next."
    publication_date = datetime.date(2022, 7, 27)
    audience = "stakeholders"
    body = [
        ("heading", {"text": "The decision", "level": "2"}),
        ("rich_text", "<p>The board made a decision.</p>"),
    ]

    class Meta:
        model = BriefingPage


class BriefingAttachmentFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(PublicDocumentFactory)

    class Meta:
        model = BriefingAttachment


class BriefingChangeFactory(factory.django.DjangoModelFactory):
    date = datetime.date(2022, 8, 5)
    note = "Added frequently asked questions"

    class Meta:
        model = BriefingChange
