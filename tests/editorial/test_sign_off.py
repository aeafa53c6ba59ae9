"""The whole sign-off journey through the real admin, as each role.

An editor uploads a PDF, writes a page linking it and submits it: the page is
not live and the approvers get an email. An approver sees it under "Awaiting
your review", requests changes with a comment; the editor gets the comment,
edits and resubmits; the approver approves and the page and its PDF are public.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from .conftest import add_url, edit_url, upload_pdf

pytestmark = pytest.mark.django_db

TITLE = "Stakeholder briefing on place-based partnerships"
SLUG = "stakeholder-briefing"


def _submit_new_page(editor_client, page_kind, parent, document):
    data = page_kind.form_data(TITLE, SLUG, "First draft.", document=document)
    data["action-submit"] = "Submit"
    response = editor_client.post(add_url(page_kind.model, parent), data)
    assert response.status_code == 302, response.context["form"].errors
    return page_kind.model.objects.get(slug=SLUG)


def test_editor_submits_approver_rejects_editor_resubmits_approver_approves(
    client,
    editor,
    approver,
    editor_client,
    approver_client,
    page_kind,
    sign_off_parent,
    public_path,
):
    document = upload_pdf(editor_client, title="Stakeholder briefing PDF")
    page = _submit_new_page(editor_client, page_kind, sign_off_parent, document)

    # Submitted, not live, and nobody outside the admin can see it.
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_state.workflow.name == "Comms sign-off"
    assert client.get(public_path(SLUG)).status_code == 404

    # Approvers are told by email, with a link to the page.
    to_approver = [m for m in mail.outbox if approver.email in m.to]
    assert len(to_approver) == 1
    assert TITLE in to_approver[0].subject
    assert f"/admin/pages/{page.pk}/" in to_approver[0].body
    assert not [m for m in mail.outbox if editor.email in m.to]

    # The approver finds it on their dashboard under "Awaiting your review".
    dashboard = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    assert TITLE in dashboard
    # ...the editor does not (it is theirs, listed as in a workflow instead).
    editor_dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" not in editor_dashboard
    assert "Your pages and snippets in a workflow" in editor_dashboard

    # Request changes, with the reason.
    mail.outbox.clear()
    task_state = page.current_workflow_task_state
    response = approver_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Please add the date of the board meeting."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (to_editor,) = [m for m in mail.outbox if editor.email in m.to]
    assert "Please add the date of the board meeting." in to_editor.body

    # The editor sees the request on the edit screen, edits and resubmits.
    edit_screen = editor_client.get(edit_url(page)).content.decode()
    assert "Resubmit to Comms approvers" in edit_screen
    mail.outbox.clear()
    data = page_kind.form_data(TITLE, SLUG, "Second draft, with the date.", document=document)
    data["action-submit"] = "Resubmit"
    response = editor_client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert [m for m in mail.outbox if approver.email in m.to]

    # Approve: the page is live with the approved wording and a working PDF link.
    task_state = page.current_workflow_task_state
    response = approver_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    public = client.get(public_path(SLUG))
    assert public.status_code == 200
    html = public.content.decode()
    assert "Second draft, with the date." in html
    assert "First draft." not in html
    assert document.url in html
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_approval_email_goes_to_every_approver_with_an_address(
    django_user_model, editor_client, approver, page_kind, sign_off_parent
):
    from django.contrib.auth.models import Group

    second = django_user_model.objects.create_user("approver2", "approver2@example.invalid", "pw")
    no_email = django_user_model.objects.create_user("approver3", "", "pw")
    for user in (second, no_email):
        user.groups.add(Group.objects.get(name="Comms approvers"))

    data = page_kind.form_data("A page to approve", "a-page-to-approve", "Text.")
    data["action-submit"] = "Submit"
    editor_client.post(add_url(page_kind.model, sign_off_parent), data)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["approver2@example.invalid", "approver@example.invalid"]


def test_approver_can_publish_directly(
    approver_client, page_kind, sign_off_parent, client, public_path
):
    """Approvers hold publish permission: their own edits need no second approver."""
    data = page_kind.form_data("Approver page", "approver-page", "Published at once.")
    data["action-publish"] = "Publish"
    response = approver_client.post(add_url(page_kind.model, sign_off_parent), data)
    assert response.status_code == 302
    assert page_kind.model.objects.get(slug="approver-page").live
    assert client.get(public_path("approver-page")).status_code == 200
