"""Structured logs: one JSON line per request on stdout with a request id,
errors as JSON with their traceback, Sentry only when SENTRY_DSN is set."""

import json
import logging
import os
import re
import socket
import subprocess
import sys

import pytest

from tests.helpers.gunicorn_site import ROOT

GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def json_handler():
    """The handler settings.LOGGING puts on the root logger."""
    from pythonjsonlogger.json import JsonFormatter

    handlers = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert len(handlers) == 1, logging.getLogger().handlers
    return handlers[0]


def request_records(caplog):
    return [r for r in caplog.records if r.name == "lscpartnerships.request"]


def test_request_id_is_kept_when_sane_and_returned(client, caplog):
    caplog.set_level(logging.INFO, logger="lscpartnerships.request")
    response = client.get("/healthz/live", headers={"X-Request-ID": "lb-7f3a:42.1_x"})
    assert response["X-Request-ID"] == "lb-7f3a:42.1_x"
    (record,) = request_records(caplog)
    line = json.loads(json_handler().format(record))
    assert line["request_id"] == "lb-7f3a:42.1_x"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz/live", 200)
    assert isinstance(line["duration_ms"], float)
    assert (line["level"], line["logger"], line["message"]) == (
        "INFO",
        "lscpartnerships.request",
        "request",
    )
    assert "timestamp" in line


@pytest.mark.parametrize(
    "incoming",
    [
        "",
        "a" * 129,
        "two words",
        '"}, {"forged": true',
        "<script>alert(1)</script>",
        "-starts-with-a-dash",
        "id\u00e9",
    ],
)
def test_a_hostile_or_missing_request_id_is_replaced(client, caplog, incoming):
    caplog.set_level(logging.INFO, logger="lscpartnerships.request")
    headers = {"X-Request-ID": incoming} if incoming else {}
    response = client.get("/healthz/live", headers=headers)
    assert GENERATED_ID.fullmatch(response["X-Request-ID"])
    (record,) = request_records(caplog)
    assert json.loads(json_handler().format(record))["request_id"] == response["X-Request-ID"]


def test_two_requests_get_two_ids(client):
    first = client.get("/healthz/live")["X-Request-ID"]
    assert first != client.get("/healthz/live")["X-Request-ID"]


def test_an_error_is_one_json_line_with_its_traceback_and_request_id(
    client, initial_content, monkeypatch, caplog
):
    from lscpartnerships.core.models import ContentPage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ContentPage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/next-steps/?q=private", headers={"X-Request-ID": "err-1"})
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    text = json_handler().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["level"] == "ERROR"
    assert line["request_id"] == "err-1"
    assert line["status_code"] == 500
    assert "Traceback (most recent call last)" in line["exc_info"]
    assert "RuntimeError: boom" in line["exc_info"]
    # Django's `request` extra would put the query string in the log: left out.
    assert "request" not in line and "private" not in text


def test_the_server_writes_one_json_line_per_request_on_stdout(faults_site):
    response = faults_site.get("/places/?q=someones-search", headers={"X-Request-ID": "gunicorn-1"})
    assert response.status == 200
    assert response.headers["X-Request-ID"] == "gunicorn-1"
    missing = faults_site.get("/no-such-page/", headers={"X-Request-ID": "two words"})
    assert missing.status == 404
    generated = missing.headers["X-Request-ID"]
    assert GENERATED_ID.fullmatch(generated)

    records = faults_site.log_records()
    (line,) = [r for r in records if r.get("request_id") == "gunicorn-1"]
    assert line["logger"] == "lscpartnerships.request"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/places/", 200)
    assert line["duration_ms"] > 0
    assert "someones-search" not in faults_site.stdout.read_text()
    access = [
        r
        for r in records
        if r.get("request_id") == generated and r["logger"] == "lscpartnerships.request"
    ]
    assert [(r["path"], r["status"]) for r in access] == [("/no-such-page/", 404)]


def settings_import(env, code):
    clean = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sentry_is_not_even_imported_without_a_dsn():
    result = settings_import({}, "import sys; print('sentry_sdk' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]


def test_sentry_is_initialised_from_sentry_dsn_without_contacting_it():
    """The DSN points at a loopback port this test listens on: settings import,
    the SDK is active with that DSN, and nothing connects (no event was sent)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        dsn = f"http://public@127.0.0.1:{port}/1"
        result = settings_import(
            {"SENTRY_DSN": dsn, "SENTRY_ENVIRONMENT": "staging"},
            "import sentry_sdk\n"
            "client = sentry_sdk.get_client()\n"
            "print(client.is_active(), client.dsn, client.options['environment'],"
            " client.options['send_default_pii'])\n"
            "sentry_sdk.flush(timeout=1)\n",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["True", dsn, "staging", "False"]
        with pytest.raises(TimeoutError):
            listener.accept()
