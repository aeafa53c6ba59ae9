"""An accessible-format request: who asked, for which document, in which
format, by when the comms team should reply, and where it stands.

Personal data (name, email, note) is only needed until the request is dealt
with: `manage.py delete_closed_format_requests` blanks it in requests closed
longer ago than FORMAT_REQUESTS_RETENTION_DAYS; the rest stays for reporting.
"""

from django.db import models
from django.utils import timezone
from wagtail.documents import get_document_model_string

from .choices import CLOSED, FORMAT_CHOICES, NEW, OPEN_STATUSES, OTHER, STATUS_CHOICES
from .choices import REPLY_WORKING_DAYS as REPLY_WORKING_DAYS_DEFAULT
from .dates import add_working_days


class FormatRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(reply_by__lt=today or timezone.localdate())


class FormatRequest(models.Model):
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The document asked for (blank if it has since been deleted).",
    )
    document_title = models.CharField(max_length=255, help_text="The document's title when asked.")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    format = models.CharField(max_length=20, choices=FORMAT_CHOICES)
    other_format = models.CharField("format wanted", max_length=200, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=NEW)
    staff_note = models.TextField(
        "team notes",
        blank=True,
        help_text="For the comms team only: what has been done, who is doing it.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    reply_by = models.DateField(
        editable=False,
        help_text="15 working days after the request (England bank holidays skipped).",
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FormatRequestQuerySet.as_manager()

    class Meta:
        ordering = ["reply_by", "pk"]
        verbose_name = "accessible-format request"
        indexes = [models.Index(fields=["status", "reply_by"])]

    def __str__(self):
        return f"{self.format_label} of “{self.document_title}”"

    def save(self, *args, **kwargs):
        if not self.reply_by:
            self.reply_by = add_working_days(
                timezone.localtime(self.created_at).date(), REPLY_WORKING_DAYS_DEFAULT
            )
        if self.status == CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != CLOSED:
            self.closed_at = None
        super().save(*args, **kwargs)

    @property
    def format_label(self):
        if self.format == OTHER and self.other_format:
            return self.other_format
        return self.get_format_display()

    @property
    def is_overdue(self):
        return self.status in OPEN_STATUSES and self.reply_by < timezone.localdate()
