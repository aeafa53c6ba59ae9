"""The `initial_content` fixture restores a snapshot of the loaded content
(tests/helpers/snapshot.py) instead of running the loader in every test. These
check the snapshot gives what the loader gives, so the 80-odd tests that start
from it test the real initial content."""

import io
from pathlib import Path

import psycopg
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from lscpartnerships.core.factories import ContentPageFactory
from tests.helpers.snapshot import table_rows


def test_restored_rows_are_the_loaders_rows_byte_for_byte(
    initial_content, initial_content_snapshot
):
    assert initial_content_snapshot.rows, "the loader changed no table"
    with connection.cursor() as cursor:
        for table, rows in initial_content_snapshot.rows.items():
            assert table_rows(cursor.cursor, table) == rows, table


def test_the_loader_finds_everything_already_loaded(initial_content):
    out = io.StringIO()
    call_command("load_initial_content", stdout=out)
    assert "Initial content already loaded; nothing changed." in out.getvalue()


def test_every_file_the_content_names_is_in_this_tests_media(initial_content, tmp_path):
    files = []
    for model in apps.get_models():
        file_fields = [f.name for f in model._meta.fields if isinstance(f, models.FileField)]
        for obj in model.objects.all():
            files += [getattr(obj, name) for name in file_fields if getattr(obj, name)]
    assert get_image_model().objects.exists() and get_document_model().objects.exists()
    assert files
    for file in files:
        assert file.storage.exists(file.name), file.name
        assert Path(file.path).is_relative_to(tmp_path), file.path


def test_new_rows_get_new_ids_even_after_sequences_were_reset(
    db, initial_content_snapshot, media_root
):
    """A test database whose sequences start again (TransactionTestCase's
    reset_sequences does that) still gives the rows a test adds ids of their own."""
    sequence = "pg_get_serial_sequence('wagtailcore_page', 'id')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval({sequence})")  # noqa: S608 - no input
        (before,) = cursor.fetchone()
        cursor.execute(f"SELECT setval({sequence}, 1, false)")  # noqa: S608
    try:
        initial_content_snapshot.restore(media_root)
        home = Page.objects.get(depth=2).specific
        largest = Page.objects.order_by("-pk").values_list("pk", flat=True).first()
        page = ContentPageFactory(parent=home, title="After the snapshot")
        assert page.pk > largest
    finally:
        # Sequences ignore rollbacks, and this test's transaction may have failed:
        # put this one back where it was on a connection of its own.
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as own:
            own.execute(f"SELECT setval({sequence}, %s)", [before])  # noqa: S608 - no input
