"""FAQ questions and former partnerships go through "Comms sign-off" like pages.

Their types gained drafts, revisions, locking and workflows (decisions and places
migrations 0002). This assigns the workflow to both snippet types, gives the comms
groups the new permissions (editors: drafts; approvers: publish and lock), and
records each existing row, which stays live, as its first (live) revision.
"""

from django.db import migrations

from lscpartnerships.editorial.roles import (
    SIGN_OFF_SNIPPETS,
    ensure_first_revisions,
    ensure_snippet_sign_off,
)

M2M_FIELDS = {("places", "formerpartnership"): ("successors",)}


def forwards(apps, schema_editor):
    for app_label, model_name in SIGN_OFF_SNIPPETS:
        ensure_snippet_sign_off(apps, app_label, model_name)
        ensure_first_revisions(
            apps, app_label, model_name, M2M_FIELDS.get((app_label, model_name), ())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("decisions", "0002_snippet_drafts_and_sign_off"),
        ("places", "0002_snippet_drafts_and_sign_off"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
