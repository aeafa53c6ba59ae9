import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The profile's place becomes a typed link to a place page; its reverse
    (`directors`) is how a place page finds its director."""

    dependencies = [
        ("directors", "0002_director_place_single_source"),
        ("places", "0003_placelink"),
    ]

    operations = [
        migrations.AlterField(
            model_name="directorprofilepage",
            name="place",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The place-based partnership this director leads. The place's page shows "
                    "this director."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="directors",
                to="places.placepartnershippage",
            ),
        ),
    ]
