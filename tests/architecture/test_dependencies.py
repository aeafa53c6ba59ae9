"""What may import what (docs/architecture.md), checked on the import graph.

1. No circular imports between project modules, at module level or inside
   functions (tests/architecture/imports.py reads every import).
2. The platform (lscpartnerships.*) imports no domain app: it names their
   models by string ("briefings.BriefingPage") or asks Wagtail
   (get_document_model()).
3. A domain app imports another domain app only through what that app
   publishes below: documented link models and services, and factories from
   factories (test data builds its own parents). Everything else in an app is
   its own business. Model references by string ("places.PlacePartnershipPage",
   get_document_model_string()) import nothing and are always allowed.

Adding to PUBLISHED is a design decision: say why in docs/architecture.md.
"""

from .imports import DOMAIN_APPS, PLATFORM, Import, app_of, cycles, imports

#: Module → the names other domain apps may import from it.
PUBLISHED = {
    # The PDF writer that makes text-only PDF versions of pages. (The document
    # model itself is reached through Wagtail: get_document_model(), or
    # get_document_model_string() in a foreign key.)
    "documents.pdf": {"write_text_pdf"},
    # The place link owned by places (docs/decisions/0080-typed-page-relations.md):
    # the one inline that says what a page is about, the mixin that gives a
    # linking page its `places`, the public places a form may offer, and the
    # prefetch of public place links a listing or feed shows.
    "places.links": {"PlaceLink", "PlaceLinksMixin", "public_places", "public_place_links"},
}


def is_allowed(edge):
    importer_app, target_app = app_of(edge.importer), app_of(edge.target)
    if importer_app == target_app or target_app not in DOMAIN_APPS:
        return True
    if importer_app in PLATFORM:
        return False
    if edge.importer.endswith(".factories") and edge.target.endswith(".factories"):
        return True
    return edge.name is not None and edge.name in PUBLISHED.get(edge.target, ())


def forbidden(edges):
    return [
        f"{edge.where} imports {edge.target}{f'.{edge.name}' if edge.name else ''}"
        for edge in edges
        if not is_allowed(edge)
    ]


def test_no_circular_imports():
    found = cycles(imports())
    assert found == [], "Modules that import each other: " + "; ".join(
        " ↔ ".join(group) for group in found
    )


def test_apps_import_each_other_only_through_what_they_publish():
    assert forbidden(imports()) == []


def test_the_checks_catch_a_cycle_and_a_reach_into_another_app():
    edges = [
        Import("briefings.models", "briefings.forms", "BriefingFilterForm", 1),
        Import("briefings.forms", "briefings.models", "AUDIENCE_CHOICES", 3),
        Import("briefings.models", "places.models", "PlacePartnershipPage", 5),
        Import("lscpartnerships.core.feeds", "briefings.models", "BriefingPage", 7),
        Import("briefings.initial_content", "documents.pdf", "write_text_pdf", 9),
        Import("briefings.factories", "documents.factories", "PublicDocumentFactory", 11),
        Import("briefings.models", "lscpartnerships.core.models", "BasePage", 13),
    ]
    assert cycles(edges) == [["briefings.forms", "briefings.models"]]
    assert forbidden(edges) == [
        "briefings.models:5 imports places.models.PlacePartnershipPage",
        "lscpartnerships.core.feeds:7 imports briefings.models.BriefingPage",
    ]


def test_the_graph_sees_relative_and_function_level_imports(tmp_path):
    from .imports import imports as read_imports

    package = tmp_path / "briefings"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "forms.py").write_text("from .choices import AUDIENCE\n")
    (package / "choices.py").write_text("AUDIENCE = []\n")
    (package / "models.py").write_text("def view():\n    from . import forms\n")
    found = {(e.importer, e.target, e.name) for e in read_imports(tmp_path, ("briefings",))}
    assert found == {
        ("briefings.forms", "briefings.choices", "AUDIENCE"),
        ("briefings.models", "briefings.forms", None),
    }
