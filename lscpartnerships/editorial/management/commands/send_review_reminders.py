"""Email the owners of live pages whose review is overdue.

One email per person, listing all their overdue pages with links to edit them.
Pages whose owner cannot be emailed (no owner, no address, or an inactive
account) go to everyone in "Comms approvers", so no overdue page is forgotten.
Mail goes through Django's email backend (the console in development).

Run it from cron, e.g. weekly: `manage.py send_review_reminders`.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse

from lscpartnerships.editorial import health, roles


def _emailable(user):
    return user is not None and user.is_active and bool((user.email or "").strip())


class Command(BaseCommand):
    help = "Email the owners of live pages whose review date has passed (one email per owner)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be emailed about which pages; send nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        items = health.pages_for_review(overdue_only=True)
        if not items:
            self.stdout.write("No live page is overdue for review; no reminders sent.")
            return

        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for item in items:
            item.edit_url = base_url + reverse("wagtailadmin_pages:edit", args=[item.page.pk])

        own = defaultdict(list)
        unowned = []
        users = {}
        for item in items:
            owner = item.page.owner
            if _emailable(owner):
                own[owner.pk].append(item)
                users[owner.pk] = owner
            else:
                unowned.append(item)

        fallback = []
        if unowned:
            fallback = [
                user
                for user in get_user_model().objects.filter(groups__name=roles.APPROVERS).distinct()
                if _emailable(user)
            ]
            users.update({user.pk: user for user in fallback})
            if not fallback:
                for item in unowned:
                    self.stderr.write(
                        f"Nobody to remind about “{item.page.title}”: it has no owner who can "
                        f"be emailed and nobody in {roles.APPROVERS} has an email address."
                    )

        messages = []
        fallback_ids = {user.pk for user in fallback}
        for pk, user in users.items():
            own_items = own.get(pk, [])
            unowned_items = unowned if pk in fallback_ids else []
            messages.append((user, own_items, unowned_items))

        if dry_run:
            for user, own_items, unowned_items in messages:
                titles = ", ".join(i.page.title for i in [*own_items, *unowned_items])
                self.stdout.write(f"Would email {user.email}: {titles}")
            self.stdout.write(f"Dry run: {len(messages)} reminder(s) not sent.")
            return

        connection = get_connection()
        sent = 0
        for user, own_items, unowned_items in messages:
            sent += self._send(connection, user, own_items, unowned_items, base_url)
        self.stdout.write(
            self.style.SUCCESS(f"Sent {sent} reminder(s) about {len(items)} overdue page(s).")
        )

    def _send(self, connection, user, own_items, unowned_items, base_url):
        count = len(own_items) + len(unowned_items)
        site_name = getattr(settings, "WAGTAIL_SITE_NAME", "")
        body = render_to_string(
            "editorial/emails/review_reminder.txt",
            {
                "name": user.get_full_name() or user.get_username(),
                "own_items": own_items,
                "unowned_items": unowned_items,
                "approvers": roles.APPROVERS,
                "site_name": site_name,
                "guide_url": base_url + reverse("editorial_guide"),
            },
        )
        subject = f"{count} page{'s' if count != 1 else ''} overdue for review"
        from_email = getattr(
            settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL
        )
        message = EmailMessage(
            subject,
            body,
            from_email,
            [user.email],
            connection=connection,
            headers={"Auto-Submitted": "auto-generated"},
        )
        return message.send()
