import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A place's director is now only the director's own link to the place
    (directors 0002 copied every place → director link onto the profile)."""

    dependencies = [
        ("places", "0003_placelink"),
        ("directors", "0002_director_place_single_source"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RemoveField(model_name="placepartnershippage", name="director"),
    ]
