"""The three editorial roles and the "Comms sign-off" workflow, as data.

Everything is expressed with Wagtail's own mechanisms: Django groups, page
permissions on the tree root (GroupPagePermission), collection permissions for
images and documents (GroupCollectionPermission) and a workflow with one
GroupApprovalTask. `ensure_roles_and_workflow(apps)` is written against an app
registry so the data migration (historical models) and the initial-content
loader (real models) share it. It only creates what does not exist: a group
that exists is left exactly as administrators have set it up, and the workflow
is attached to the root only when it is first created.
"""

from django.conf import settings

EDITORS = "Comms editors"
APPROVERS = "Comms approvers"
ADMINISTRATORS = "Site administrators"
WORKFLOW = "Comms sign-off"
TASK = "Comms approvers"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

#: Page permission types each group holds on the tree root (so on every page).
#: Editors can add and edit drafts but never publish: with a workflow on the
#: root, Wagtail lets them "Submit to Comms sign-off" and nothing more.
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    APPROVERS: ["add", "change", "publish", "lock", "unlock"],
    ADMINISTRATORS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}

#: Image and document permissions on the root collection. Wagtail checks them
#: against wagtailimages.Image and wagtaildocs.Document even with custom models.
_MEDIA = [("wagtailimages", "image"), ("wagtaildocs", "document")]
COLLECTION_PERMISSIONS = {
    EDITORS: [
        (app, f"{action}_{model}")
        for app, model in _MEDIA
        for action in ("add", "change", "choose")
    ],
    APPROVERS: [
        (app, f"{action}_{model}")
        for app, model in _MEDIA
        for action in ("add", "change", "delete", "choose")
    ],
    ADMINISTRATORS: [
        *[
            (app, f"{action}_{model}")
            for app, model in _MEDIA
            for action in ("add", "change", "delete", "choose")
        ],
        ("wagtailcore", "add_collection"),
        ("wagtailcore", "change_collection"),
        ("wagtailcore", "delete_collection"),
    ],
}


def _model_permissions(app_label, model, actions=("add", "change", "delete", "view")):
    return [(app_label, model, f"{action}_{model}") for action in actions]


def _administrator_model_permissions():
    user_app, user_model = settings.AUTH_USER_MODEL.lower().split(".")
    return [
        *_model_permissions(user_app, user_model),
        *_model_permissions("auth", "group"),
        *_model_permissions("wagtailcore", "site"),
        *_model_permissions("wagtailcore", "workflow"),
        *_model_permissions("wagtailcore", "task"),
        *_model_permissions("wagtailredirects", "redirect"),
        *_model_permissions("core", "sitesettings", ("change",)),
    ]


def _permission(apps, app_label, model, codename):
    """The Permission row, created if Django's post_migrate has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action, _, _ = codename.partition("_")
    try:
        verbose = apps.get_model(app_label, model)._meta.verbose_name_raw
    except LookupError:
        verbose = model
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {verbose}"[:255]},
    )
    return permission


def ensure_roles_and_workflow(apps):
    """Create the groups with their permissions, and the workflow, if they do not exist."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")

    groups = {}
    for name in (EDITORS, APPROVERS, ADMINISTRATORS):
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if not created:
            continue
        group.permissions.add(access_admin)
        if root_page is not None:
            for permission_type in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", "page", f"{permission_type}_page"),
                )
        if root_collection is not None:
            for app_label, codename in COLLECTION_PERMISSIONS[name]:
                model = codename.partition("_")[2]
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )
        if name == ADMINISTRATORS:
            group.permissions.add(
                *[_permission(apps, *spec) for spec in _administrator_model_permissions()]
            )

    if root_page is not None:
        ensure_workflow(apps, groups[APPROVERS], root_page)
    return groups


def ensure_workflow(apps, approvers, root_page):
    """The "Comms sign-off" workflow: one group approval task for the approvers,
    assigned to the tree root so every page on every site goes through it.

    A page has one workflow. On a new database the root carries Wagtail's
    default "Moderators approval"; ours replaces it and the old one is
    deactivated. A workflow an administrator chose for the root is left alone.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        return workflow
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
        task.groups.add(approvers)
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    current = WorkflowPage.objects.filter(page=root_page).first()
    if current is None:
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
    elif current.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        previous = current.workflow
        current.workflow = workflow
        current.save()
        if not WorkflowPage.objects.filter(workflow=previous).exists():
            previous.active = False
            previous.save(update_fields=["active"])
    return workflow


def grant_snippet_permissions(model):
    """Give the comms groups a snippet type (FAQ questions, former partnerships...).

    Approvers and site administrators manage every snippet type. Editors only get
    snippet types that have drafts (DraftStateMixin): saving any other snippet
    changes the live site at once, which would skip sign-off.
    Uses the real models: snippet types are only known once every app is loaded.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import DraftStateMixin

    name = model._meta.model_name
    permissions = Permission.objects.filter(content_type=ContentType.objects.get_for_model(model))
    everything = list(permissions)
    drafts_only = [
        p for p in everything if p.codename in {f"add_{name}", f"change_{name}", f"view_{name}"}
    ]
    grants = {APPROVERS: everything, ADMINISTRATORS: everything}
    if issubclass(model, DraftStateMixin):
        grants[EDITORS] = drafts_only
    for group_name, granted in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None and granted:
            group.permissions.add(*granted)


#: Snippet types that go through "Comms sign-off" like pages (app label, model name).
SIGN_OFF_SNIPPETS = [("decisions", "question"), ("places", "formerpartnership")]

#: What each group may do with a snippet type that has drafts: editors write and
#: submit drafts; approvers and administrators also publish, delete and lock.
SNIPPET_ACTIONS = {
    EDITORS: ("add", "change", "view"),
    APPROVERS: ("add", "change", "delete", "view", "publish", "lock", "unlock"),
    ADMINISTRATORS: ("add", "change", "delete", "view", "publish", "lock", "unlock"),
}


def ensure_snippet_sign_off(apps, app_label, model_name):
    """Put a draftable snippet type through "Comms sign-off" and give it to the roles.

    The workflow is assigned to the snippet's content type (WorkflowContentType)
    unless an administrator already chose one; permissions are added to the
    groups (nothing is taken away). Written against an app registry for data
    migrations.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    for group_name, actions in SNIPPET_ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(
                *[_permission(apps, app_label, model_name, f"{a}_{model_name}") for a in actions]
            )


def ensure_first_revisions(apps, app_label, model_name, m2m_fields=()):
    """Give every row of a snippet type that has none a first revision, live.

    Rows made before the type had drafts are live already (the `live` column
    defaults to true); recording their content as the live revision gives
    editors a starting point to compare and revert to. Serialised the way
    modelcluster serialises revisions (fields by name, many-to-many as pk lists).
    """
    from django.utils import timezone
    from modelcluster.models import get_serializable_data_for_fields

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    model = apps.get_model(app_label, model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    now = timezone.now()
    for obj in model.objects.filter(latest_revision__isnull=True):
        content = get_serializable_data_for_fields(obj)
        for name in m2m_fields:
            content[name] = list(getattr(obj, name).values_list("pk", flat=True))
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(obj.pk),
            created_at=now,
            object_str=str(getattr(obj, "question", None) or getattr(obj, "name", obj.pk)),
            content=content,
        )
        model.objects.filter(pk=obj.pk).update(
            latest_revision=revision,
            live_revision=revision,
            live=True,
            has_unpublished_changes=False,
            first_published_at=obj.first_published_at or now,
            last_published_at=obj.last_published_at or now,
        )
