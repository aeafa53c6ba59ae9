"""Malformed requests get a 400 (the site's page, or JSON from the API),
never a 500; the partner API throttles anonymous callers."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    # raise_request_exception=False: a server error comes back as a 500
    # response, the way a visitor would see it, instead of an exception.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/%00/", {}),
        ("/search/?q=%00", {}),
        ("/search/?q=%ff%fe", {}),
        ("/briefings/?place=abc%00", {}),
        ("/api/v2/pages/?search=%00", {}),
        ("/api/v2/pages/find/?html_path=%00", {}),
        ("/", {"HTTP_ACCEPT_LANGUAGE": "en\x00"}),
        ("/", {"HTTP_COOKIE": 'sessionid="abcdefgh\\000ijk"'}),
    ],
)
def test_nul_bytes_and_invalid_utf8_are_refused_with_400(strict_client, home, path, extra):
    response = strict_client.get(path, **extra)
    assert response.status_code == 400
    if not path.startswith("/api/"):
        assert b"Sorry, we could not understand that address" in response.content


def test_invalid_utf8_in_the_raw_path_is_refused_with_400(home):
    """A WSGI server hands Django the raw path bytes (as ISO-8859-1); the test
    client would percent-encode them, so call Django's WSGI handler directly,
    as gunicorn does."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    environ = RequestFactory()._base_environ(PATH_INFO="/search/\xff\xfe/", REQUEST_METHOD="GET")
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["400 Bad Request"]
    assert b"Sorry, we could not understand that address" in body


def test_ordinary_unicode_is_welcome(strict_client, home):
    response = strict_client.get("/search/?q=caf%C3%A9+%F0%9F%98%80")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/images/?search=%00",
        "/api/v2/documents/?search=%00",
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?offset=1000001",
        "/api/v2/pages/?search=nhs&search_operator=xor",
        "/api/v2/pages/?type=briefings.BriefingPage&publication_date=notadate",
        "/api/v2/pages/?type=decisions.BoardDecisionPage&meeting_date=2022-02-30",
        "/api/v2/pages/?child_of=99999999999999999999999",
        "/api/v2/pages/99999999999999999999999/",
    ],
)
def test_api_bad_parameters_answer_400_json(strict_client, initial_content, path):
    response = strict_client.get(path)
    assert response.status_code in (400, 404), response.content[:200]
    if response.status_code == 400:
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["message"]


def test_api_large_but_reachable_offset_is_an_empty_page(strict_client, initial_content):
    response = strict_client.get("/api/v2/pages/?offset=1000000")
    assert response.status_code == 200
    assert response.json()["items"] == []


@override_settings(API_THROTTLE_ANON_RATE="3/minute")
def test_api_throttles_anonymous_callers(strict_client, initial_content):
    from django.core.cache import cache

    cache.clear()
    statuses = [strict_client.get("/api/v2/pages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = strict_client.get("/api/v2/images/")
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert "throttled" in refused.json()["detail"].lower()
    # Another address has its own allowance.
    assert strict_client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9").status_code == 200
    cache.clear()
