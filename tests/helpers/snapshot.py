"""Test data that is slow to build, built once per session and put back in
each test's own transaction.

Loading the initial content takes about five seconds (every seed page with its
revisions, images and their renditions, PDFs), and some 80 tests start from it.
Django's answer for a class of tests is `setUpTestData`: build once inside a
transaction the class's tests nest in. pytest functions have no class, so this
does the same for the session:

- `DatabaseSnapshot.capture(build, folder)` runs `build()` inside a transaction,
  copies out (PostgreSQL COPY) every table it changed and the files it wrote,
  and rolls the transaction back, leaving the test database as it was;
- `snapshot.restore(folder)`, inside a test's transaction, replaces those
  tables' rows with the copies (rolled back with the test, as any test data is)
  and copies the files into the test's own media folders (the `media_root`
  fixture's folder: media/ and private/).

The rows are copied byte for byte, ids included, so what a test sees is what
`build()` made; tests/core/test_test_data_snapshot.py checks that.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from psycopg import sql


def table_rows(cursor, table):
    """Every row of `table` as PostgreSQL's COPY text, in a stable order."""
    query = sql.SQL("COPY (SELECT * FROM {} ORDER BY 1) TO STDOUT").format(sql.Identifier(table))
    with cursor.copy(query) as copy:
        return b"".join(bytes(block) for block in copy)


def tables_rows():
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        return {name: table_rows(cursor.cursor, name) for name in names}


@dataclass(frozen=True)
class DatabaseSnapshot:
    rows: dict  # table name -> COPY text of every row build() left in it
    files: Path  # media/ and private/ as build() left them

    @classmethod
    def capture(cls, build, folder):
        """Run `build()` with MEDIA_ROOT and PRIVATE_MEDIA_ROOT in `folder`;
        keep what it changed; leave the database as it found it."""
        if connection.vendor != "postgresql":
            raise RuntimeError("Database snapshots copy rows with PostgreSQL's COPY.")
        folder = Path(folder)
        media = {"MEDIA_ROOT": str(folder / "media"), "PRIVATE_MEDIA_ROOT": str(folder / "private")}
        with override_settings(**media), transaction.atomic():
            before = tables_rows()
            build()
            after = tables_rows()
            transaction.set_rollback(True)
        changed = {table: rows for table, rows in after.items() if before.get(table) != rows}
        return cls(rows=changed, files=folder)

    def restore(self, folder):
        """Put the snapshot's rows in place for one test (its transaction undoes
        them) and its files in `folder`, laid out as `media_root` sets MEDIA_ROOT
        and PRIVATE_MEDIA_ROOT (folder/media, folder/private)."""
        with connection.cursor() as cursor:
            for table in self.rows:
                cursor.cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
            for table, rows in self.rows.items():
                query = sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(table))
                with cursor.cursor.copy(query) as copy:
                    copy.write(rows)
            # New rows in the test must not reuse the snapshot's ids (loaddata does the same).
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in self.rows
            ]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        shutil.copytree(self.files, folder, dirs_exist_ok=True)
