"""The document model moved from the briefings app to the documents app
(docs/decisions/0086). Documents made before the move, and every link to them
(briefing attachments, board papers, accessible-format requests, rich-text
links recorded in Wagtail's reference index, tags), survive it: same rows,
same ids, still public where they were.

Runs the real migrations backwards and forwards on the test database.
"""

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from briefings.models import BriefingAttachment
from decisions.factories import BoardDecisionIndexPageFactory, BoardDecisionPageFactory
from decisions.models import BoardDecisionPage
from documents.factories import PublicDocumentFactory
from documents.models import PublicDocument
from format_requests.models import FormatRequest
from lscpartnerships.core.factories import ContentPageFactory
from tests.helpers.migrations import latest, migrate

#: The last migrations before the move.
BEFORE = [
    ("briefings", "0005_merge_20261125_1539"),
    ("decisions", "0003_meeting_date_optional_in_drafts"),
    ("format_requests", "0002_grant_queue_to_comms_groups"),
    ("documents", None),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documents_and_every_link_to_them_survive_the_move(client, home):
    # Made with today's code: a live page linking a document from rich text
    # (Wagtail's reference index records the use under the model's content type).
    linked = PublicDocumentFactory(title="Linked from rich text")
    linked.tags.add("governance")
    ContentPageFactory(
        parent=home,
        body=[("rich_text", f'<p><a linktype="document" id="{linked.pk}">Paper</a></p>')],
    )
    briefing = BriefingPageFactory(parent=BriefingIndexPageFactory(parent=home))
    decision = BoardDecisionPageFactory(parent=BoardDecisionIndexPageFactory(parent=home))
    content_type_id = ContentType.objects.get_for_model(PublicDocument).pk
    assert client.get(linked.url).status_code == 200

    try:
        old_apps = migrate(BEFORE)
        tables = connection.introspection.table_names()
        assert "briefings_publicdocument" in tables and "documents_publicdocument" not in tables
        # As on a site that never had the documents app: the model's content
        # type is labelled briefings (the reverse migration relabels it back).
        old_types = old_apps.get_model("contenttypes", "ContentType").objects
        old_types.filter(pk=content_type_id).update(app_label="briefings")
        ContentType.objects.clear_cache()
        OldDocument = old_apps.get_model("briefings", "PublicDocument")
        assert OldDocument.objects.get(pk=linked.pk).title == "Linked from rich text"
        # Made with the old code: a document linked from every kind of link.
        paper = OldDocument.objects.create(
            title="Board paper",
            file="documents/board-paper.pdf",
            file_type="PDF",
            file_size=2048,
            page_count=3,
            language="cy",
            accessible=True,
            download_count=7,
        )
        old_apps.get_model("briefings", "BriefingAttachment").objects.create(
            page_id=briefing.pk, document_id=paper.pk, sort_order=0
        )
        old_apps.get_model("decisions", "BoardDecisionPage").objects.filter(pk=decision.pk).update(
            board_paper_id=paper.pk
        )
        old_apps.get_model("format_requests", "FormatRequest").objects.create(
            document_id=paper.pk, document_title="Board paper", format="large_print",
            reply_by="2026-01-01",
        )  # fmt: skip
    finally:
        migrate(latest())
        # The relabelling above emptied the process-wide content-type cache; fill
        # it again, or the next transactional test's reload of the database
        # (serialized_rollback) creates content types that then clash.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*django_apps.get_models())

    tables = connection.introspection.table_names()
    assert "documents_publicdocument" in tables and "briefings_publicdocument" not in tables
    moved = PublicDocument.objects.get(pk=paper.pk)
    assert (moved.title, moved.file.name, moved.page_count, moved.language) == (
        "Board paper",
        "documents/board-paper.pdf",
        3,
        "cy",
    )
    assert (moved.accessible, moved.download_count, moved.meta_text) == (
        True,
        7,
        "PDF, 2 KB, 3 pages",
    )
    assert BriefingAttachment.objects.get(page_id=briefing.pk).document == moved
    assert BoardDecisionPage.objects.get(pk=decision.pk).board_paper == moved
    assert FormatRequest.objects.get().document == moved

    # The same content type row, relabelled: the reference index, tags and
    # permissions that name it still find the document.
    assert ContentType.objects.get_for_model(PublicDocument).pk == content_type_id
    assert not ContentType.objects.filter(app_label="briefings", model="publicdocument").exists()
    assert list(PublicDocument.objects.get(pk=linked.pk).tags.names()) == ["governance"]
    response = client.get(linked.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    # The database's foreign keys followed the renamed table.
    for table, column in [
        ("briefings_briefingattachment", "document_id"),
        ("decisions_boarddecisionpage", "board_paper_id"),
        ("format_requests_formatrequest", "document_id"),
    ]:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        targets = [c["foreign_key"] for c in constraints.values() if c["columns"] == [column]]
        assert ("documents_publicdocument", "id") in targets, table
