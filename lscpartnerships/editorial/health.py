"""Content health: what comms staff should look at next.

Three lists, shared by the dashboard panel, the full report and
`send_review_reminders`:

- live pages whose next review is overdue or due within REVIEW_DUE_SOON_DAYS
  (default 30);
- documents not marked accessible, each PDF with the automatic accessibility
  checks it fails (documents/pdf_accessibility.py);
- accessible-format requests past their reply-by date (format_requests app);
- images with neither alternative text nor the "decorative" tick (old rows or
  programmatic imports can have that, even though the admin form refuses it).

Review dates live on every concrete subclass of the abstract core BasePage, in
each subclass's own table. Rather than one query per model per page, the page
ids and due dates of all those tables are fetched in one UNION query, then the
pages themselves in one more, so the cost does not grow with pages or types.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models.functions import Trim
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from lscpartnerships.core.models import BasePage

DEFAULT_DUE_SOON_DAYS = 30


def due_soon_days():
    return int(getattr(settings, "REVIEW_DUE_SOON_DAYS", DEFAULT_DUE_SOON_DAYS))


def review_page_models():
    """Every concrete page model with review dates (a BasePage subclass)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and not model._meta.abstract and not model._meta.proxy
    ]


@dataclass
class ReviewItem:
    page: Page
    next_review_due: datetime.date
    today: datetime.date

    @property
    def overdue(self):
        return self.next_review_due < self.today

    @property
    def days(self):
        """Days until due (negative when overdue)."""
        return (self.next_review_due - self.today).days


def pages_for_review(today=None, days=None, overdue_only=False):
    """Live pages whose review is overdue or due within `days`, soonest first.

    Two queries whatever the number of pages or page types.
    """
    today = today or timezone.localdate()
    days = due_soon_days() if days is None else days
    limit = (
        today - datetime.timedelta(days=1)
        if overdue_only
        else today + datetime.timedelta(days=days)
    )
    parts = [
        # exact_type: a page of a subclass of a concrete BasePage model is
        # listed once, by its own model.
        model.objects.exact_type(model)
        .live()
        .filter(next_review_due__lte=limit)
        .order_by()
        .values_list("pk", "next_review_due")
        for model in review_page_models()
    ]
    if not parts:
        return []
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    due = list(query.order_by("next_review_due", "pk"))
    pages = Page.objects.select_related("owner").in_bulk([pk for pk, _ in due])
    return [ReviewItem(pages[pk], date, today) for pk, date in due if pk in pages]


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def inaccessible_documents():
    """Documents not marked accessible (empty if the document model has no such flag)."""
    model = get_document_model()
    if not _has_field(model, "accessible"):
        return model.objects.none()
    return model.objects.filter(accessible=False).order_by("title", "pk")


def pdfs_failing_accessibility_checks():
    """PDFs that failed the automatic accessibility checks on upload."""
    model = get_document_model()
    if not _has_field(model, "passes_accessibility_checks"):
        return model.objects.none()
    return model.objects.filter(passes_accessibility_checks=False).order_by("title", "pk")


def overdue_format_requests(today=None):
    """Accessible-format requests still open after their reply-by date, oldest
    first (empty when the format_requests app is not installed)."""
    if not apps.is_installed("format_requests"):
        return []
    model = apps.get_model("format_requests", "FormatRequest")
    return list(model.objects.overdue(today or timezone.localdate()).order_by("reply_by", "pk"))


def images_without_alt_text():
    """Images with no alternative text that are not marked decorative."""
    model = get_image_model()
    images = model.objects.annotate(alt_text=Trim("description")).filter(alt_text="")
    if _has_field(model, "is_decorative"):
        images = images.filter(is_decorative=False)
    return images.order_by("title", "pk")
