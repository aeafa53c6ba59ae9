import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """One place-link model for every page about places (briefings, board
    decisions); their own link tables are copied into it by their apps'
    next migrations (docs/decisions/0080-typed-page-relations.md)."""

    dependencies = [
        ("places", "0002_snippet_drafts_and_sign_off"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PlaceLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="place_links",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        help_text="A place-based partnership this page is about.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="page_links",
                        to="places.placepartnershippage",
                    ),
                ),
            ],
            options={
                "verbose_name": "place",
                "verbose_name_plural": "places",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
    ]
