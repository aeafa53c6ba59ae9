"""Factories for documents (factory_boy)."""

import factory

from .models import PublicDocument
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
