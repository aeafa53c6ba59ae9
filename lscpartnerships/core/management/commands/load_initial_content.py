"""Build the site's initial content from the seed documents.

Idempotent: every item is recorded when made, so a second run creates nothing
and never overwrites or re-creates what an editor changed or deleted.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from lscpartnerships.core.loading import InitialContentLoader


class Command(BaseCommand):
    help = "Create the initial pages and settings from the seed documents (safe to re-run)."

    def handle(self, *args, **options):
        loader = InitialContentLoader(log=lambda message: self.stdout.write(message))
        for path in settings.INITIAL_CONTENT_LOADERS:
            self.stdout.write(f"Loading {path}")
            import_module(path).load(loader)
        if loader.created:
            self.stdout.write(
                self.style.SUCCESS(f"Initial content: {len(loader.created)} new items.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Initial content already loaded; nothing changed.")
            )
