"""Always fresh: every change an editor can make purges the responses that
show it — and only those — once the change commits."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from lscpartnerships.core.models import SiteSettings
from places.links import PlaceLink
from tests.pagecache.conftest import fetch, fresh


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def publish(page):
    page.save_revision().publish()


def test_publishing_a_decision_refreshes_it_its_listings_places_home_and_aggregates(
    site, client, committed
):
    urls = [
        "/board-decisions/align/",
        "/board-decisions/",
        "/board-decisions/feed/",
        "/board-decisions/feed/blackpool/",
        "/",
        "/places/blackpool/",
        "/sitemap.xml",
        "/api/v2/pages/?type=decisions.BoardDecisionPage&fields=meeting_date",
    ]
    warm(client, *urls, "/directors/karen-smith/", "/faqs/")
    decision = fresh(site.decision)
    decision.title = "Align to council boundaries"
    with committed():
        publish(decision)
    for url in urls:
        status, cache, body = fetch(client, url)
        assert (status, cache) == (200, "miss"), url
        if "sitemap" not in url:
            assert "Align to council boundaries" in body, url
    # Pages that do not show the decision stay cached.
    assert client.get("/directors/karen-smith/")["X-Cache"] == "hit"
    assert client.get("/faqs/")["X-Cache"] == "hit"


def test_a_place_a_decision_no_longer_names_stops_listing_it(site, client, committed):
    warm(client, "/places/blackpool/", "/places/lancashire/")
    assert "Align to local authority boundaries" in fetch(client, "/places/blackpool/")[2]
    decision = fresh(site.decision)
    decision.place_links = [PlaceLink(place=site.lancashire)]
    with committed():
        publish(decision)
    assert "Align to local authority boundaries" not in fetch(client, "/places/blackpool/")[2]
    assert "Align to local authority boundaries" in fetch(client, "/places/lancashire/")[2]


def test_a_director_moving_place_refreshes_both_place_pages(site, client, committed):
    """The place page finds its director through the profile's link, so
    publishing the profile purges the place it left and the place it joined."""
    warm(client, "/places/blackpool/", "/places/lancashire/")
    assert "Karen Smith" in fetch(client, "/places/blackpool/")[2]
    director = fresh(site.director)
    director.place = site.lancashire
    with committed():
        publish(director)
    assert "Karen Smith" not in fetch(client, "/places/blackpool/")[2]
    assert "Karen Smith" in fetch(client, "/places/lancashire/")[2]


def test_nothing_is_purged_before_the_transaction_commits(site, client):
    warm(client, "/board-decisions/align/")
    decision = fresh(site.decision)
    decision.title = "Not yet committed"
    publish(decision)  # no commit: pytest-django rolls the transaction back
    assert client.get("/board-decisions/align/")["X-Cache"] == "hit"


def test_unpublishing_a_briefing_removes_it_everywhere(site, client, committed):
    urls = ["/briefings/", "/briefings/feed/", "/places/blackpool/", "/", "/sitemap.xml"]
    warm(client, "/briefings/july/", *urls)
    with committed():
        fresh(site.briefing).unpublish()
    assert client.get("/briefings/july/").status_code == 404
    for url in urls:
        status, cache, body = fetch(client, url)
        assert (status, cache) == (200, "miss"), url
        assert "July briefing" not in body and "/briefings/july/" not in body, url


def test_deleting_a_decision_removes_it_everywhere(site, client, committed):
    warm(client, "/board-decisions/align/", "/board-decisions/", "/places/blackpool/")
    with committed():
        Page.objects.get(pk=site.decision.pk).delete()
    assert client.get("/board-decisions/align/").status_code == 404
    for url in ("/board-decisions/", "/places/blackpool/"):
        assert "Align to local authority boundaries" not in fetch(client, url)[2], url


def test_moving_a_page_refreshes_its_old_and_new_addresses(site, client, committed):
    about = site.home.add_child(
        instance=type(site.privacy)(title="About", slug="about", summary="About us.", body=[])
    )
    warm(client, "/privacy/", "/about/", "/sitemap.xml")
    with committed():
        Page.objects.get(pk=site.privacy.pk).move(about, pos="last-child")
    old = client.get("/privacy/")  # Wagtail made a redirect from the old address
    assert (old.status_code, old["Location"]) == (301, "/about/privacy/")
    assert client.get("/about/privacy/").status_code == 200
    assert "/about/privacy/" in fetch(client, "/sitemap.xml")[2]


def test_scheduled_go_live_shows_the_page_on_the_next_request(site, client, committed):
    warm(client, "/briefings/", "/briefings/feed/")
    briefing = fresh(site.briefing)
    new = briefing.copy(
        update_attrs={"title": "August briefing", "slug": "august"}, keep_live=False
    )
    new.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = new.save_revision()
    revision.publish()  # scheduled: not live yet
    assert not fresh(new).live
    # The time comes: the scheduler finds the approved revision due.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with committed():
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert fresh(new).live
    for url in ("/briefings/", "/briefings/feed/"):
        assert "August briefing" in fetch(client, url)[2], url


def test_expiry_takes_the_page_down_on_the_next_request(site, client, committed):
    warm(client, "/briefings/july/", "/briefings/")
    Page.objects.filter(pk=site.briefing.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with committed():
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.get("/briefings/july/").status_code == 404
    assert "July briefing" not in fetch(client, "/briefings/")[2]


def test_saving_a_question_snippet_refreshes_the_faq_page(site, client, committed):
    warm(client, "/faqs/", "/places/blackpool/")
    site.question.answer = "<p>Because the councils asked.</p>"
    with committed():
        site.question.save()
    assert "Because the councils asked." in fetch(client, "/faqs/")[2]
    assert client.get("/places/blackpool/")["X-Cache"] == "hit"


def test_saving_a_former_partnership_refreshes_the_places_pages(site, client, committed):
    warm(client, "/places/", "/places/blackpool/", "/faqs/")
    site.former.name = "Fylde Coast Integrated Care Partnership"
    with committed():
        site.former.save()
    for url in ("/places/", "/places/blackpool/"):
        assert "Fylde Coast Integrated Care Partnership" in fetch(client, url)[2], url
    assert client.get("/faqs/")["X-Cache"] == "hit"


def test_saving_a_document_refreshes_the_briefing_that_offers_it(site, client, committed):
    warm(client, "/briefings/july/", "/faqs/")
    site.document.title = "Board paper, accessible PDF"
    with committed():
        site.document.save()
    assert "Board paper, accessible PDF" in fetch(client, "/briefings/july/")[2]
    assert client.get("/faqs/")["X-Cache"] == "hit"


def test_saving_an_image_refreshes_the_pages_that_show_it(site, client, committed):
    """The portrait is the profile's, and shows on the directors index and on
    the director's place page too."""
    urls = ["/directors/karen-smith/", "/directors/", "/places/blackpool/"]
    warm(client, *urls, "/faqs/")
    site.portrait.description = "Photograph of Karen Smith smiling"
    with committed():
        site.portrait.save()
    for url in urls:
        assert "Photograph of Karen Smith smiling" in fetch(client, url)[2], url
    assert client.get("/faqs/")["X-Cache"] == "hit"


def test_site_settings_refresh_every_page(site, client, committed):
    # The feed's author is the organisation, read from the page shell's cache.
    urls = ["/", "/faqs/", "/briefings/july/", "/directors/karen-smith/", "/briefings/feed/"]
    warm(client, *urls)
    settings = SiteSettings.objects.get(site=site.home.get_site())
    settings.organisation_name = "NHS Lancashire and South Cumbria ICB"
    with committed():
        settings.save()
    for url in urls:
        assert "NHS Lancashire and South Cumbria ICB" in fetch(client, url)[2], url


def test_renaming_a_menu_section_refreshes_every_header(site, client, committed):
    warm(client, "/faqs/", "/briefings/july/")
    places_index = fresh(site.places_index)
    places_index.short_title = "Our places"
    with committed():
        publish(places_index)
    for url in ("/faqs/", "/briefings/july/"):
        assert "Our places" in fetch(client, url)[2], url


def test_renaming_a_place_refreshes_the_listings_and_feeds_that_name_it(site, client, committed):
    """The briefings listing names each briefing's places, the directors listing
    each director's place, and both feeds give places as categories: a place's
    new title shows everywhere on the next request."""
    urls = [
        "/places/blackpool/",
        "/directors/",
        "/directors/karen-smith/",
        "/briefings/july/",
        "/briefings/",
        "/briefings/feed/",
        "/board-decisions/align/",
        "/board-decisions/feed/",
    ]
    warm(client, *urls)
    place = fresh(site.blackpool)
    place.title = "Blackpool place-based partnership"
    with committed():
        publish(place)
    for url in urls:
        status, _cache, body = fetch(client, url)
        assert status == 200, url
        assert "Blackpool place-based partnership" in body, url


def test_unpublishing_a_place_takes_its_title_off_the_listings_that_named_it(
    site, client, committed
):
    urls = ["/directors/", "/directors/karen-smith/", "/briefings/", "/briefings/july/"]
    warm(client, *urls)
    assert all("Blackpool" in fetch(client, url)[2] for url in urls)
    with committed():
        fresh(site.blackpool).unpublish()
    for url in urls:
        status, cache, body = fetch(client, url)
        assert (status, cache) == (200, "miss"), url
        assert "Blackpool" not in body, url
