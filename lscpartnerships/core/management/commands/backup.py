"""`manage.py backup [--output FOLDER]`: the database and every uploaded file,
in one folder that `manage.py restore` reads (see core/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from lscpartnerships.core.backups import BackupError, backup, default_backup_folder


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump, custom format) and every file in the "
        "public and private storage (filesystem or S3) into one new folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Folder to create for the backup (default: backups/lscpartnerships-<UTC time>).",
        )

    def handle(self, *args, **options):
        folder = options["output"] or default_backup_folder()
        try:
            manifest = backup(folder, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        count = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the database and {count} files to {folder}")
        )
