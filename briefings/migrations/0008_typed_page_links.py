import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Typed links to the decision and FAQ page; the briefings' own place-link
    table goes (its rows now live in places.PlaceLink, 0006)."""

    dependencies = [
        ("briefings", "0007_place_links_to_places"),
        ("decisions", "0003_meeting_date_optional_in_drafts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="briefingpage",
            name="related_decision",
            field=models.ForeignKey(
                blank=True,
                help_text="The board decision this briefing explains (optional).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="briefings",
                to="decisions.boarddecisionpage",
                verbose_name="related board decision",
            ),
        ),
        migrations.AlterField(
            model_name="briefingpage",
            name="related_faq",
            field=models.ForeignKey(
                blank=True,
                help_text="The frequently asked questions that go with this briefing (optional).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="briefings",
                to="decisions.faqpage",
                verbose_name="related FAQ page",
            ),
        ),
        migrations.DeleteModel(name="BriefingPlace"),
    ]
