"""Delete the personal data of closed accessible-format requests.

Name, email address and note are needed only to answer a request. Once a
request has been closed for longer than FORMAT_REQUESTS_RETENTION_DAYS
(default 90) they are blanked; the document, format and dates stay, so the
team can still see how many requests it had and how fast it answered. Run it
daily from cron; --dry-run says how many would be cleared.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from format_requests.choices import CLOSED
from format_requests.models import FormatRequest

DEFAULT_RETENTION_DAYS = 90


class Command(BaseCommand):
    help = "Blank the name, email and note of requests closed longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention period in days (default: FORMAT_REQUESTS_RETENTION_DAYS, else 90).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = int(getattr(settings, "FORMAT_REQUESTS_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        due = FormatRequest.objects.filter(
            status=CLOSED, closed_at__lte=cutoff, personal_data_deleted_at__isnull=True
        )
        if dry_run:
            self.stdout.write(f"{due.count()} closed request(s) would have personal data deleted.")
            return
        count = due.update(name="", email="", note="", personal_data_deleted_at=timezone.now())
        self.stdout.write(f"Deleted personal data from {count} closed request(s).")
