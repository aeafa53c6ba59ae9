"""Sending alerts in the background (django-tasks, the "alerts" backend).

``send_alert(alert_id)`` is enqueued once, when the alert row is created:

1. it chooses the recipients once (the confirmed subscribers of the alert's
   list, for every place or for one of the alert's places) and records one
   ``Delivery`` per subscriber, unique per pair;
2. it sends each unsent delivery while holding that row's lock
   (``select_for_update(skip_locked=True)``): two workers never send the same
   delivery, and a delivery is marked sent in the same transaction;
3. it waits between emails to keep under ``ALERTS_SEND_RATE`` per second;
4. deliveries that failed (SMTP down, a refused connection) are retried by
   enqueueing the task again, ``ALERTS_RETRY_DELAY`` seconds later and
   doubling, up to ``ALERTS_MAX_ATTEMPTS`` attempts per delivery.

With the immediate backend (``make run``) the same code runs inline.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task, task_backends

from .models import Alert, Delivery, Subscription

logger = logging.getLogger(__name__)

BACKEND = "alerts"
QUEUE = "alerts"


def _setting(name, default):
    return getattr(settings, name, default)


class Throttle:
    """At most `rate` sends per second: `wait()` before each send sleeps just
    long enough since the previous one. (Email providers throttle or block
    bursts; GOV.UK Notify allows 3,000 messages a minute.)"""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.last = None

    def wait(self):
        now = self.clock()
        if self.last is not None:
            delay = self.last + self.interval - now
            if delay > 0:
                self.sleep(delay)
                now += delay
        self.last = now


def recipients(alert):
    """Confirmed subscriptions that want this alert."""
    wanted = Q(places__isnull=True)
    if alert.place_ids:
        wanted |= Q(places__in=alert.place_ids)
    return Subscription.objects.filter(**{alert.list_name: True}).filter(wanted).distinct()


def choose_recipients(alert_id):
    """Record a delivery for every recipient, once per alert."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        if alert.recipients_chosen_at is None:
            Delivery.objects.bulk_create(
                [Delivery(alert=alert, subscription=s) for s in recipients(alert).only("pk")],
                ignore_conflicts=True,
            )
            alert.recipients_chosen_at = timezone.now()
            alert.save(update_fields=["recipients_chosen_at"])
        return alert


def send_one(delivery_id):
    """Send one delivery if nobody has; True if sent now, False if it failed,
    None if it was already sent or is being sent by another worker."""
    from .emails import alert_email

    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("alert", "subscription")
            .filter(pk=delivery_id, sent_at__isnull=True)
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        try:
            alert_email(delivery.alert, delivery.subscription).send()
        except Exception as error:  # noqa: BLE001 - any failure is retried later
            logger.warning(
                "Alert %s to subscription %s failed: %s",
                delivery.alert_id,
                delivery.subscription_id,
                error,
            )
            delivery.last_error = str(error)[:500]
            delivery.save(update_fields=["attempts", "last_error"])
            return False
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


@task(backend=BACKEND, queue_name=QUEUE)
def send_alert(alert_id):
    """Send an alert to every subscriber who wants it (see the module docstring)."""
    if not Alert.objects.filter(pk=alert_id).exists():
        return 0  # the page (and its alert) was deleted meanwhile
    choose_recipients(alert_id)
    max_attempts = int(_setting("ALERTS_MAX_ATTEMPTS", 5))
    throttle = Throttle(float(_setting("ALERTS_SEND_RATE", 10)))
    pending = list(
        Delivery.objects.filter(alert_id=alert_id, sent_at__isnull=True, attempts__lt=max_attempts)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for delivery_id in pending:
        throttle.wait()
        if send_one(delivery_id):
            sent += 1
    _retry_failures(alert_id, max_attempts)
    return sent


def _retry_failures(alert_id, max_attempts):
    left = Delivery.objects.filter(
        alert_id=alert_id, sent_at__isnull=True, attempts__lt=max_attempts
    )
    attempts = left.order_by("attempts").values_list("attempts", flat=True).first()
    if attempts is None:
        return
    if not task_backends[BACKEND].supports_defer:
        logger.error(
            "Alert %s: %s deliveries failed; this backend cannot retry later.",
            alert_id,
            left.count(),
        )
        return
    delay = float(_setting("ALERTS_RETRY_DELAY", 60)) * 2 ** max(0, attempts - 1)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    send_alert.using(run_after=run_after).enqueue(alert_id)
