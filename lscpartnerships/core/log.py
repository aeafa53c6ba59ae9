"""Log plumbing: the request id every record carries (see LOGGING in settings)."""

import contextvars
import logging

# The id of the request being handled in this thread (or task); set and reset by
# core.middleware.RequestLogMiddleware.
current_request_id = contextvars.ContextVar("current_request_id", default=None)


class RequestIdLogFilter(logging.Filter):
    """Adds the current request id to every record, so an error's traceback can be
    matched with the request that caused it. It is attached to the handler, not
    to a logger, so records from Django's and Wagtail's loggers get it too."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
