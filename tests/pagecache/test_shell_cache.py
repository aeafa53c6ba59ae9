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


# -- the shell cache kept in the process (store.shell_fragment) ----------------------


def _in_a_request(body):
    """Run `body` between Django's request signals, as a page view does."""
    from django.core.signals import request_finished, request_started

    request_started.send(sender=None)
    try:
        return body()
    finally:
        request_finished.send(sender=None)


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
