"""Editorial set-up run by load_initial_content: groups and the sign-off workflow.

The data migration (migrations/0001_roles_and_workflow.py) already creates them
on every new database. Running the same set-up once from the loader covers a
database restored from a dump made before that migration: it creates only
groups and the workflow that do not exist (an existing group is left exactly as
administrators set it up), and is recorded, so it never runs again.
"""

from django.apps import apps

from .roles import ensure_roles_and_workflow


def load(loader):
    """Create the editorial groups and workflow once (see core/loading.py)."""
    loader.do_once("editorial:roles-and-workflow", lambda: ensure_roles_and_workflow(apps))
