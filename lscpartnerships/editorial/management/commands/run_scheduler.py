"""A minimal scheduler for scheduled publishing: `make scheduler`.

Wagtail publishes pages whose approved go-live time has passed, and unpublishes
expired ones, only when `manage.py publish_scheduled` runs. In production that
is a cron job or a platform scheduler running it every minute or so; for local
work this command runs it in a loop, every --interval seconds, until Ctrl+C.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone


class Command(BaseCommand):
    help = "Run `publish_scheduled` every --interval seconds until interrupted (Ctrl+C)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Seconds between runs of publish_scheduled (default 60).",
        )
        parser.add_argument(
            "--iterations",
            type=int,
            default=0,
            help="Stop after this many runs (default 0: run until interrupted).",
        )

    def handle(self, *args, interval=60, iterations=0, **options):
        interval = max(1, interval)
        self.stdout.write(
            f"Scheduler: running publish_scheduled every {interval} s. Press Ctrl+C to stop."
        )
        runs = 0
        try:
            while True:
                # A long-running loop must not keep a broken or stale connection
                # (the database restarted, CONN_MAX_AGE passed). Inside a
                # transaction (tests) the connection is the caller's to manage.
                if not connection.in_atomic_block:
                    close_old_connections()
                started = timezone.now()
                try:
                    call_command("publish_scheduled", stdout=self.stdout, stderr=self.stderr)
                except Exception as error:  # noqa: BLE001 - keep the loop alive, say what broke
                    self.stderr.write(
                        f"{started:%Y-%m-%d %H:%M:%S} publish_scheduled failed: {error}"
                    )
                runs += 1
                if iterations and runs >= iterations:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
