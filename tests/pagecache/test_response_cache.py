"""The full-response cache: what it stores, what it never stores, and how a
hit looks (headers kept, no database work, conditional requests)."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from tests.pagecache.conftest import fetch

PAGES = [
    "/",
    "/places/",
    "/places/blackpool/",
    "/directors/",
    "/directors/karen-smith/",
    "/board-decisions/",
    "/board-decisions/align/",
    "/faqs/",
    "/briefings/",
    "/briefings/july/",
    "/briefings/feed/",
    "/briefings/feed/blackpool/",
    "/sitemap.xml",
    "/api/v2/pages/",
    "/api/v2/pages/?type=places.PlacePartnershipPage&fields=local_authority_name",
]


@pytest.mark.parametrize("url", PAGES)
def test_second_anonymous_request_is_a_hit_with_the_same_response(site, client, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for header in ("Content-Type", "ETag", "Cache-Control"):
        assert second[header] == first[header]


def test_a_hit_keeps_the_security_headers_it_was_rendered_with(site, client):
    first = client.get("/places/blackpool/")
    second = client.get("/places/blackpool/")
    assert second["X-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert second[header] == first[header], header
    assert "'unsafe-inline'" not in second["Content-Security-Policy"]


def test_a_hit_touches_neither_database_nor_session(site, client, django_assert_num_queries):
    client.get("/places/blackpool/")
    with django_assert_num_queries(0):
        response = client.get("/places/blackpool/")
    assert response["X-Cache"] == "hit"
    assert not response.cookies


def test_cache_control_for_browsers_and_a_cdn(site, client):
    response = client.get("/briefings/")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        "s-maxage=600",
        "stale-while-revalidate=60",
    }


@pytest.mark.parametrize("hit", [False, True])
def test_etag_answers_304(site, client, hit):
    if hit:
        client.get("/places/")
    response = client.get("/places/")
    assert response["X-Cache"] == ("hit" if hit else "miss")
    again = client.get("/places/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/places/", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_head_is_answered_from_the_cache_without_a_body(site, client):
    body = client.get("/places/").content
    response = client.head("/places/")
    assert response["X-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


def test_signed_in_editors_neither_read_nor_fill_the_cache(site, admin_client):
    editor_view = admin_client.get("/places/")
    assert "X-Cache" not in editor_view
    assert "w-userbar" in editor_view.content.decode()  # their page has the userbar
    visitor = Client()
    status, cache, body = fetch(visitor, "/places/")
    assert (status, cache) == (200, "miss")
    assert "w-userbar" not in body
    assert fetch(visitor, "/places/")[1] == "hit"
    assert "X-Cache" not in admin_client.get("/places/")


@pytest.mark.parametrize(
    "url",
    ["/admin/login/", "/search/?q=Blackpool", "/healthz/", "/places/?utm_source=x"],
)
def test_never_cached(site, client, url):
    client.get(url)
    response = client.get(url)
    assert "X-Cache" not in response


def test_query_strings_only_with_known_parameters_in_canonical_order(site, client):
    assert client.get("/briefings/?year=2022&place=blackpool")["X-Cache"] == "miss"
    assert client.get("/briefings/?place=blackpool&year=2022")["X-Cache"] == "hit"
    # A different filter is a different entry.
    assert client.get("/briefings/?place=lancashire")["X-Cache"] == "miss"
    # Unknown parameters or huge values are served fresh, never stored.
    assert "X-Cache" not in client.get("/briefings/?nonsense=1")
    assert "X-Cache" not in client.get("/briefings/?place=" + "x" * 200)


def test_a_response_that_sets_a_cookie_is_never_stored(site, client):
    """A password-protected page shows a form with a CSRF token, which comes
    with a cookie: it must never be shared."""
    page = Page.objects.get(url_path__endswith="/privacy/")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    first = client.get("/privacy/")
    assert "csrftoken" in first.cookies
    assert "X-Cache" not in first
    other_visitor = Client()
    second = other_visitor.get("/privacy/")
    assert "X-Cache" not in second
    assert "csrftoken" in second.cookies


def test_a_visitor_with_a_csrf_cookie_does_not_get_their_token_cached(site, client):
    """Django renews the CSRF cookie whenever a page uses the token, so the
    page is not stored even for a visitor who already has the cookie."""
    page = Page.objects.get(url_path__endswith="/privacy/")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    client.get("/privacy/")  # now the visitor has a csrftoken cookie
    assert "csrftoken" in client.cookies
    response = client.get("/privacy/")
    assert "X-Cache" not in response
    assert "X-Cache" not in Client().get("/privacy/")


def test_not_found_is_not_cached(site, client):
    client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_off_switch(site, client, settings):
    settings.PAGECACHE_ENABLED = False
    client.get("/places/")
    assert "X-Cache" not in client.get("/places/")


def test_api_cors_headers_follow_the_origin_of_the_request(site, client):
    client.get("/api/v2/pages/")
    cross_origin = client.get("/api/v2/pages/", HTTP_ORIGIN="https://partner.example")
    assert cross_origin["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v2/pages/", HTTP_ORIGIN="https://other.example")
    assert again["X-Cache"] == "hit"
    assert again["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v2/pages/")


def test_the_cookie_rule_on_its_own(rf):
    """Wagtail's password form is also marked no-cache; this proves the cookie
    rule alone keeps any response that sets a cookie out of the cache."""
    from django.http import HttpResponse

    from lscpartnerships.pagecache.middleware import is_shareable

    plain = HttpResponse("page")
    assert is_shareable(rf.get("/"), plain)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "secret")
    assert not is_shareable(rf.get("/"), with_cookie)
