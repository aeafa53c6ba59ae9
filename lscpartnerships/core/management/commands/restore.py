"""`manage.py restore FOLDER`: a backup made by `manage.py backup`, into an
empty database and empty storage. It changes nothing unless the whole backup
checks out and both are empty (see core/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from lscpartnerships.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and empty storage."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")

    def handle(self, *args, **options):
        try:
            manifest = restore(options["folder"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        count = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored the database and {count} files from {options['folder']}")
        )
