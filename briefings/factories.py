"""Factories for briefings and documents (wagtail-factories / factory_boy)."""

import datetime

import factory
import wagtail_factories

from .models import (
    BriefingAttachment,
    BriefingChange,
    BriefingIndexPage,
    BriefingPage,
    PublicDocument,
)
from .pdf import write_text_pdf


def pdf_bytes(title="Stakeholder briefing", paragraphs=1):
    """A real, small PDF made with the app's own writer."""
    blocks = [("title", title)] + [
        ("p", "The role of place-based partnerships is integral to the future of the system.")
    ] * paragraphs
    return write_text_pdf(title, blocks)


class PublicDocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Stakeholder briefing {n}")
    file = factory.django.FileField(filename="briefing.pdf", data=pdf_bytes())

    class Meta:
        model = PublicDocument


class BriefingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Briefings"
    slug = "briefings"
    summary = "Briefings for stakeholders about place-based partnerships."
    show_in_menus = True

    class Meta:
        model = BriefingIndexPage


class BriefingPageFactory(wagtail_factories.PageFactory):
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
