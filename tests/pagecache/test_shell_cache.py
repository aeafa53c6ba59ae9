"""The shell's cached data (menu sections, feed addresses, the Site) is purged
whenever what it shows changes: pages are lean without ever being stale."""

from wagtail.models import PageViewRestriction

from tests.pagecache.conftest import fetch, fresh


def publish(page):
    page.save_revision().publish()


def warm(client, *urls):
    for url in urls:
        client.get(url)


def test_a_sections_new_summary_shows_on_home(site, client, committed):
    warm(client, "/")
    section = fresh(site.decisions)
    section.summary = "Every decision the board has made, newest first."
    with committed():
        publish(section)
    assert "Every decision the board has made, newest first." in fetch(client, "/")[2]


def test_a_section_taken_out_of_the_menu_leaves_header_and_home(site, client, committed):
    section = fresh(site.decisions)
    warm(client, "/", "/privacy/")
    assert f'href="{section.url}"' in fetch(client, "/privacy/")[2]
    section.show_in_menus = False
    with committed():
        publish(section)
    assert f'href="{section.url}"' not in fetch(client, "/privacy/")[2]
    assert f'href="{section.url}"' not in fetch(client, "/")[2]


def test_unpublishing_the_briefings_index_stops_every_page_advertising_its_feed(
    site, client, committed
):
    warm(client, "/privacy/", "/places/blackpool/")
    assert "Briefings (Atom feed)" in fetch(client, "/privacy/")[2]
    with committed():
        fresh(site.briefings).unpublish()
    assert "Briefings (Atom feed)" not in fetch(client, "/privacy/")[2]
    assert "Briefings (Atom feed)" not in fetch(client, "/places/blackpool/")[2]


def test_restricting_a_page_hides_it_from_listings_and_the_shell(site, client, committed):
    warm(client, "/board-decisions/", "/privacy/")
    assert "Align to local authority boundaries" in fetch(client, "/board-decisions/")[2]
    with committed():
        PageViewRestriction.objects.create(
            page=site.decision, restriction_type=PageViewRestriction.LOGIN
        )
        PageViewRestriction.objects.create(
            page=site.briefings, restriction_type=PageViewRestriction.LOGIN
        )
    assert "Align to local authority boundaries" not in fetch(client, "/board-decisions/")[2]
    assert "Briefings (Atom feed)" not in fetch(client, "/privacy/")[2]


def _marked_sections(body):
    """The header menu's links marked as the current section, and how."""
    from bs4 import BeautifulSoup

    header = BeautifulSoup(body, "html.parser").select_one("header")
    return {
        link["href"]: link["aria-current"]
        for link in header.select("a.nhsuk-header__navigation-link[aria-current]")
    }


def test_the_kept_header_marks_the_section_of_each_page(site, client, settings):
    """The header's HTML is kept with the shell (one rendering per marked
    section): a section's page and the pages below it mark that section,
    and no marking leaks into another page's header."""
    settings.PAGECACHE_ENABLED = False  # every request renders its header
    places, decisions = fresh(site.places_index).url, fresh(site.decisions).url
    for _round in range(2):  # the second round reads the kept HTML
        assert _marked_sections(client.get(places).text) == {places: "page"}
        assert _marked_sections(client.get("/places/blackpool/").text) == {places: "true"}
        assert _marked_sections(client.get(decisions).text) == {decisions: "page"}
        assert _marked_sections(client.get("/").text) == {}
        assert _marked_sections(client.get("/privacy/").text) == {}


# -- the shell cache kept in the process (store.shell_fragment) ----------------------


def _in_a_request(body):
    """Run `body` between Django's request signals, as a page view does (and
    as Django's test client does, without closing the test's connection)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        return body()
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_purge_by_another_instance_is_seen_on_this_instances_next_request(site, client):
    from lscpartnerships.pagecache import store

    warm(client, "/")
    assert _in_a_request(lambda: store.shell_fragment("probe", lambda: "before")) == "before"
    assert _in_a_request(lambda: store.shell_fragment("probe", lambda: "after")) == "before"
    # Another instance purges: it writes a new site generation to the shared cache.
    store.cache().set(store.SITE_GENERATION, "another-instance", timeout=None)
    assert _in_a_request(lambda: store.shell_fragment("probe", lambda: "after")) == "after"


def test_a_purge_during_a_request_is_seen_by_the_rest_of_that_request(site):
    from lscpartnerships.pagecache import store

    def body():
        first = store.shell_fragment("probe", lambda: "before")
        store.purge_site()
        return first, store.shell_fragment("probe", lambda: "after")

    assert _in_a_request(body) == ("before", "after")


def test_each_reader_gets_its_own_copy_of_a_fragment(site):
    from lscpartnerships.pagecache import store

    def body():
        menu = store.shell_fragment("menu-probe", lambda: {"items": ["Places"]})
        menu["items"].append("set by one request")
        return store.shell_fragment("menu-probe", lambda: {"items": []})

    assert _in_a_request(body) == {"items": ["Places"]}
    assert _in_a_request(body) == {"items": ["Places"]}


def test_a_fragment_nobody_can_change_is_kept_without_copying(site):
    """Strings (the header's HTML) and tuples of them are handed out as kept;
    only what a reader could change is unpickled for each reader."""
    from django.utils.safestring import mark_safe

    from lscpartnerships.pagecache import store

    def body():
        header = store.shell_fragment("html-probe", lambda: mark_safe("<header></header>"))
        feeds = store.shell_fragment("feeds-probe", lambda: ("/feed/", "Briefings"))
        menu = store.shell_fragment("list-probe", lambda: [("Places", "/places/")])
        return header, feeds, menu

    first, second = _in_a_request(body), _in_a_request(body)
    assert (
        first == second == ("<header></header>", ("/feed/", "Briefings"), [("Places", "/places/")])
    )
    assert second[0] is first[0] and second[1] is first[1]
    assert second[2] is not first[2]


def test_wagtails_site_root_paths_are_read_once_per_request_and_a_change_is_seen(site):
    """A page's `url` without a request keeps Wagtail's site root paths on the
    page object, so a page listing twenty links read them from Redis twenty
    times; they are now read once per request. A site changed during the
    request (Wagtail clears the paths) gives the new address at once."""
    from unittest import mock

    from wagtail.models import Page, Site
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY
    from wagtail.models.sites import cache as wagtail_cache

    reads = []
    original = wagtail_cache.get

    def counting_get(key, *args, **kwargs):
        if key == SITE_ROOT_PATHS_CACHE_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    def body():
        urls = [page.full_url for page in Page.objects.filter(depth__gt=2)]
        record = Site.objects.get(is_default_site=True)
        record.hostname = "renamed.example"
        record.save()
        return urls, Page.objects.filter(depth__gt=2).first().full_url

    with mock.patch.object(wagtail_cache, "get", counting_get):
        urls, after = _in_a_request(body)
    assert len(urls) > 5 and all(url.startswith("http://localhost") for url in urls)
    assert len(reads) == 2  # once, and once more after the site changed
    assert after.startswith("http://renamed.example")
