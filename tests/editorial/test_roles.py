"""The three groups and the "Comms sign-off" workflow exist on every database,
hold exactly the permissions the editor guide describes, and survive
`load_initial_content` untouched."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage

from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.editorial import roles

pytestmark = pytest.mark.django_db


def _page_permission_types(group):
    return {
        p.permission.codename.removesuffix("_page")
        for p in group.page_permissions.select_related("permission")
        if p.page.depth == 1
    }


def _collection_codenames(group):
    return {
        p.permission.codename for p in group.collection_permissions.select_related("permission")
    }


def test_groups_have_the_documented_page_and_media_permissions(db):
    editors = Group.objects.get(name=roles.EDITORS)
    approvers = Group.objects.get(name=roles.APPROVERS)
    admins = Group.objects.get(name=roles.ADMINISTRATORS)

    assert _page_permission_types(editors) == {"add", "change"}
    assert _page_permission_types(approvers) == {"add", "change", "publish", "lock", "unlock"}
    assert "publish" in _page_permission_types(admins)
    assert _collection_codenames(editors) == {
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    }  # fmt: skip
    assert {"delete_image", "delete_document"} <= _collection_codenames(approvers)
    for group in (editors, approvers, admins):
        assert group.permissions.filter(codename="access_admin").exists()
    assert {
        "add_user",
        "change_user",
        "change_group",
        "change_workflow",
        "change_sitesettings",
    } <= set(admins.permissions.values_list("codename", flat=True))
    # Wagtail's default groups are gone: nobody can publish by being a "Moderator".
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_comms_sign_off_covers_every_page(home):
    workflow = Workflow.objects.get(name=roles.WORKFLOW)
    assert workflow.active
    (task,) = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [roles.APPROVERS]
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    page = ContentPageFactory(parent=home)
    assert page.get_workflow() == workflow
    assert home.get_workflow() == workflow
    # Wagtail's own default workflow is switched off.
    assert not Workflow.objects.get(name="Moderators approval").active


def test_permission_checks_per_role(home, editor, approver, site_administrator):
    page = ContentPageFactory(parent=home)
    for user, can_publish in ((editor, False), (approver, True), (site_administrator, True)):
        perms = page.permissions_for_user(user)
        assert perms.can_edit()
        assert perms.can_submit_for_moderation()
        assert perms.can_publish() is can_publish
        assert perms.can_unpublish() is can_publish


@pytest.mark.parametrize(
    ("url_name", "editor_ok", "approver_ok", "admin_ok"),
    [
        ("wagtailimages:add", True, True, True),
        ("wagtaildocs:add", True, True, True),
        ("wagtailusers_users:index", False, False, True),
        ("wagtailusers_groups:index", False, False, True),
        ("wagtailadmin_workflows:index", False, False, True),
        ("editorial_guide", True, True, True),
    ],
)
def test_admin_screens_per_role(
    client, editor, approver, site_administrator, url_name, editor_ok, approver_ok, admin_ok
):
    for user, allowed in (
        (editor, editor_ok),
        (approver, approver_ok),
        (site_administrator, admin_ok),
    ):
        client.force_login(user)
        response = client.get(reverse(url_name))
        assert (response.status_code == 200) is allowed, (user, url_name, response.status_code)


def test_loader_leaves_groups_as_administrators_set_them_up(db):
    editors = Group.objects.get(name=roles.EDITORS)
    editors.collection_permissions.filter(permission__codename="add_document").delete()
    call_command("load_initial_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_initial_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "add_document" not in _collection_codenames(editors)
    assert (
        Group.objects.filter(
            name__in=[roles.EDITORS, roles.APPROVERS, roles.ADMINISTRATORS]
        ).count()
        == 3
    )
    assert Workflow.objects.filter(name=roles.WORKFLOW).count() == 1


def test_set_up_creates_missing_groups_and_workflow_on_an_old_database(db):
    from django.apps import apps

    Group.objects.filter(name__in=[roles.EDITORS, roles.APPROVERS]).delete()
    Workflow.objects.filter(name=roles.WORKFLOW).delete()
    roles.ensure_roles_and_workflow(apps)
    editors = Group.objects.get(name=roles.EDITORS)
    assert _page_permission_types(editors) == {"add", "change"}
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow.name == roles.WORKFLOW
    assert Permission.objects.filter(codename="publish_page").count() == 1


def test_loader_gives_snippet_types_to_approvers_and_only_draftable_ones_to_editors(
    client, editor, approver
):
    from wagtail.models import DraftStateMixin
    from wagtail.snippets.models import get_snippet_models

    call_command("load_initial_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    snippets = get_snippet_models()
    assert snippets, "the project registers snippet types (FAQ questions, former partnerships)"
    for model in snippets:
        label = f"{model._meta.app_label}.change_{model._meta.model_name}"
        assert approver.has_perm(label), label
        # Saving a snippet without drafts changes the live site: approvers only.
        assert editor.has_perm(label) is issubclass(model, DraftStateMixin), label
        index = reverse(model.snippet_viewset.get_url_name("list"))
        client.force_login(approver)
        assert client.get(index).status_code == 200
        client.force_login(editor)
        response = client.get(index)
        if not issubclass(model, DraftStateMixin):
            assert response.status_code in (302, 403)
