"""Accessible-format requests: the form replaces the mailto link, requests are
stored, emailed to the comms team and acknowledged through a real SMTP server,
get a reply-by date 15 working days on, and are handled in an admin queue."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.factories import PublicDocumentFactory
from format_requests.dates import add_working_days
from format_requests.models import FormatRequest
from tests.smtp import body_text, free_port

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Sam Reader",
    "email": "sam@example.org",
    "format": "large_print",
    "other_format": "",
    "note": "Section 2 most of all, please.",
}


def form_url(document):
    return f"/accessible-format/{document.pk}/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Christmas, Boxing Day and New Year's Day are skipped.
        (datetime.date(2025, 12, 18), datetime.date(2026, 1, 13)),
        # Good Friday and Easter Monday 2026.
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 24)),
        # Asked on a Saturday: counting starts on Monday.
        (datetime.date(2026, 6, 6), datetime.date(2026, 6, 26)),
    ],
)
def test_reply_by_is_15_working_days_on_in_england(start, expected):
    assert add_working_days(start, 15) == expected


def test_only_england_bank_holidays_count():
    # St Andrew's Day (Scotland) is a working day in England.
    assert add_working_days(datetime.date(2026, 11, 27), 1) == datetime.date(2026, 11, 30)


def test_document_links_offer_the_form_instead_of_mailto(client, document, comms):
    html = soup(client.get(document.briefing.url))
    link = html.find(
        lambda tag: tag.name == "a" and "Request an accessible format" in tag.get_text()
    )
    assert link["href"] == form_url(document)


def test_request_is_stored_emailed_to_comms_and_acknowledged(client, document, comms, smtp):
    page = client.get(form_url(document))
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]
    assert "Stakeholder briefing" in soup(page).find("p", class_="nhsuk-lede-text").get_text()

    response = client.post(form_url(document), VALID)

    assert response.status_code == 302
    request = FormatRequest.objects.get()
    assert (request.name, request.email, request.format) == (
        "Sam Reader",
        "sam@example.org",
        "large_print",
    )
    assert request.document == document and request.document_title == "Stakeholder briefing"
    assert request.status == "new"
    assert request.reply_by == add_working_days(timezone.localdate(), 15)

    [team_email] = smtp.inbox.to("comms-team@example.nhs.uk")
    assert (
        team_email["Subject"]
        .strip()
        .startswith("Accessible-format request: Large print of “Stakeholder briefing”")
    )
    assert team_email["Reply-To"] == "sam@example.org"
    text = body_text(team_email)
    assert "Sam Reader" in text and "Section 2 most of all" in text
    assert f"/admin/format_requests/edit/{request.pk}/" in text
    [ack] = smtp.inbox.to("sam@example.org")
    assert request.reply_by.strftime("%-d %B %Y") in body_text(ack)
    assert "enquiries@example.nhs.uk" in body_text(ack)
    assert "comms-team" not in body_text(ack)  # the internal address stays internal
    assert '<html lang="en-GB">' in body_text(ack, "html")

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert request.reply_by.strftime("%-d %B %Y") in thanks.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**VALID, "name": "   "}, "name", "Enter your name"),
        ({**VALID, "email": "sam@"}, "email", "Enter an email address in the correct format"),
        ({**VALID, "format": ""}, "format", "Select the format you need"),
        ({**VALID, "format": "smell-o-vision"}, "format", "Select the format you need"),
        (
            {**VALID, "format": "other", "other_format": ""},
            "other_format",
            "Enter the format you need",
        ),
        ({**VALID, "note": "x" * 1001}, "note", "1000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client, document, comms, smtp, data, field, message
):
    response = client.post(form_url(document), data)
    assert response.status_code == 400
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.find(class_="nhsuk-error-summary")
    assert message in summary.get_text()
    assert summary.find("a")["href"].startswith(f"#id_{field}")
    assert message in html.find(id=f"id_{field}-error").get_text()
    assert html.find(id="id_name")["value"] == data["name"]  # what was typed is kept
    assert not FormatRequest.objects.exists()
    assert smtp.inbox.messages == []


def test_another_format_is_named_in_the_request(client, document, comms, smtp):
    client.post(form_url(document), {**VALID, "format": "other", "other_format": "BSL video"})
    assert FormatRequest.objects.get().format_label == "BSL video"


def test_honeypot_and_rate_limit(client, document, comms, smtp, settings):
    response = client.post(form_url(document), {**VALID, "website": "spam"})
    assert response.status_code == 302
    assert not FormatRequest.objects.exists()
    settings.FORMAT_REQUESTS_LIMIT_PER_IP = 2
    client.post(form_url(document), VALID)
    response = client.post(form_url(document), VALID)
    assert response.status_code == 429
    assert FormatRequest.objects.count() == 1


def test_no_form_for_accessible_private_or_unknown_documents(client, document, comms):
    accessible = PublicDocumentFactory(accessible=True)
    unused = PublicDocumentFactory()  # used by no live page: not public
    assert client.get(form_url(accessible)).status_code == 404
    assert client.get(form_url(unused)).status_code == 404
    assert client.post(form_url(unused), VALID).status_code == 404
    assert client.get("/accessible-format/999999/").status_code == 404
    assert not FormatRequest.objects.exists()


def test_a_mail_outage_loses_no_request(client, document, comms, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    response = client.post(form_url(document), VALID)
    assert response.status_code == 302
    assert FormatRequest.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200


def make_request(document, days_ago=0, status="new", **fields):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    return FormatRequest.objects.create(
        document=document,
        document_title=document.title,
        name="Sam Reader",
        email="sam@example.org",
        format="braille",
        created_at=created,
        status=status,
        **fields,
    )


def test_admin_queue_shows_status_and_overdue_and_editors_can_update_it(document):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lscpartnerships.editorial import roles

    late = make_request(document, days_ago=40)
    fresh = make_request(document, days_ago=0, status="in_progress")
    editor = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    client = Client()
    client.force_login(editor)

    listing = soup(client.get(reverse("format_requests:index")))
    rows = [row.get_text(" ", strip=True) for row in listing.select("table.listing tbody tr")]
    assert len(rows) == 2
    late_row = next(text for text in rows if late.reply_by.strftime("%-d %B %Y") in text)
    assert "Overdue" in late_row and "New" in late_row
    fresh_row = next(text for text in rows if fresh.reply_by.strftime("%-d %B %Y") in text)
    assert "Overdue" not in fresh_row

    response = client.post(
        reverse("format_requests:edit", args=[late.pk]),
        {"status": "closed", "staff_note": "Posted the Braille copy."},
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == "closed" and late.closed_at is not None
    # Requests come from the public form only, even for a superuser.
    assert client.get("/admin/format_requests/new/").status_code != 200
    superuser = get_user_model().objects.create_superuser("root", "r@example.org", "pw")
    client.force_login(superuser)
    assert client.get("/admin/format_requests/new/").status_code != 200
    assert (
        "/admin/format_requests/new/" not in client.get("/admin/format_requests/").content.decode()
    )


def test_overdue_requests_show_in_content_health(admin_client, document):
    make_request(document, days_ago=40)
    make_request(document, days_ago=40, status="sent")
    make_request(document, days_ago=1)
    html = soup(admin_client.get(reverse("editorial_content_health")))
    heading = html.find(id="health-requests-heading").get_text()
    assert "Accessible-format requests overdue (1)" in heading
    assert len(html.select("#health-requests li")) == 1


def test_personal_data_of_closed_requests_is_deleted_after_the_retention_period(document, settings):
    settings.FORMAT_REQUESTS_RETENTION_DAYS = 30
    old = make_request(document, status="closed", note="Please post it.")
    FormatRequest.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = make_request(document, status="closed")
    still_open = make_request(document, days_ago=100)

    call_command("delete_closed_format_requests", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FormatRequest.objects.get(pk=old.pk).email == "sam@example.org"

    call_command("delete_closed_format_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    assert (old.name, old.email, old.note) == ("", "", "")
    assert old.personal_data_deleted_at is not None
    assert old.format == "braille" and old.document_title == document.title  # kept for reporting
    assert FormatRequest.objects.get(pk=recent.pk).email == "sam@example.org"
    assert FormatRequest.objects.get(pk=still_open.pk).email == "sam@example.org"

    call_command("delete_closed_format_requests", "--days", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FormatRequest.objects.get(pk=recent.pk).email == ""


def test_a_redis_outage_loses_no_request(client, document, comms, redis, settings):
    """The form's rate limit is counted in Redis; with Redis down the limit is
    open (ADR 0067) and the request is still taken, never a 500."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    redis.stop()
    response = client.post(form_url(document), VALID)
    assert response.status_code == 302
    assert FormatRequest.objects.count() == 1
