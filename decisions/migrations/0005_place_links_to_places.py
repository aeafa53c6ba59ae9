"""Copy every decision's place links into places.PlaceLink, in the same order,
and clear page links that the typed fields cannot hold
(docs/decisions/0080-typed-page-relations.md).

An empty link row (no place) is not a link and is not copied. A link whose
target is not a place page (or a replacement that is not a board decision, a
FAQ link that is not a FAQ page) cannot survive the typed foreign key: it is
reported, then dropped. Backwards, the places links of decisions are moved
back into the decisions' own table.
"""

from django.db import migrations


def _report(message):
    print(f"\n  decisions 0005: {message}", end="")


def forwards(apps, schema_editor):
    BoardDecisionPlace = apps.get_model("decisions", "BoardDecisionPlace")
    Decision = apps.get_model("decisions", "BoardDecisionPage")
    FAQPage = apps.get_model("decisions", "FAQPage")
    PlaceLink = apps.get_model("places", "PlaceLink")
    Place = apps.get_model("places", "PlacePartnershipPage")

    place_ids = set(Place.objects.values_list("pk", flat=True))
    links = []
    for link in BoardDecisionPlace.objects.exclude(place=None).order_by(
        "decision_id", "sort_order", "pk"
    ):
        if link.place_id not in place_ids:
            _report(
                f"decision {link.decision_id} linked to page {link.place_id}, not a place: dropped"
            )
            continue
        links.append(
            PlaceLink(page_id=link.decision_id, place_id=link.place_id, sort_order=link.sort_order)
        )
    PlaceLink.objects.bulk_create(links)

    for field, model in (("superseded_by", Decision), ("related_faq_page", FAQPage)):
        wrong = Decision.objects.exclude(**{f"{field}_id": None}).exclude(
            **{f"{field}_id__in": model.objects.values("pk")}
        )
        for pk, target in wrong.values_list("pk", f"{field}_id"):
            _report(f"decision {pk}: {field} named page {target}, not a {model.__name__}: cleared")
        wrong.update(**{f"{field}_id": None})


def backwards(apps, schema_editor):
    BoardDecisionPlace = apps.get_model("decisions", "BoardDecisionPlace")
    Decision = apps.get_model("decisions", "BoardDecisionPage")
    PlaceLink = apps.get_model("places", "PlaceLink")
    links = PlaceLink.objects.filter(page_id__in=Decision.objects.values("pk"))
    BoardDecisionPlace.objects.bulk_create(
        BoardDecisionPlace(
            decision_id=link.page_id, place_id=link.place_id, sort_order=link.sort_order
        )
        for link in links.order_by("page_id", "sort_order", "pk")
    )
    links.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_board_paper_links_documents_app"),
        ("places", "0003_placelink"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
