"""Subscriber addresses are visible to administrators only: the "Site
administrators" group may list, correct and delete subscriptions (for
example on a data-protection request). Editors and approvers get nothing."""

from django.db import migrations

CODENAMES = ("view_subscription", "change_subscription", "delete_subscription")


def grant(apps, schema_editor):
    from lscpartnerships.editorial.roles import _permission

    Group = apps.get_model("auth", "Group")
    permissions = [_permission(apps, "alerts", "subscription", c) for c in CODENAMES]
    for group in Group.objects.filter(name="Site administrators"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_subscriptions_alerts_deliveries"),
        ("editorial", "0001_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
