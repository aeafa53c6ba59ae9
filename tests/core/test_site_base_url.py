"""The Wagtail Site record follows SITE_BASE_URL: every `migrate` (each deploy)
copies it onto the default Site, and every absolute address the site gives out
is built from it. The production smoke (tests/production) checks the same
surfaces on a production build; these tests pin the mechanism."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from lscpartnerships.core.sites import sync_default_site

PUBLIC = "https://places.example.nhs.uk"


@pytest.mark.django_db
def test_migrate_points_the_default_site_at_site_base_url():
    with override_settings(SITE_BASE_URL=PUBLIC):
        call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("places.example.nhs.uk", 443)
    assert site.root_url == PUBLIC
    with override_settings(SITE_BASE_URL="http://127.0.0.1:8000"):
        call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


@pytest.mark.django_db
def test_the_loader_creates_the_site_at_site_base_url():
    Site.objects.all().delete()
    with override_settings(SITE_BASE_URL=PUBLIC):
        call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(is_default_site=True).root_url == PUBLIC


@override_settings(SITE_BASE_URL=PUBLIC, WAGTAILAPI_BASE_URL=PUBLIC)
def test_every_surface_uses_the_site_base_url(client, initial_content):
    sync_default_site()
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.find("link", rel="canonical")["href"] == PUBLIC + "/"
    assert home.find("meta", property="og:url")["content"] == PUBLIC + "/"
    assert json.loads(home.find("script", type="application/ld+json").string)["url"] == PUBLIC + "/"

    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/places/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap

    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").content.decode()

    feed = client.get("/briefings/feed/").content.decode()
    assert f'<link href="{PUBLIC}/briefings/feed/" rel="self"' in feed
    assert f'<link href="{PUBLIC}/briefings/" rel="alternate"' in feed
    assert "testserver" not in feed and "localhost" not in feed

    pages = client.get("/api/v2/pages/").json()["items"]
    assert pages[0]["meta"]["detail_url"].startswith(PUBLIC + "/api/v2/pages/")
    assert pages[0]["meta"]["html_url"].startswith(PUBLIC + "/")
    image = client.get("/api/v2/images/").json()["items"][0]
    assert image["meta"]["download_url"].startswith(PUBLIC + "/media/original_images/")
