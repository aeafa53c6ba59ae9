"""The site's document model moves from the briefings app to this one (ADR 0086).

Nothing is copied. Here the model state moves (SeparateDatabaseAndState, on
the same table) and the model's content type row is relabelled, so everything
that names the model by content type (Wagtail's reference index, which decides
what is public; tags; log entries; search index entries; permissions) keeps
pointing at the same rows. The other apps' links follow in their own
migrations, then 0002 renames the table. Reversible.
"""

import django.db.models.deletion
import lscpartnerships.core.storage
import modelsearch.index
import taggit.managers
import wagtail.models.media
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    old = types.filter(app_label=old_label, model="publicdocument")
    if old.exists():
        # A row made for the new label in the meantime holds nothing yet.
        types.filter(app_label=new_label, model="publicdocument").delete()
        old.update(app_label=new_label)
    from django.contrib.contenttypes.models import ContentType as CachedContentType

    CachedContentType.objects.clear_cache()


def relabel_content_type(apps, schema_editor):
    _move_content_type(apps, schema_editor, "briefings", "documents")


def unlabel_content_type(apps, schema_editor):
    _move_content_type(apps, schema_editor, "documents", "briefings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('briefings', '0005_merge_20261125_1539'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='PublicDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                ('file_hash', models.CharField(blank=True, editable=False, max_length=40)),
                ('file', models.FileField(storage=lscpartnerships.core.storage.private_storage, upload_to='documents', verbose_name='file')),
                ('description', models.TextField(blank=True, help_text='What the document is, in a sentence (shown with the link).')),
                ('language', models.CharField(default='en-GB', help_text='Language of the document as a language tag, e.g. en-GB, cy, pl.', max_length=35)),
                ('accessible', models.BooleanField(default=False, help_text='Tick only if the file itself meets accessibility standards (tagged PDF, headings, alt text). Otherwise readers are offered an accessible format on request.')),
                ('file_type', models.CharField(blank=True, editable=False, help_text="The file's type (its checked extension, e.g. PDF), set on upload.", max_length=10)),
                ('page_count', models.PositiveIntegerField(blank=True, editable=False, help_text='Number of pages of a PDF, counted on upload (blank if it could not be counted).', null=True, verbose_name='pages')),
                ('accessibility_checks', models.JSONField(blank=True, default=dict, editable=False, help_text='Results of the automatic accessibility checks of a PDF, run on upload (documents/pdf_accessibility.py); empty if not a PDF or not checked.')),
                ('passes_accessibility_checks', models.BooleanField(blank=True, editable=False, help_text='Yes or no for a checked PDF; blank for other files or a PDF that could not be checked.', null=True, verbose_name='passes automatic accessibility checks')),
                ('download_count', models.PositiveBigIntegerField(default=0, editable=False, help_text='How many times the public has downloaded the file (no personal data kept).', verbose_name='downloads')),
                ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'permissions': [('choose_document', 'Can choose document')],
                'abstract': False,
                'db_table': 'briefings_publicdocument',
            },
            bases=(modelsearch.index.Indexed, models.Model),
        )]),
        migrations.RunPython(relabel_content_type, unlabel_content_type),
    ]
