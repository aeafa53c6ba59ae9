"""Copy each place's director link onto the director's profile, which becomes
the only record of who leads a place (docs/decisions/0080-typed-page-relations.md).

- A place names director D and D names no place: D now names that place.
- D already names a place: D's own link stands (a different place naming D
  is reported; the two could not both be kept with one link per director).
- D names a page that is not a place: the link is cleared (reported), unless
  a place names D, whose link then takes its place.

Backwards, each place gets back the first director (by tree order) naming it.
"""

from django.db import migrations


def _report(message):
    print(f"\n  directors 0002: {message}", end="")


def copy_place_director_to_profile(apps, schema_editor):
    Place = apps.get_model("places", "PlacePartnershipPage")
    Director = apps.get_model("directors", "DirectorProfilePage")
    place_ids = set(Place.objects.values_list("pk", flat=True))
    directors = {d.pk: d for d in Director.objects.order_by("path")}

    # Links to pages that are not places cannot survive the typed link.
    for director in directors.values():
        if director.place_id and director.place_id not in place_ids:
            _report(f"profile {director.pk} named page {director.place_id}, not a place: cleared")
            director.place_id = None
            director.save(update_fields=["place"])

    for place in Place.objects.exclude(director=None).order_by("path"):
        director = directors.get(place.director_id)
        if director is None:
            _report(f"place {place.pk} named page {place.director_id}, not a director: dropped")
            continue
        if director.place_id is None:
            director.place_id = place.pk
            director.save(update_fields=["place"])
        elif director.place_id != place.pk:
            _report(
                f"place {place.pk} named director {director.pk}, who names place "
                f"{director.place_id}: the director's link stands"
            )


def copy_profile_place_to_place(apps, schema_editor):
    Place = apps.get_model("places", "PlacePartnershipPage")
    Director = apps.get_model("directors", "DirectorProfilePage")
    for director in Director.objects.exclude(place=None).order_by("path"):
        Place.objects.filter(pk=director.place_id, director=None).update(director_id=director.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("directors", "0001_initial"),
        ("places", "0003_placelink"),
    ]

    operations = [
        migrations.RunPython(copy_place_director_to_profile, copy_profile_place_to_place),
    ]
