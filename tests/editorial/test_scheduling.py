"""Scheduled publishing and expiry, set in the admin and carried out by the
scheduler (`run_scheduler`, which runs Wagtail's `publish_scheduled`).

No clock is faked: the times are a few seconds ahead of the real clock and the
test waits for them, so what is checked is exactly what happens on the server.
"""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lscpartnerships.core.factories import ContentPageFactory

from .conftest import add_url, edit_url

pytestmark = pytest.mark.django_db

#: How far ahead the "soon" times are: enough for the admin requests before them.
LEAD = datetime.timedelta(seconds=6)


def _form_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _run_scheduler_once():
    out = io.StringIO()
    call_command("run_scheduler", iterations=1, interval=1, stdout=out)
    return out.getvalue()


def _wait_until(moment):
    remaining = (moment - timezone.now()).total_seconds()
    if remaining > 0:
        time.sleep(remaining + 0.5)


def test_scheduler_publishes_approved_pages_at_go_live_and_unpublishes_at_expiry(
    client,
    editor_client,
    approver_client,
    page_kind,
    content_kind,
    sign_off_parent,
    home,
    public_path,
):
    soon = timezone.now() + LEAD
    later = timezone.now() + datetime.timedelta(hours=2)

    # An editor asks for two pages to go live: one soon, one in two hours.
    for slug, go_live in (("goes-live-soon", soon), ("goes-live-later", later)):
        data = page_kind.form_data(slug.title(), slug, "Scheduled.", go_live_at=_form_time(go_live))
        data["action-submit"] = "Submit"
        response = editor_client.post(add_url(page_kind.model, sign_off_parent), data)
        assert response.status_code == 302

    # An approver approves both: approval schedules rather than publishes.
    for slug in ("goes-live-soon", "goes-live-later"):
        page = page_kind.model.objects.get(slug=slug)
        task_state = page.current_workflow_task_state
        approver_client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": ""},
        )
        page.refresh_from_db()
        assert not page.live
        assert page.status_string == "scheduled"
        assert page.scheduled_revision.approved_go_live_at is not None

    # An approver sets an expiry on a live page and publishes.
    expiring = ContentPageFactory(parent=home, title="Expiring page", slug="expiring-page")
    expiring.save_revision().publish()
    data = content_kind.form_data(
        "Expiring page", "expiring-page", "Until soon.", expire_at=_form_time(soon)
    )
    data["action-publish"] = "Publish"
    assert approver_client.post(edit_url(expiring), data).status_code == 302

    # Before the time: nothing changes.
    _run_scheduler_once()
    assert client.get(public_path("goes-live-soon")).status_code == 404
    assert client.get("/expiring-page/").status_code == 200

    _wait_until(soon)
    output = _run_scheduler_once()
    assert "publish_scheduled every 1 s" in output

    assert client.get(public_path("goes-live-soon")).status_code == 200
    assert page_kind.model.objects.get(slug="goes-live-soon").live
    assert client.get(public_path("goes-live-later")).status_code == 404
    assert not page_kind.model.objects.get(slug="goes-live-later").live
    assert client.get("/expiring-page/").status_code == 404
    expiring.refresh_from_db()
    assert expiring.expired and not expiring.live


def test_approver_publish_with_future_go_live_waits_for_the_scheduler(
    client, approver_client, page_kind, sign_off_parent, public_path
):
    soon = timezone.now() + LEAD
    data = page_kind.form_data("Timed page", "timed-page", "Timed.", go_live_at=_form_time(soon))
    data["action-publish"] = "Publish"
    approver_client.post(add_url(page_kind.model, sign_off_parent), data)
    page = page_kind.model.objects.get(slug="timed-page")
    assert not page.live
    assert client.get(public_path("timed-page")).status_code == 404

    _wait_until(soon)
    # Without the scheduler the time passing changes nothing...
    assert client.get(public_path("timed-page")).status_code == 404
    # ...Wagtail's own command (what cron or `make scheduler` runs) publishes it.
    call_command("publish_scheduled", stdout=io.StringIO())
    assert client.get(public_path("timed-page")).status_code == 200
