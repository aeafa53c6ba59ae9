"""Queue an alert when a briefing or board decision is published for the first time.

Wagtail sends ``page_published`` on every publication; only the first one of
a page counts (its ``first_published_at`` equals ``last_published_at``), and
only while the page is public. The alert row's unique ``page`` is the real
guarantee: a second insert for the same page, from this instance or another,
fails on the constraint and nothing more is queued.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils.html import strip_tags

from .choices import ALERT_PAGE_TYPES

logger = logging.getLogger(__name__)


def is_first_publication(page):
    return (
        page.first_published_at is not None
        and page.last_published_at is not None
        and page.first_published_at == page.last_published_at
    )


def create_alert(page, list_name):
    """The new Alert for `page`, or None if the page already has one."""
    from .models import Alert

    place_ids = []
    if hasattr(page, "place_links"):
        place_ids = sorted({pk for pk in page.place_links.values_list("place_id", flat=True) if pk})
    try:
        with transaction.atomic():
            return Alert.objects.create(
                page_id=page.pk,
                list_name=list_name,
                title=page.title[:255],
                summary=strip_tags(getattr(page, "summary", "") or ""),
                url=page.get_full_url() or page.url or "",
                place_ids=place_ids,
            )
    except IntegrityError:
        return None


def queue_alert_on_first_publish(sender, instance, **kwargs):
    list_name = ALERT_PAGE_TYPES.get(instance._meta.label_lower)
    if list_name is None or not instance.live or not is_first_publication(instance):
        return
    if instance.get_view_restrictions().exists():
        return  # a private page is not announced
    alert = create_alert(instance, list_name)
    if alert is None:
        return
    from .tasks import send_alert

    alert_id = alert.pk
    transaction.on_commit(lambda: send_alert.enqueue(alert_id))
