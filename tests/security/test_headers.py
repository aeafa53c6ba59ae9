"""Security headers on every kind of response (page, document, API, feed,
static file, error pages, admin), security.txt from the site settings, and
HSTS ready for the browsers' preload list in production."""

import datetime
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from briefings.models import BriefingIndexPage
from documents.models import PublicDocument
from lscpartnerships.core.models import SiteSettings
from tests.core.test_settings import PRODUCTION, ROOT

pytestmark = pytest.mark.django_db


def responses(initial_content):
    client = Client(raise_request_exception=False)
    index = BriefingIndexPage.objects.get()
    document = PublicDocument.public_queryset().first()
    return {
        "page": client.get(index.url),
        "document": client.get(document.url),
        "API": client.get("/api/v2/pages/"),
        "feed": client.get(index.url + "feed/"),
        "static file": client.get("/static/css/site.css"),
        "404 page": client.get("/no-such-page/"),
        "400 page": client.get("/search/?q=%00"),
        "admin": client.get("/admin/login/"),
        "security.txt": client.get("/.well-known/security.txt"),
    }


def test_every_kind_of_response_carries_the_security_headers(initial_content):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.security_contact = "security@example.nhs.uk"
    settings.save()
    for kind, response in responses(initial_content).items():
        assert response.status_code < 500, kind
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", kind
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (kind, policy)
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", kind


def test_security_txt_comes_from_site_settings(initial_content):
    client = Client()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.security_contact = ""
    settings.save()
    # No contact published: nothing to say.
    assert client.get("/.well-known/security.txt").status_code == 404

    settings.security_contact = "security@example.nhs.uk"
    settings.security_txt_expires = datetime.date(2030, 6, 30)
    settings.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@example.nhs.uk" in lines
    assert "Expires: 2030-06-30T23:59:59Z" in lines
    assert "Canonical: http://testserver/.well-known/security.txt" in lines

    settings.security_contact = "https://example.nhs.uk/report-a-vulnerability"
    settings.save()
    assert (
        b"Contact: https://example.nhs.uk/report-a-vulnerability"
        in client.get("/.well-known/security.txt").content
    )

    # Expired: no longer published (a stale contact is worse than none).
    settings.security_txt_expires = timezone.localdate() - datetime.timedelta(days=1)
    settings.save()
    assert client.get("/.well-known/security.txt").status_code == 404


def test_security_contact_must_be_an_email_or_https_address(initial_content):
    from django.core.exceptions import ValidationError

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for bad in ("http://example.org/", "javascript:alert(1)", "not an address"):
        settings.security_contact = bad
        with pytest.raises(ValidationError):
            settings.full_clean()


def test_production_sends_hsts_ready_for_preload():
    """Production settings, a real HTTPS request: max-age of at least a year,
    includeSubDomains and preload (what hstspreload.org requires), and HTTP
    redirects to HTTPS."""
    code = (
        "from django.test import Client\n"
        "c = Client()\n"
        "print(c.get('/robots.txt', secure=True, HTTP_HOST='place.example.nhs.uk')"
        "['Strict-Transport-Security'])\n"
        "print(c.get('/robots.txt', HTTP_HOST='place.example.nhs.uk')['Location'])\n"
    )
    leaks = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in leaks}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="lscpartnerships.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Skip the JSON request-log lines that share stdout with the output.
    printed = [line for line in result.stdout.splitlines() if not line.startswith("{")]
    hsts, location = printed[-2:]
    directives = [part.strip() for part in hsts.split(";")]
    assert int(directives[0].removeprefix("max-age=")) >= 31536000, hsts
    assert "includeSubDomains" in directives and "preload" in directives, hsts
    assert location == "https://place.example.nhs.uk/robots.txt"
