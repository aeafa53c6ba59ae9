"""Lean routing (pagecache/lean.py) serves exactly what Wagtail's own routing
serves: every public page of the initial content, byte for byte, on
PostgreSQL and on SQLite (`make run`), where dates come back as text and only
Django's converters make them dates again. Its two compiled queries refuse to
be built with parameters that are not Django's, and page addresses kept per
process follow a change of URLconf."""

import re

import pytest
from django.urls import NoReverseMatch

from tests.helpers.make_run import make_run_site

#: Run in `manage.py shell`: every public page, each type's address filters
#: and a missing page, rendered with and without lean routing (the bytes, and
#: the type of every column value of the routed page); prints the addresses
#: that differ, then how many were compared.
COMPARE = """
import re
from django.test import Client, override_settings
from django.conf import settings
ROUTER = "lscpartnerships.pagecache.lean.ShellRoutingMiddleware"
from wagtail.models import Site

site = Site.objects.get(is_default_site=True)
urls = [p.url for p in site.root_page.get_descendants(inclusive=True).live().public()]
urls += ["/briefings/?place=blackpool", "/board-decisions/?page=2", "/no-such-page/",
         "/places/blackpool/no-such-child/", "/places/places/", "/home/places/blackpool/"]

def field_types(response):
    # The routed page's column values as Python types (aware or not), as read.
    page = (getattr(response, "context_data", None) or {}).get("page")
    if page is None:
        return None
    values = [(f.attname, page.__dict__.get(f.attname)) for f in page._meta.concrete_fields]
    return [(name, type(v).__name__, getattr(v, "tzinfo", None) is not None) for name, v in values]

def render(url):
    response = Client(HTTP_HOST="localhost").get(url)
    body = re.sub(rb'nonce="[^"]*"', b"", response.content)
    return response.status_code, body, field_types(response)

lean = {url: render(url) for url in urls}
with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != ROUTER],
                       PAGECACHE_ENABLED=False):
    wagtail = {url: render(url) for url in urls}
print([url for url in urls if lean[url] != wagtail[url]])
print(len(urls))
"""


def _differences(run):
    output = run(COMPARE).strip().splitlines()
    return eval(output[-2]), int(output[-1])  # noqa: S307 (our own print of a list)


def test_lean_routing_serves_what_wagtail_serves(initial_content, settings):
    import contextlib
    import io

    settings.PAGECACHE_ENABLED = False

    def run(code):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(code, {})  # noqa: S102 (the constant above)
        return out.getvalue()

    different, compared = _differences(run)
    assert compared > 20
    assert different == []


@pytest.mark.django_db
def test_lean_routing_serves_what_wagtail_serves_on_sqlite(tmp_path):
    """`make run` uses SQLite, which returns dates as text: the compiled
    routing queries must convert them as Django's own queries do."""
    manage = make_run_site(tmp_path, PAGECACHE_ENABLED="false")
    different, compared = _differences(lambda code: manage("shell", "-c", code))
    assert compared > 20
    assert different == []


def test_a_compiled_query_refuses_parameters_that_are_not_djangos(db):
    from wagtail.models import Page

    from lscpartnerships.core.compiled import CompiledQuery

    queryset = Page.objects.filter(path__startswith="0001").filter(url_path__in=["/home/"])
    with pytest.raises(ValueError, match="not Django's"):
        CompiledQuery(queryset, ["/home/", "0001%"])  # the wrong order
    query = CompiledQuery(
        queryset.values_list("id", "url_path", "first_published_at"), ["0001%", "/home/"]
    )
    assert query.names == ["id", "url_path", "first_published_at"]
    [row] = query.rows(["0001%", "/home/"])
    assert row["url_path"] == "/home/"


def test_kept_page_addresses_follow_a_new_urlconf(initial_content, settings, client):
    """Page addresses are kept per process; a different URLconf (one without
    Wagtail's page view) gets its own answers, not the kept ones."""
    from wagtail.models import Page

    place = Page.objects.get(url_path="/home/places/blackpool/")
    assert place.get_url() == "/places/blackpool/"
    settings.ROOT_URLCONF = "tests.pagecache.urls_without_pages"
    with pytest.raises(NoReverseMatch):
        from django.urls import reverse

        reverse("wagtail_serve", args=("places/blackpool/",))
    assert place.get_url_parts() is not None
    assert place.get_url_parts()[2] is None  # not routable here, as Wagtail says
    settings.ROOT_URLCONF = "lscpartnerships.urls"
    assert re.fullmatch(r"/places/blackpool/", place.get_url())


def test_a_visitors_deep_path_is_not_kept_compiled(initial_content, client, settings):
    """Routing keeps one compiled query per path depth that pages have; a path
    of a hundred segments is answered (404) without keeping its query, so
    visitors cannot grow the process's memory by typing longer paths."""
    from lscpartnerships.core import compiled
    from lscpartnerships.pagecache.lean import KEPT_PATH_DEPTH

    settings.PAGECACHE_ENABLED = False
    assert client.get("/places/blackpool/").status_code == 200
    for depth in (KEPT_PATH_DEPTH + 1, 100):
        assert client.get("/places/" + "x/" * depth).status_code == 404
    kept = [key[1] for key in compiled._COMPILED if key[0] == "path"]
    assert kept and max(kept) <= KEPT_PATH_DEPTH
