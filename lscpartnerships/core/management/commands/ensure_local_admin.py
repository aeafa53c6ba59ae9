"""Make sure a local admin login exists for `make run`, and say how to sign in.

For local development only: it refuses to run with DEBUG off, so a production
site never gets a well-known password.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local development superuser if it does not exist (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development only (DEBUG is off).")
        username = os.environ.get("LOCAL_ADMIN_USERNAME", "admin")
        password = os.environ.get("LOCAL_ADMIN_PASSWORD", "admin")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            message = f"Sign in at http://127.0.0.1:8000/admin/ as “{username}” (existing account)."
        else:
            User.objects.create_superuser(username, "admin@example.invalid", password)
            message = (
                f"Sign in at http://127.0.0.1:8000/admin/ with username “{username}” "
                f"and password “{password}”."
            )
        exempt = getattr(settings, "TWO_FACTOR_DEV_EXEMPT_USERNAMES", ())
        if username in exempt:
            message += " Two-factor sign-in is skipped for this local account (DEBUG only)."
        self.stdout.write(self.style.SUCCESS(message))
