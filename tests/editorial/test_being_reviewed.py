"""The "being reviewed" notice and review dates, switched through the admin form:
the public sees them once a change is published, and not before."""

import pytest
from django.urls import reverse

from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import BEING_REVIEWED_DEFAULT

from .conftest import edit_url

pytestmark = pytest.mark.django_db

NOTICE = 'id="being-reviewed"'


@pytest.fixture
def live_page(home):
    page = ContentPageFactory(parent=home, title="Our places", slug="our-places")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _data(content_kind, **extra):
    return content_kind.form_data("Our places", "our-places", "The four places.", **extra)


def test_notice_appears_and_disappears_when_an_approver_publishes(
    client, approver_client, content_kind, live_page
):
    assert NOTICE not in client.get("/our-places/").content.decode()

    data = _data(
        content_kind,
        being_reviewed="on",
        being_reviewed_message="The boundaries are changing; this page will be updated.",
    )
    data["action-publish"] = "Publish"
    assert approver_client.post(edit_url(live_page), data).status_code == 302
    html = client.get("/our-places/").content.decode()
    assert NOTICE in html
    assert "The boundaries are changing; this page will be updated." in html
    # Prominent: above the summary and the content.
    assert html.index(NOTICE) < html.index("nhsuk-lede-text") < html.index("The four places.")

    data = _data(content_kind)
    data["action-publish"] = "Publish"
    approver_client.post(edit_url(live_page), data)
    assert NOTICE not in client.get("/our-places/").content.decode()


def test_default_wording_when_no_message_is_given(client, approver_client, content_kind, live_page):
    data = _data(content_kind, being_reviewed="on")
    data["action-publish"] = "Publish"
    approver_client.post(edit_url(live_page), data)
    assert BEING_REVIEWED_DEFAULT in client.get("/our-places/").content.decode()


def test_an_editors_notice_waits_for_sign_off(
    client, editor_client, approver_client, content_kind, live_page
):
    data = _data(content_kind, being_reviewed="on")
    data["action-submit"] = "Submit"
    editor_client.post(edit_url(live_page), data)
    assert NOTICE not in client.get("/our-places/").content.decode()

    live_page.refresh_from_db()
    task_state = live_page.current_workflow_task_state
    approver_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[live_page.pk, "approve", task_state.pk]
        ),
        {"comment": ""},
    )
    assert NOTICE in client.get("/our-places/").content.decode()


def test_review_dates_set_in_the_admin_show_at_the_foot_of_the_page(
    client, approver_client, content_kind, live_page
):
    data = _data(content_kind, last_reviewed="2022-08-01", next_review_due="2023-02-01")
    data["action-publish"] = "Publish"
    approver_client.post(edit_url(live_page), data)
    html = client.get("/our-places/").content.decode()
    assert "Page last reviewed: 1 August 2022" in html
    assert "Next review due: 1 February 2023" in html
    assert html.index("Next review due") > html.index("The four places.")


def test_next_review_before_last_review_is_refused(approver_client, content_kind, live_page):
    data = _data(content_kind, last_reviewed="2023-02-01", next_review_due="2022-08-01")
    data["action-publish"] = "Publish"
    response = approver_client.post(edit_url(live_page), data)
    assert response.status_code == 200
    assert "The next review must be due after the last review." in response.content.decode()
