"""The document model moved to the documents app (ADR 0086): the same table, so
only the migration state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0003_meeting_date_optional_in_drafts'),
        ('documents', '0001_document_model_moves_from_briefings'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.AlterField(
            model_name='boarddecisionpage',
            name='board_paper',
            field=models.ForeignKey(blank=True, help_text='The paper presented to the board, if it is published (optional).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='documents.publicdocument'),
        )]),
    ]
