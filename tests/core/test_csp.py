"""Two Content-Security-Policies: strict on the public site, workable in the admin,
and framing allowed only for the admin's own previews. Violation reports are
logged, rate-limited, and junk is refused with 400 (never 500)."""

import json
import logging

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from lscpartnerships.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/csp-report/"


def directives(response):
    """The response's CSP as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


@pytest.fixture
def content_page(home):
    return ContentPageFactory(parent=home, title="Neighbourhood care", slug="neighbourhood-care")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_public_pages_keep_the_strict_policy(client, content_page, admin_user):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(admin_user)
        response = client.get(content_page.url)
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["report-uri"] == [REPORT_URL]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_admin_screens_get_the_admin_policy_and_are_never_framed(admin_client, content_page):
    for url in ("/admin/", f"/admin/pages/{content_page.pk}/edit/", "/admin/logout/"):
        response = admin_client.get(url) if "logout" not in url else admin_client.post(url)
        if "logout" in url:
            response = admin_client.get("/admin/login/")
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["frame-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["report-uri"] == [REPORT_URL]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert "nonce-" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_page_preview_may_be_framed_by_the_admin_only(admin_client, content_page):
    edit_url = f"/admin/pages/{content_page.pk}/edit/"
    form = querydict_from_html(
        admin_client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    for key in [k for k in form if k.startswith("body")]:
        del form[key]
    form.update(nested_form_data({"body": streamfield([("rich_text", rich_text("<p>Hi</p>"))])}))
    preview_url = f"/admin/pages/{content_page.pk}/edit/preview/"
    assert admin_client.post(preview_url, form).json()["is_valid"]
    response = admin_client.get(preview_url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert "Neighbourhood care" in response.content.decode()
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_block_preview_may_be_framed_by_the_admin_only(admin_client):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": "wagtail.blocks.CharBlock"}
    )
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_report_endpoint_is_where_the_policies_point():
    assert reverse("csp_report") == REPORT_URL


# -- the report endpoint ---------------------------------------------------------------

CSP_REPORT = {
    "csp-report": {
        "document-uri": "http://127.0.0.1/admin/pages/3/edit/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://127.0.0.1/admin/pages/3/edit/",
        "line-number": 120,
        "disposition": "enforce",
        "original-policy": "default-src 'self'; " + "x" * 2000,
    }
}


def post_report(client, body, content_type="application/csp-report", **extra):
    return client.generic("POST", REPORT_URL, body, content_type=content_type, **extra)


def test_a_report_is_logged_as_one_structured_line(client, caplog):
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        response = post_report(client, json.dumps(CSP_REPORT))
    assert response.status_code == 204
    [record] = caplog.records
    fields = record.csp_violation
    assert fields["directive"] == "script-src-elem"
    assert fields["document"] == "http://127.0.0.1/admin/pages/3/edit/"
    assert fields["blocked"] == "inline"
    assert fields["line"] == "120"
    assert fields["client"] == "127.0.0.1"
    assert "original-policy" not in record.getMessage()
    message = record.getMessage()
    assert message.startswith("csp_violation {") and "\n" not in message
    assert json.loads(message.removeprefix("csp_violation ")) == fields


def test_reporting_api_batches_are_logged_too(client, caplog):
    batch = [
        {
            "type": "csp-violation",
            "url": "http://127.0.0.1/",
            "body": {
                "documentURL": "http://127.0.0.1/",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "lineNumber": 3,
            },
        },
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src", "blockedURL": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        response = post_report(client, json.dumps(batch), "application/reports+json")
    assert response.status_code == 204
    assert [r.csp_violation["directive"] for r in caplog.records] == ["style-src-attr", "img-src"]


def test_long_values_are_truncated_in_the_log(client, caplog):
    report = {"csp-report": {"violated-directive": "img-src", "blocked-uri": "a" * 10_000}}
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        assert post_report(client, json.dumps(report)).status_code == 204
    assert len(caplog.records[0].csp_violation["blocked"]) == 300


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json at all", "application/csp-report"),
        (b"", "application/csp-report"),
        (b"\xff\xfe\x00garbage", "application/csp-report"),
        (json.dumps(CSP_REPORT).encode().replace(b"inline", b"in\x00line"), "application/json"),
        (json.dumps(CSP_REPORT).encode(), "text/plain"),
        (json.dumps(CSP_REPORT).encode(), "application/x-www-form-urlencoded"),
        (b"42", "application/json"),
        (b"[]", "application/reports+json"),
        (b'[{"type": "csp-violation", "body": "x"}]', "application/reports+json"),
        (b'[{"type": "deprecation", "body": {}}]', "application/reports+json"),
        (b'{"csp-report": []}', "application/csp-report"),
        (b'{"csp-report": {"blocked-uri": "x"}}', "application/csp-report"),
        (b'{"csp-report": {"violated-directive": {"nested": 1}}}', "application/csp-report"),
        (b"[" * 5000 + b"]" * 5000, "application/json"),
    ],
    ids=[
        "not-json",
        "empty",
        "bad-utf8",
        "nul-byte",
        "text-plain",
        "form",
        "number",
        "empty-batch",
        "batch-body-not-object",
        "batch-wrong-type",
        "report-not-object",
        "no-directive",
        "directive-not-string",
        "deep-nesting",
    ],
)
def test_junk_answers_400_and_logs_nothing(client, caplog, body, content_type):
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        response = post_report(client, body, content_type)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert not [r for r in caplog.records if r.name == "lscpartnerships.csp"]


def test_huge_bodies_answer_400(client, settings):
    body = json.dumps({"csp-report": {"violated-directive": "img-src", "x": "a" * 20_000}})
    assert len(body) > settings.CSP_REPORT_MAX_BYTES
    assert post_report(client, body).status_code == 400


def test_only_post(client):
    assert client.get(REPORT_URL).status_code == 405


def test_reports_are_rate_limited_per_client_address(client, settings, caplog):
    settings.CSP_REPORT_RATE_LIMIT = 3
    body = json.dumps(CSP_REPORT)
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        codes = [post_report(client, body).status_code for _ in range(5)]
        other = post_report(client, body, REMOTE_ADDR="192.0.2.7").status_code
    assert codes == [204, 204, 204, 429, 429]
    assert other == 204
    assert len([r for r in caplog.records if r.name == "lscpartnerships.csp"]) == 4


def test_a_cache_outage_drops_reports_without_a_500(client, settings, caplog):
    """Redis down (nothing listens on the port): the report is refused with 429."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="lscpartnerships.csp"):
        response = post_report(client, json.dumps(CSP_REPORT))
    assert response.status_code == 429
    assert not [r for r in caplog.records if getattr(r, "csp_violation", None)]


def test_reports_never_touch_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert post_report(client, json.dumps(CSP_REPORT)).status_code == 204
