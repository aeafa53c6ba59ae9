"""Remove a user's second-factor devices (a lost phone): they enrol again at
their next sign-in. To unlock a locked-out sign-in, use axes' own commands
(`axes_reset_username <username>`, `axes_reset_ip <address>`, `axes_reset`)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lscpartnerships.security.two_factor import reset_devices


class Command(BaseCommand):
    help = "Reset a user's two-factor sign-in (they set up an authenticator app again)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user called “{username}”.") from error
        removed = reset_devices(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-factor sign-in reset for “{username}” ({removed} device(s) removed)."
            )
        )
