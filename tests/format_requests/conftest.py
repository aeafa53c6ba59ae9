"""Fixtures for accessible-format requests: a real SMTP server on loopback, a
live briefing with a document that is not accessible, and uploads in a
temporary folder."""

import pytest

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from briefings.models import BriefingAttachment
from documents.factories import PublicDocumentFactory
from lscpartnerships.core.models import SiteSettings
from tests.smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def comms(home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.contact_email = "enquiries@example.nhs.uk"
    site_settings.comms_email = "comms-team@example.nhs.uk"
    site_settings.save()
    return site_settings


@pytest.fixture
def document(home):
    index = BriefingIndexPageFactory(parent=home)
    briefing = BriefingPageFactory(parent=index, title="Review of partnerships", live=False)
    document = PublicDocumentFactory(title="Stakeholder briefing", accessible=False)
    briefing.attachments.add(BriefingAttachment(document=document))
    briefing.save_revision().publish()
    document.briefing = briefing
    return document
