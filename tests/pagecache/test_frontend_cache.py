"""wagtail.contrib.frontend_cache purges a CDN or caching proxy with the same
URLs as the app's own cache (an HTTP PURGE endpoint on loopback records them)."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from lscpartnerships.core.models import SiteSettings
from tests.pagecache.conftest import fresh
from tests.pagecache.servers import PurgeRecorder


@pytest.fixture
def purges(settings):
    with PurgeRecorder() as recorder:
        settings.WAGTAILFRONTENDCACHE = {
            **settings.WAGTAILFRONTENDCACHE,
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": recorder.url,
            },
        }
        yield recorder


def test_publishing_purges_the_page_and_what_shows_it_at_the_cdn(site, purges, committed):
    decision = fresh(site.decision)
    decision.title = "Align to council boundaries"
    with committed():
        decision.save_revision().publish()
    assert {
        "/board-decisions/align/",
        "/board-decisions/",
        "/",
        "/places/blackpool/",
        "/sitemap.xml",
        "/api/v2/",
        "/briefings/",
        "/briefings/feed/",
        "/briefings/feed/blackpool/",
    } <= purges.paths()
    assert "/directors/karen-smith/" not in purges.paths()
    assert {host for _m, host, _p in purges.calls} == {"localhost"}


def test_no_purge_before_commit(site, purges):
    fresh(site.decision).save_revision().publish()
    assert purges.calls == []


def test_site_settings_purge_every_page_at_the_cdn(site, purges, committed):
    settings = SiteSettings.objects.get(site=site.home.get_site())
    settings.contact_email = "enquiries@example.invalid"
    with committed():
        settings.save()
    assert {"/", "/faqs/", "/directors/karen-smith/", "/briefings/july/", "/sitemap.xml"} <= (
        purges.paths()
    )


def test_a_new_redirect_purges_its_old_address(site, purges, committed):
    with committed():
        Redirect.objects.create(old_path="/old-faqs", redirect_page=site.faq)
    assert "/old-faqs" in purges.paths()


def test_a_cdn_that_is_down_does_not_stop_publishing(site, settings, committed, client):
    settings.PAGECACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # nothing listens on the discard port
        },
    }
    client.get("/board-decisions/align/")
    decision = fresh(site.decision)
    decision.title = "Published while the CDN was down"
    with committed():
        decision.save_revision().publish()
    assert (
        "Published while the CDN was down" in client.get("/board-decisions/align/").content.decode()
    )
