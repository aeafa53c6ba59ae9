"""The comms groups answer accessible-format requests: they may see and
update the queue (not add or delete requests). Groups an administrator has
removed are left alone."""

from django.db import migrations

GROUPS = ("Comms editors", "Comms approvers", "Site administrators")
CODENAMES = ("view_formatrequest", "change_formatrequest")


def grant(apps, schema_editor):
    from lscpartnerships.editorial.roles import _permission

    Group = apps.get_model("auth", "Group")
    permissions = [_permission(apps, "format_requests", "formatrequest", c) for c in CODENAMES]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("format_requests", "0001_format_request"),
        ("editorial", "0001_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
