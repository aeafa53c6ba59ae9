import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Typed links to the replacing decision and the FAQ page; the decisions'
    own place-link table goes (its rows now live in places.PlaceLink, 0004)."""

    dependencies = [
        ("decisions", "0005_place_links_to_places"),
    ]

    operations = [
        migrations.AlterField(
            model_name="boarddecisionpage",
            name="related_faq_page",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The frequently asked questions page that answers questions about this "
                    "decision."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="decisions.faqpage",
                verbose_name="related FAQ page",
            ),
        ),
        migrations.AlterField(
            model_name="boarddecisionpage",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The decision that replaced this one. Required when the status is Superseded.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="decisions.boarddecisionpage",
            ),
        ),
        migrations.DeleteModel(name="BoardDecisionPlace"),
    ]
