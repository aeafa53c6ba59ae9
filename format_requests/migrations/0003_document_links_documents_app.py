"""The document model moved to the documents app (ADR 0086): the same table, so
only the migration state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_document_model_moves_from_briefings'),
        ('format_requests', '0002_grant_queue_to_comms_groups'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.AlterField(
            model_name='formatrequest',
            name='document',
            field=models.ForeignKey(blank=True, help_text='The document asked for (blank if it has since been deleted).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='documents.publicdocument'),
        )]),
    ]
