"""Run the real migrations backwards and forwards on the test database, for
tests that prove data made under an old schema survives (they need
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)]); the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    """Every app's newest migration: migrate(latest()) undoes migrate(BEFORE)."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
