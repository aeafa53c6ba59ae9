"""An editor cannot make anything public without sign-off, whichever admin URL
they try: publish buttons, workflow actions, bulk actions, revision revert,
copy (with "publish copies" or as an alias), move, schedules, privacy and
unpublish. Each attempt is made with the real admin views and checked by what
the public would see."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lscpartnerships.core.factories import ContentPageFactory

from .conftest import add_url, edit_url

pytestmark = pytest.mark.django_db


def _refused(response):
    """Wagtail answers a refused admin action with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def _published_page_count(model):
    return model.objects.live().count()


@pytest.fixture
def draft(editor_client, page_kind, sign_off_parent):
    """A page the editor created (as a draft, through the admin)."""
    data = page_kind.form_data("Editor draft", "editor-draft", "Not approved.")
    response = editor_client.post(add_url(page_kind.model, sign_off_parent), data)
    assert response.status_code == 302
    page = page_kind.model.objects.get(slug="editor-draft")
    assert not page.live
    return page


@pytest.fixture
def live_page(home, editor):
    """A published page the editor may edit, as approvers left it."""
    page = ContentPageFactory(parent=home, title="Approved page", slug="approved-page")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_create_with_publish_button_only_saves_a_draft(
    client, editor_client, page_kind, sign_off_parent, public_path
):
    before = _published_page_count(page_kind.model)
    data = page_kind.form_data("Sneaky page", "sneaky-page", "Published?")
    data["action-publish"] = "Publish"
    editor_client.post(add_url(page_kind.model, sign_off_parent), data)
    page = page_kind.model.objects.get(slug="sneaky-page")
    assert not page.live
    assert _published_page_count(page_kind.model) == before
    assert client.get(public_path("sneaky-page")).status_code == 404


def test_create_page_does_not_offer_a_publish_button(editor_client, page_kind, sign_off_parent):
    html = editor_client.get(add_url(page_kind.model, sign_off_parent)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_edit_with_publish_button_only_saves_a_draft(
    client, editor_client, page_kind, draft, public_path
):
    data = page_kind.form_data("Editor draft", "editor-draft", "Still not approved.")
    data["action-publish"] = "Publish"
    editor_client.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(public_path("editor-draft")).status_code == 404
    assert 'name="action-publish"' not in editor_client.get(edit_url(draft)).content.decode()


def test_edit_with_publish_button_leaves_the_live_page_unchanged(
    client, editor_client, content_kind, live_page
):
    data = content_kind.form_data("Approved page", "approved-page", "Unapproved change.")
    data["action-publish"] = "Publish"
    editor_client.post(edit_url(live_page), data)
    html = client.get("/approved-page/").content.decode()
    assert "Unapproved change." not in html
    live_page.refresh_from_db()
    assert live_page.has_unpublished_changes


def test_editor_cannot_approve_their_own_submission(
    client, editor_client, page_kind, draft, public_path
):
    data = page_kind.form_data("Editor draft", "editor-draft", "Submitted.")
    data["action-submit"] = "Submit"
    editor_client.post(edit_url(draft), data)
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    assert task_state is not None

    # The workflow action URL refuses them...
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    assert _refused(editor_client.post(url, {"comment": ""}))
    # ...and so does the edit form's workflow action.
    data = page_kind.form_data("Editor draft", "editor-draft", "Submitted.")
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    editor_client.post(edit_url(draft), data)
    # ...and the "collect data then act" modal endpoint.
    collect = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[draft.pk, "approve", task_state.pk],
    )
    assert _refused(editor_client.post(collect, {"comment": ""}))

    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_task_state.status == "in_progress"
    assert client.get(public_path("editor-draft")).status_code == 404


def test_bulk_publish_action_refuses(client, editor_client, draft, public_path):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    editor_client.post(f"{url}?id={draft.pk}", {"include_descendants": "on"})
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(public_path("editor-draft")).status_code == 404


def test_reverting_to_a_revision_with_publish_only_saves_a_draft(
    client, editor_client, content_kind, live_page
):
    old_revision = live_page.live_revision
    live_page.body = [("rich_text", "<p>Newer approved text.</p>")]
    live_page.save_revision().publish()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[live_page.pk, old_revision.pk])
    data = content_kind.form_data("Reverted without approval", "approved-page", "Reverted text.")
    data["action-publish"] = "Publish"
    editor_client.post(url, data)
    html = client.get("/approved-page/").content.decode()
    assert "Newer approved text." in html
    assert "Reverted without approval" not in html


@pytest.mark.parametrize("option", ["publish_copies", "alias"])
def test_copy_with_publish_or_as_alias_makes_nothing_live(
    client, editor_client, home, live_page, option
):
    url = reverse("wagtailadmin_pages:copy", args=[live_page.pk])
    editor_client.post(
        url,
        {
            "new_title": "Copied page",
            "new_slug": "copied-page",
            "new_parent_page": home.pk,
            option: "on",
        },
    )
    assert client.get("/copied-page/").status_code == 404
    assert not type(live_page).objects.filter(slug="copied-page", live=True).exists()


def test_move_does_not_publish_and_live_pages_cannot_be_moved(
    client, editor_client, content_kind, home, live_page
):
    data = content_kind.form_data("Draft to move", "draft-to-move", "Not approved.")
    editor_client.post(add_url(content_kind.model, home), data)
    draft = content_kind.model.objects.get(slug="draft-to-move")
    target = ContentPageFactory(parent=home, title="Target", slug="target")
    editor_client.post(reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, target.pk]))
    draft.refresh_from_db()
    assert draft.get_parent().pk == target.pk
    assert not draft.live
    assert client.get("/target/draft-to-move/").status_code == 404

    response = editor_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[live_page.pk, target.pk])
    )
    assert _refused(response)
    assert client.get("/approved-page/").status_code == 200


def test_a_go_live_time_without_approval_publishes_nothing(
    client, editor_client, page_kind, draft, public_path
):
    past = timezone.now() - datetime.timedelta(minutes=5)
    data = page_kind.form_data(
        "Editor draft",
        "editor-draft",
        "Scheduled by an editor.",
        go_live_at=timezone.localtime(past).strftime("%Y-%m-%d %H:%M"),
    )
    data["action-publish"] = "Publish"
    editor_client.post(edit_url(draft), data)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(public_path("editor-draft")).status_code == 404


def test_editor_cannot_unpublish_unschedule_or_change_privacy(client, editor_client, live_page):
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[live_page.pk])
    assert _refused(editor_client.post(unpublish))
    privacy = reverse("wagtailadmin_pages:set_privacy", args=[live_page.pk])
    assert _refused(editor_client.post(privacy, {"restriction_type": "login"}))
    unschedule = reverse(
        "wagtailadmin_pages:revisions_unschedule",
        args=[live_page.pk, live_page.live_revision_id],
    )
    assert _refused(editor_client.post(unschedule))
    delete = reverse("wagtailadmin_pages:delete", args=[live_page.pk])
    assert _refused(editor_client.post(delete))
    assert client.get("/approved-page/").status_code == 200
