"""The machinery behind `manage.py load_initial_content`.

The initial content is data: fixtures/initial_content/NN-<app>.toml, read in
file-name order, each a list of `[[item]]` tables run in the order written
(docs/decisions/0083-initial-content-as-toml-fixtures.md describes the format).
`load(loader)` reads them; `InitialContentLoader` records every item it makes
in `SeedRecord` under the item's key, so running the command again creates
nothing twice and never touches what an editor has changed or removed.

Values may hold three directives, each a one-key table:
    {seed = "places:blackpool"}    the object recorded under that key
    {shared = "core_aims"}         a value from fixtures/initial_content/shared.toml
    {paragraphs = ["…", "…"]}      rich text: each string in its own <p>
A reference whose object does not exist (never made, or deleted by an editor)
drops the list item or block that holds it, and leaves a field empty.
"""

import tomllib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.module_loading import import_string
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, Site

from .models import SeedRecord

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "initial_content"


class InitialContentLoader:
    def __init__(self, log=print):
        self.log = log
        self.created = []

    # -- generic -------------------------------------------------------------
    def seeded(self, key):
        return SeedRecord.objects.filter(key=key).exists()

    def get(self, key, model):
        """The object recorded under `key`, or None if it was never made or was deleted."""
        record = SeedRecord.objects.filter(key=key).first()
        if record is None or record.object_id is None:
            return None
        return model.objects.filter(pk=record.object_id).first()

    def once(self, key, model, create):
        """Run `create()` the first time `key` is seen; afterwards return what it made."""
        record = SeedRecord.objects.filter(key=key).first()
        if record is not None:
            return model.objects.filter(pk=record.object_id).first() if record.object_id else None
        with transaction.atomic():
            obj = create()
            SeedRecord.objects.create(key=key, object_id=getattr(obj, "pk", None))
        self.created.append(key)
        self.log(f"  created {key}")
        return obj

    def do_once(self, key, action):
        """Run a one-off change (a link between two items, say) exactly once."""
        if self.seeded(key):
            return
        with transaction.atomic():
            action()
            SeedRecord.objects.create(key=key)
        self.created.append(key)
        self.log(f"  applied {key}")

    # -- pages -----------------------------------------------------------------
    def page(self, key, parent, instance, publish=True):
        """Add `instance` under `parent` once, saving a revision and publishing it."""
        if parent is None:
            return self.get(key, type(instance))

        def create():
            parent.add_child(instance=instance)
            revision = instance.save_revision(log_action=True)
            if publish:
                revision.publish()
            return instance

        page = self.once(key, type(instance), create)
        return page.specific if page is not None else None

    @staticmethod
    def default_site():
        return Site.objects.filter(is_default_site=True).first()

    @staticmethod
    def root():
        return Page.get_first_root_node()


# -- the data files ------------------------------------------------------------


def _read(path):
    with path.open("rb") as file:
        return tomllib.load(file)


@cache
def fixture_items(folder=FIXTURES):
    """Every `[[item]]` of the data files, in load order, keyed by item key."""
    items = {}
    for path in sorted(folder.glob("[0-9]*.toml")):
        for item in _read(path).get("item", []):
            if item["key"] in items:
                raise ValueError(f"{path.name}: key {item['key']!r} is used twice")
            items[item["key"]] = item
    return items


@cache
def shared_values(folder=FIXTURES):
    path = folder / "shared.toml"
    return _read(path) if path.exists() else {}


def fixture(key):
    """One item of the data files, its `{shared}` and `{paragraphs}` directives applied."""
    return _expand(fixture_items()[key])


def paragraphs_html(texts):
    """Rich text with each string as its own paragraph."""
    return "".join(f"<p>{text}</p>" for text in texts)


MISSING = object()


def _expand(value, resolve=None):
    """`value` with its directives replaced; `resolve(key)` finds seeded objects
    (without it, `{seed}` references are left as they are)."""
    if isinstance(value, list):
        items = [_expand(item, resolve) for item in value]
        return [item for item in items if item is not MISSING]
    if not isinstance(value, dict):
        return value
    if set(value) == {"shared"}:
        return _expand(shared_values()[value["shared"]], resolve)
    if set(value) == {"paragraphs"}:
        return paragraphs_html(_expand(value["paragraphs"], resolve))
    if set(value) == {"seed"}:
        if resolve is None:
            return value
        found = resolve(value["seed"])
        return MISSING if found is None else found
    expanded = {name: _expand(item, resolve) for name, item in value.items()}
    return MISSING if MISSING in expanded.values() else expanded


class DataLoader:
    """Runs the items of the data files through an `InitialContentLoader`."""

    def __init__(self, loader, items):
        self.loader = loader
        self.items = items

    def model_of(self, key):
        item = self.items[key]
        kind = item["kind"]
        if kind in ("page", "object"):
            return apps.get_model(item["type"])
        if kind == "image":
            from wagtail.images import get_image_model

            return get_image_model()
        if kind == "document":
            from wagtail.documents import get_document_model

            return get_document_model()
        if kind == "collection":
            return Collection
        raise ValueError(f"{key}: a {kind} item makes nothing to refer to")

    def resolve(self, key):
        return self.loader.get(key, self.model_of(key))

    def values(self, value):
        """`value` with every directive applied; a missing reference becomes None."""
        value = _expand(value, self.resolve)
        return None if value is MISSING else value

    def fields(self, model, fields):
        """Keyword arguments for `model`: StreamField data takes primary keys,
        child relations (inline panels) take instances of their model."""
        values = {}
        for name, raw in fields.items():
            value = self.values(raw)
            field = model._meta.get_field(name)
            if isinstance(field, StreamField):
                value = [{"value": None, **block} for block in _primary_keys(value)]
            elif field.one_to_many and isinstance(value, list):
                value = [
                    _child(field.related_model, item, order) for order, item in enumerate(value)
                ]
            values[name] = value
        return values

    def run(self):
        for key, item in self.items.items():
            getattr(self, f"load_{item['kind']}")(key, item)

    # -- one function per kind of item ---------------------------------------
    def load_page(self, key, item):
        model = apps.get_model(item["type"])
        if item.get("site_root"):
            self.loader.once(key, model, lambda: self._make_site_root(model, item))
            return
        parent = self.resolve(item["parent"])
        self.loader.page(key, parent, model(**self.fields(model, item["fields"])))

    def _make_site_root(self, model, item):
        """Make the page the default site's root, replacing Wagtail's welcome page."""
        root = self.loader.root()
        site = self.loader.default_site()
        welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if welcome is not None and welcome.numchild == 0:
            welcome.delete()
        home = model(**self.fields(model, item["fields"]))
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            from lscpartnerships.core.sites import parse_site_base_url

            _, _, hostname, port = parse_site_base_url(settings.SITE_BASE_URL)
            Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.site_name = item["site_name"]
            site.save()
        return home

    def load_object(self, key, item):
        """A snippet (or any model); one with revisions is published, so editors
        compare later drafts with this first revision."""
        model = apps.get_model(item["type"])

        def create():
            obj = model.objects.create(**self.fields(model, item["fields"]))
            if hasattr(obj, "save_revision"):
                obj.save_revision().publish()
            return obj

        self.loader.once(key, model, create)

    def load_collection(self, key, item):
        self.loader.once(
            key, Collection, lambda: Collection.get_first_root_node().add_child(name=item["name"])
        )

    def load_image(self, key, item):
        """An image whose file a function makes; made only with the page named
        in `made_with`, never for one already seeded."""
        if self.loader.seeded(item["made_with"]):
            return
        model = self.model_of(key)

        def create():
            file = item["file"]
            image = model(
                title=item["title"],
                description=item["description"],
                file=import_string(file["function"])(*file.get("args", [])),
                collection=self.values(item["collection"]) or Collection.get_first_root_node(),
            )
            image.clean()  # alt text is required
            image.save()
            return image

        self.loader.once(key, model, create)

    def load_document(self, key, item):
        """A document whose file a function makes from a page's data (the PDF of
        a briefing, say): the page and its file say the same thing."""
        model = self.model_of(key)

        def create():
            document = model(**self.fields(model, item["fields"]))
            content = file_content(fixture(key)["file"])
            document.file.save(item["file"]["name"], ContentFile(content), save=False)
            document.save()
            return document

        self.loader.once(key, model, create)

    def load_site_settings(self, key, item):
        def apply():
            from .models import FooterLink, SiteSettings

            site_settings = SiteSettings.for_site(self.loader.default_site())
            for name, value in self.values(item["fields"]).items():
                setattr(site_settings, name, value)
            site_settings.save()
            for order, link in enumerate(item["footer_links"]):
                page = self.values(link["page"])
                if page is not None:
                    FooterLink.objects.create(
                        setting=site_settings, label=link["label"], page=page, sort_order=order
                    )

        self.loader.do_once(key, apply)

    # -- links made after both ends exist ------------------------------------
    # Each is recorded under its own key, made once when both pages exist (a
    # later run makes a link whose target had not been loaded before), and
    # published as a new revision of the page.

    def _both_ends(self, item, page_name, target_name):
        page = self.values(item[page_name])
        target = self.values(item[target_name])
        return (page, target) if page is not None and target is not None else None

    def load_update(self, key, item):
        """Set fields of a page made earlier."""
        page = self.values(item["page"])
        if page is None:
            return

        def apply():
            fresh = type(page).objects.get(pk=page.pk)
            for name, value in self.fields(type(fresh), item["fields"]).items():
                setattr(fresh, name, value)
            fresh.save_revision(log_action=True).publish()

        self.loader.do_once(key, apply)

    def load_place_link(self, key, item):
        """Add a place to a page's place links (a briefing's "Places")."""
        ends = self._both_ends(item, "page", "place")
        if ends is not None:
            self.loader.do_once(key, lambda: link_place(*ends))

    def load_director_place(self, key, item):
        """Point a director's profile at their place and the place at its director."""
        ends = self._both_ends(item, "director", "place")
        if ends is not None:
            self.loader.do_once(key, lambda: link_director_and_place(*ends))


def link_place(page, place):
    """Say that `page` is about `place` (places.links.PlaceLink, ADR 0080)."""
    page = type(page).objects.get(pk=page.pk)
    link_model = type(page)._meta.get_field("place_links").related_model
    # In the seeds' order, as the admin's inline panel would number them: left
    # empty, the order of the links was whatever the database returned.
    position = len(page.place_links.all())
    page.place_links.add(link_model(place_id=place.pk, sort_order=position))
    page.save_revision(log_action=True).publish()


def link_director_and_place(profile, place):
    """Point the profile at its place: the one link (ADR 0080); the place page
    shows its director through it."""
    profile = type(profile).objects.get(pk=profile.pk)
    profile.place_id = place.pk
    profile.save_revision(log_action=True).publish()


def _child(model, values, order):
    """A row of an inline panel, numbered in the seeds' order as the admin's
    inline panel numbers it (left empty, rows came back in whatever order the
    database returned)."""
    if "sort_order" in {field.name for field in model._meta.get_fields()}:
        values = {"sort_order": order, **values}
    return model(**values)


def _primary_keys(value):
    """StreamField data as stored: model instances become their primary keys."""
    if isinstance(value, list):
        return [_primary_keys(item) for item in value]
    if isinstance(value, dict):
        return {name: _primary_keys(item) for name, item in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return value


def file_content(file):
    """The bytes of a generated document: `function(page data, author=…)`."""
    return import_string(file["function"])(fixture(file["page"]), author=file["author"])


def seed_file(key):
    """The bytes of the document the data files describe under `key`."""
    return file_content(fixture(key)["file"])


def load(loader):
    """Load every item of fixtures/initial_content/ (see the module docstring)."""
    DataLoader(loader, fixture_items()).run()
