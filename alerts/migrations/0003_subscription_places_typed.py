"""A subscription's places become a typed link to place pages (ADR 0080).

Subscribers only ever choose from the public places, so every row already
points at a place page (whose id is its page's id); a row that somehow does
not is dropped first, or the new foreign key could not be made."""

from django.db import migrations, models


def drop_links_to_other_pages(apps, schema_editor):
    Subscription = apps.get_model("alerts", "Subscription")
    Place = apps.get_model("places", "PlacePartnershipPage")
    Subscription.places.through.objects.exclude(
        page_id__in=Place.objects.values("pk")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0002_grant_addresses_to_site_administrators"),
        ("places", "0004_remove_placepartnershippage_director"),
    ]

    operations = [
        migrations.RunPython(drop_links_to_other_pages, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="subscription",
            name="places",
            field=models.ManyToManyField(
                blank=True,
                help_text="Only these places; none chosen means every place.",
                related_name="+",
                to="places.placepartnershippage",
            ),
        ),
    ]
