"""The GOV.UK Notify email backend speaks Notify's API over HTTP. Notify itself
is not reachable from tests, so a small HTTP server on loopback plays its part
and records what the real client library (notifications-python-client) sends."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from alerts.backends.notify import NotifyEmailBackend
from lscpartnerships.core.emails import build_email


@pytest.fixture
def notify_api():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization", ""),
                    "json": json.loads(body),
                }
            )
            payload = json.dumps({"id": str(uuid.uuid4())}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_notify_backend_sends_subject_body_and_unsubscribe_link(notify_api, settings):
    base_url, received = notify_api
    api_key = f"lscp_test-{uuid.uuid4()}-{uuid.uuid4()}"
    template_id = str(uuid.uuid4())
    message = build_email(
        "alerts/emails/confirm",
        {
            "confirm_url": "https://example.nhs.uk/c/",
            "lists_text": "new briefings",
            "places_text": "every place",
            "valid_days": 3,
        },
        to="reader@example.org",
        unsubscribe_url="https://example.nhs.uk/email-alerts/unsubscribe/abc/",
    )
    backend = NotifyEmailBackend(api_key=api_key, template_id=template_id, base_url=base_url)

    assert backend.send_messages([message]) == 1

    [call] = received
    assert call["path"] == "/v2/notifications/email"
    assert call["authorization"].startswith("Bearer ")
    assert call["json"]["email_address"] == "reader@example.org"
    assert call["json"]["template_id"] == template_id
    assert call["json"]["personalisation"]["subject"] == message.subject
    assert "https://example.nhs.uk/c/" in call["json"]["personalisation"]["body"]
    assert call["json"]["one_click_unsubscribe_url"] == (
        "https://example.nhs.uk/email-alerts/unsubscribe/abc/"
    )
