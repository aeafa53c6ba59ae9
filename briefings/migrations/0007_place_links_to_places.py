"""Copy every briefing's place links into places.PlaceLink, in the same order,
and clear page links that the typed fields cannot hold
(docs/decisions/0080-typed-page-relations.md).

A link whose target is not a place page (or a decision link that is not a
board decision, a FAQ link that is not a FAQ page) cannot survive the typed
foreign key: it is reported, then dropped. Backwards, the places links of
briefings are moved back into the briefings' own table.
"""

from django.db import migrations


def _report(message):
    print(f"\n  briefings 0007: {message}", end="")


def forwards(apps, schema_editor):
    BriefingPlace = apps.get_model("briefings", "BriefingPlace")
    BriefingPage = apps.get_model("briefings", "BriefingPage")
    PlaceLink = apps.get_model("places", "PlaceLink")
    Place = apps.get_model("places", "PlacePartnershipPage")
    Decision = apps.get_model("decisions", "BoardDecisionPage")
    FAQPage = apps.get_model("decisions", "FAQPage")

    place_ids = set(Place.objects.values_list("pk", flat=True))
    links = []
    for link in BriefingPlace.objects.order_by("page_id", "sort_order", "pk"):
        if link.place_id not in place_ids:
            _report(f"briefing {link.page_id} linked to page {link.place_id}, not a place: dropped")
            continue
        links.append(
            PlaceLink(page_id=link.page_id, place_id=link.place_id, sort_order=link.sort_order)
        )
    PlaceLink.objects.bulk_create(links)

    for field, model in (("related_decision", Decision), ("related_faq", FAQPage)):
        wrong = BriefingPage.objects.exclude(**{f"{field}_id": None}).exclude(
            **{f"{field}_id__in": model.objects.values("pk")}
        )
        for pk, target in wrong.values_list("pk", f"{field}_id"):
            _report(f"briefing {pk}: {field} named page {target}, not a {model.__name__}: cleared")
        wrong.update(**{f"{field}_id": None})


def backwards(apps, schema_editor):
    BriefingPlace = apps.get_model("briefings", "BriefingPlace")
    BriefingPage = apps.get_model("briefings", "BriefingPage")
    PlaceLink = apps.get_model("places", "PlaceLink")
    links = PlaceLink.objects.filter(page_id__in=BriefingPage.objects.values("pk"))
    BriefingPlace.objects.bulk_create(
        BriefingPlace(page_id=link.page_id, place_id=link.place_id, sort_order=link.sort_order)
        for link in links.order_by("page_id", "sort_order", "pk")
    )
    links.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0006_document_model_moves_to_documents_app"),
        ("places", "0003_placelink"),
        ("decisions", "0003_meeting_date_optional_in_drafts"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
