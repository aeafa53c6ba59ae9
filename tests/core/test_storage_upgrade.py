"""Upgrading a site that kept documents and original images in MEDIA_ROOT:
the data migrations (briefings 0003, core 0004) move them to the private
store, once, under the same names, so no link or row changes."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from documents.factories import PublicDocumentFactory
from documents.models import PublicDocument
from lscpartnerships.core.storage import move_files, private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_folders(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private_media")
    return tmp_path


def old_layout_document(title, name, content):
    """A document as an earlier version stored it: the file in MEDIA_ROOT."""
    document = PublicDocumentFactory(title=title)
    private_storage().delete(document.file.name)
    stored = default_storage.save(f"documents/{name}", ContentFile(content))
    PublicDocument.objects.filter(pk=document.pk).update(file=stored)
    return PublicDocument.objects.get(pk=document.pk)


def test_move_files_moves_each_file_once_keeping_its_name(settings):
    document = old_layout_document("Old paper", "old-paper.pdf", b"%PDF-1.4 old paper")
    name = document.file.name
    assert Path(settings.MEDIA_ROOT, name).is_file()

    assert move_files([name, "", None, "documents/never-existed.pdf"]) == 1
    assert not Path(settings.MEDIA_ROOT, name).exists()
    assert Path(settings.PRIVATE_MEDIA_ROOT, name).read_bytes() == b"%PDF-1.4 old paper"
    assert move_files([name]) == 0  # twice is harmless
    assert document.file.open("rb").read() == b"%PDF-1.4 old paper"


def test_the_data_migration_moves_existing_documents(settings):
    document = old_layout_document("Old paper", "old-paper.pdf", b"%PDF-1.4 old paper")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    state = executor.loader.project_state(("briefings", "0003_document_files_in_private_storage"))
    # The table has been renamed since (documents 0002, ADR 0086): run the old
    # migration's code on today's table.
    state.models["briefings", "publicdocument"].options["db_table"] = PublicDocument._meta.db_table
    migration = executor.loader.get_migration("briefings", "0003_document_files_in_private_storage")
    move = migration.operations[0]
    with connection.schema_editor() as editor:
        move.database_forwards("briefings", editor, state, state)
    assert Path(settings.PRIVATE_MEDIA_ROOT, document.file.name).is_file()
    assert not Path(settings.MEDIA_ROOT, document.file.name).exists()
    with connection.schema_editor() as editor:
        move.database_backwards("briefings", editor, state, state)
    assert Path(settings.MEDIA_ROOT, document.file.name).is_file()
