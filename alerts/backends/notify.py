"""A Django email backend that sends through GOV.UK Notify.

SMTP is the default; a Notify account is the usual choice for NHS and other
public bodies. Set ``EMAIL_BACKEND=alerts.backends.notify.NotifyEmailBackend``,
``NOTIFY_API_KEY`` and ``NOTIFY_TEMPLATE_ID``: the template must be an email
template whose subject is ``((subject))`` and whose body is ``((body))``.
Notify sends its own accessible HTML version of the plain-text body, and adds
the List-Unsubscribe headers from ``one_click_unsubscribe_url``, which this
backend takes from the message's List-Unsubscribe header.
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = kwargs.get("api_key") or settings.NOTIFY_API_KEY
        self.template_id = kwargs.get("template_id") or settings.NOTIFY_TEMPLATE_ID
        self.base_url = kwargs.get("base_url") or settings.NOTIFY_BASE_URL
        self.client = None

    def open(self):
        if self.client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            self.client = NotificationsAPIClient(self.api_key, base_url=self.base_url)
        return True

    def close(self):
        self.client = None

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        self.open()
        sent = 0
        for message in email_messages:
            unsubscribe = (message.extra_headers.get("List-Unsubscribe") or "").strip("<>") or None
            for address in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                        one_click_unsubscribe_url=unsubscribe,
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                    logger.exception("GOV.UK Notify did not accept an email.")
                    continue
            sent += 1
        return sent
