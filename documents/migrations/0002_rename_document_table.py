"""briefings_publicdocument becomes documents_publicdocument (ADR 0086).

Only once no model in the migration state points at briefings.PublicDocument
any more (briefings 0006), so no later migration can name the old table.
PostgreSQL and SQLite carry the foreign keys from briefing attachments, board
papers and format requests over to the renamed table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('briefings', '0006_document_model_moves_to_documents_app'),
        ('documents', '0001_document_model_moves_from_briefings'),
    ]

    operations = [
        migrations.AlterModelTable(name='publicdocument', table=None),
    ]
