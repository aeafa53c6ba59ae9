"""The sitemap's XML is written directly (pagecache/lean.py `urlset_xml`), not
by Django's `sitemap.xml` template: at 1,225 pages the template's loop took two
thirds of the sitemap's time (issue 14). The bytes must be the template's."""

import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string

from lscpartnerships.pagecache.lean import urlset_xml

LONDON = zoneinfo.ZoneInfo("Europe/London")

ENTRIES = [
    {"location": "https://example.org/", "lastmod": None, "changefreq": None,
     "priority": None, "alternates": []},
    # Just after midnight in London in summer, still the day before in UTC.
    {"location": "https://example.org/a?x=1&y=<2>", "lastmod":
     datetime.datetime(2024, 7, 1, 23, 30, tzinfo=datetime.UTC), "changefreq": "weekly",
     "priority": 0.5, "alternates": []},
    {"location": "https://example.org/b/", "lastmod": datetime.date(2022, 7, 27),
     "changefreq": None, "priority": None,
     "alternates": [{"lang_code": "cy", "location": "https://example.org/cy/b/"}]},
    {"location": "https://example.org/c/", "lastmod":
     datetime.datetime(2023, 1, 5, 9, 0, tzinfo=LONDON)},
]  # fmt: skip


@pytest.mark.parametrize("urlset", [[], ENTRIES], ids=["empty", "entries"])
def test_the_sitemap_writer_gives_the_templates_bytes(urlset):
    expected = render_to_string("sitemap.xml", {"urlset": urlset})
    assert urlset_xml(urlset) == expected
    if urlset:
        assert "<lastmod>2024-07-02</lastmod>" in expected  # the site's time zone


@pytest.mark.django_db
def test_the_sitemap_is_byte_for_byte_wagtails_own(initial_content, client, rf):
    from django.test import override_settings
    from wagtail.contrib.sitemaps import Sitemap
    from wagtail.contrib.sitemaps.views import sitemap

    with override_settings(ALLOWED_HOSTS=["testserver", "localhost"]):
        stock = sitemap(rf.get("/sitemap.xml"), sitemaps={"wagtail": Sitemap})
        stock.render()
        ours = client.get("/sitemap.xml")
    assert ours.status_code == 200
    assert ours["Content-Type"] == stock["Content-Type"]
    assert ours.get("Last-Modified") == stock.get("Last-Modified")
    assert ours.content.count(b"<url>") > 20
    assert ours.content == stock.content
