"""Middleware that keeps the site honest in production: a request id and one
structured log line per request, and a friendly 503 while the database is away.
"""

import logging
import re
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from lscpartnerships.core.log import current_request_id

request_logger = logging.getLogger("lscpartnerships.request")
outage_logger = logging.getLogger("lscpartnerships.outage")

# An incoming X-Request-ID (from a load balancer or a partner's client) is kept
# only when it is short and plain, so it can never forge log lines or headers.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

SERVICE_UNAVAILABLE_MESSAGE = "This service is temporarily unavailable. Try again in a few minutes."


def request_id_for(request):
    """The caller's X-Request-ID when sane, otherwise a fresh random one."""
    incoming = request.headers.get("X-Request-ID", "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """One JSON log line per request (request id, method, path, status, duration),
    and the request id returned as an X-Request-ID response header.

    It sits first in MIDDLEWARE so the duration covers every other middleware,
    static files included. The query string is left out: search terms are what
    people typed, and stay out of the logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current_request_id.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


def service_unavailable_response(request):
    """The 503 page, rendered without the database or a request context (like
    500.html), with Retry-After so clients and crawlers come back later. The
    partner API answers JSON, as its clients parse every response."""
    retry_after = settings.SERVICE_UNAVAILABLE_RETRY_AFTER
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": SERVICE_UNAVAILABLE_MESSAGE}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"noindex": True}), status=503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with the friendly page when the database cannot be reached.

    With ATOMIC_REQUESTS, Django wraps each view in transaction.atomic
    (BaseHandler.make_view_atomic), so an unreachable database fails when the
    view is *called*, before any of the view's own code runs, and every middleware
    below the view only ever sees the 500 response Django made of it. The one
    place that sees the exception itself is process_exception, which Django
    calls for anything the wrapped view (or its template rendering) raises.

    Views that must work without the database (health checks, robots.txt) are
    marked non_atomic_requests and never open a connection.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        outage_logger.error(
            "Database unavailable: answered 503 for %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return service_unavailable_response(request)
