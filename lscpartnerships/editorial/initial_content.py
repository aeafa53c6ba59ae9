"""Editorial set-up run by load_initial_content: groups, the sign-off workflow and
permissions for snippet types.

The data migration (migrations/0001_roles_and_workflow.py) already creates the
groups and workflow on every new database. Running the same set-up once from the
loader covers a database restored from a dump made before that migration: it
creates only groups and the workflow that do not exist (an existing group is left
exactly as administrators set it up), and is recorded, so it never runs again.

Snippet types belong to other apps and can appear at any time, so each one is
granted to the comms groups once, the first time the loader sees it (see
`roles.grant_snippet_permissions`); an administrator's later changes stand.
"""

from django.apps import apps
from wagtail.snippets.models import get_snippet_models

from .roles import ensure_roles_and_workflow, grant_snippet_permissions


def load(loader):
    """Create the editorial groups and workflow once (see core/loading.py)."""
    loader.do_once("editorial:roles-and-workflow", lambda: ensure_roles_and_workflow(apps))
    for model in get_snippet_models():
        loader.do_once(
            f"editorial:snippet-permissions:{model._meta.label_lower}",
            lambda model=model: grant_snippet_permissions(model),
        )
