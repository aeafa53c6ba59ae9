"""Render an email the site sends to an HTML file, to look at it in a browser.

    DJANGO_SETTINGS_MODULE=lscpartnerships.settings.test DATABASE_URL=… \
        .venv/bin/python scripts/render_email.py confirm test-artifacts/confirm-email.html

Kinds: confirm (alert subscription), alert, request (to the comms team),
acknowledgement (to the reader). Uses made-up values; needs a database with
the default site (for the organisation name and links).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscpartnerships.settings.dev")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from lscpartnerships.core.emails import build_email  # noqa: E402


def message(kind):
    request = SimpleNamespace(
        document_title="Review of place-based partnerships: stakeholder briefing",
        format_label="Large print",
        name="Sam Reader",
        email="sam@example.org",
        note="Section 2 most of all, please.",
        reply_by=datetime.date(2026, 12, 16),
    )
    if kind == "confirm":
        return build_email(
            "alerts/emails/confirm",
            {
                "confirm_url": "https://example.nhs.uk/email-alerts/confirm/abc/",
                "lists_text": "new briefings and new board decisions",
                "places_text": "Blackpool",
                "valid_days": 3,
            },
            to="reader@example.org",
        )
    if kind == "alert":
        alert = SimpleNamespace(
            list_name="briefings",
            title="Review of place-based partnerships",
            summary="What the board decided and what happens next.",
            url="https://example.nhs.uk/briefings/review/",
        )
        return build_email(
            "alerts/emails/alert",
            {"alert": alert},
            to="reader@example.org",
            unsubscribe_url="https://example.nhs.uk/email-alerts/unsubscribe/abc/",
        )
    if kind == "request":
        return build_email(
            "format_requests/emails/new_request",
            {"format_request": request, "admin_url": "https://example.nhs.uk/admin/"},
            to="comms@example.nhs.uk",
        )
    return build_email(
        "format_requests/emails/acknowledgement",
        {"format_request": request, "contact_email": "enquiries@example.nhs.uk"},
        to="sam@example.org",
    )


if __name__ == "__main__":
    kind, target = sys.argv[1], Path(sys.argv[2])
    email = message(kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(email.alternatives[0][0], encoding="utf-8")
    target.with_suffix(".txt").write_text(
        f"Subject: {email.subject}\n\n{email.body}", encoding="utf-8"
    )
    print(target)
