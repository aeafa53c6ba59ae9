"""The document model moved to the documents app (ADR 0086): its table and rows
now belong to that app (documents/migrations/0001), so here only the migration
state changes: attachments point at documents.PublicDocument, and
briefings.PublicDocument leaves the state without touching the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('briefings', '0005_merge_20261125_1539'),
        ('decisions', '0004_board_paper_links_documents_app'),
        ('documents', '0001_document_model_moves_from_briefings'),
        ('format_requests', '0003_document_links_documents_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='briefingattachment',
                    name='document',
                    field=models.ForeignKey(help_text='The file. Its title is the link text, followed by its type, size and pages, e.g. “Stakeholder briefing (PDF, 312 KB, 8 pages)”.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='documents.publicdocument'),
                ),
                migrations.DeleteModel(name='PublicDocument'),
            ],
        ),
    ]
