"""The machinery behind `manage.py load_initial_content`.

Each app owns a module with a `load(loader)` function (listed in
settings.INITIAL_CONTENT_LOADERS). They create content through `InitialContentLoader`,
which records every item it makes in `SeedRecord`, so running the command again
creates nothing twice and never touches what an editor has changed or removed.
"""

from django.db import transaction
from wagtail.models import Page, Site

from .models import SeedRecord


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

    def home(self):
        from .models import HomePage

        return self.get("core:home", HomePage)

    @staticmethod
    def default_site():
        return Site.objects.filter(is_default_site=True).first()

    @staticmethod
    def root():
        return Page.get_first_root_node()
