"""Content-Security-Policy: one strict policy for the public site, one for the admin.

Public pages get ``settings.CONTENT_SECURITY_POLICY`` (no inline scripts or styles,
never framed). Wagtail 8's admin cannot work under that policy: it renders inline
``<script>`` elements from Python (every chooser widget), from widget and panel
templates (date pickers, inline panels), and re-runs the inline scripts of HTML that
arrives over XHR (chooser modals), so it gets ``settings.CONTENT_SECURITY_POLICY_ADMIN``
instead (docs/decisions/0040 says what that allows and why). The admin frames only
its own previews, so only preview responses may be framed, and only by the site
itself (``frame-ancestors 'self'`` and ``X-Frame-Options: SAMEORIGIN``).

Both policies send violation reports to :func:`lscpartnerships.core.views.csp_report`.
"""

import json
import logging
import time

from csp.decorators import csp_exempt
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("lscpartnerships.csp")

# URL names (in the admin) of the views Wagtail's admin loads in an <iframe>: the
# live preview of pages, snippets and settings, the workflow preview, and the
# StreamField block previews in the block picker.
FRAMED_ADMIN_URL_NAMES = frozenset(
    {"preview_on_add", "preview_on_edit", "workflow_preview", "wagtailadmin_block_preview"}
)


def admin_prefix():
    """The path Wagtail's admin is mounted at ("/admin/"): asked twice on every
    response, so kept per URLconf and script prefix rather than reversed each
    time (a `reverse()` is about 45 µs; issue 14)."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    prefix = _admin_prefixes.get(key)
    if prefix is None:
        prefix = _admin_prefixes[key] = reverse("wagtailadmin_home")
    return prefix


_admin_prefixes = {}


def is_admin_request(request):
    return request.path_info.startswith(admin_prefix())


def is_framed_admin_view(request):
    """True for admin responses the admin itself shows in an <iframe>."""
    match = getattr(request, "resolver_match", None)
    return bool(
        match is not None and is_admin_request(request) and match.url_name in FRAMED_ADMIN_URL_NAMES
    )


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by path.

    A view's own ``@csp``/``@csp_update`` decorators still win over the admin
    default. In the admin no nonce is added: a nonce in ``script-src`` would make
    browsers ignore ``'unsafe-inline'``, and the public templates rendered inside the
    preview may ask for one.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not is_admin_request(request):
            return parts
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        config = parts.config or {key: list(value) for key, value in admin.items()}
        if is_framed_admin_view(request):
            config = {**config, "frame-ancestors": ["'self'"]}
        return PolicyParts(config=config, update=parts.update, replace=parts.replace, nonce=None)

    def process_response(self, request, response):
        if is_admin_request(request):
            # Wagtail renders previews by passing a fake request for the page's
            # public URL through the whole middleware stack, so the response arrives
            # carrying the public page's headers. The admin request decides.
            for header in ("Content-Security-Policy", "X-Frame-Options"):
                if header in response:
                    del response[header]
            if is_framed_admin_view(request):
                # Set before Django's XFrameOptionsMiddleware (which runs after this
                # one on the way out) so that it keeps SAMEORIGIN instead of adding DENY.
                response["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)


# -- violation reports ------------------------------------------------------------

REPORT_CONTENT_TYPES = frozenset(
    {"application/csp-report", "application/json", "application/reports+json"}
)
# Fields worth keeping from a report (CSP level 2 "csp-report" and Reporting API
# "body" spellings); anything else a browser or a stranger sends is dropped.
REPORT_FIELDS = {
    "document-uri": "document",
    "documentURL": "document",
    "violated-directive": "directive",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "column-number": "column",
    "columnNumber": "column",
    "disposition": "disposition",
    "script-sample": "sample",
    "sample": "sample",
}
MAX_FIELD_CHARS = 300


class BadReport(ValueError):
    """A report body the endpoint will not log."""


def parse_reports(body, content_type):
    """The violations in a report body, as small dicts of known fields.

    Raises BadReport for anything that is not a CSP report a browser would send.
    """
    if content_type not in REPORT_CONTENT_TYPES:
        raise BadReport("unsupported content type")
    if b"\x00" in body:
        raise BadReport("NUL byte in body")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        # RecursionError: deeply nested arrays fit in a few kilobytes.
        raise BadReport("body is not JSON") from error
    # application/csp-report: {"csp-report": {...}}; Reporting API: [{"type":
    # "csp-violation", "body": {...}}, ...].
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        raw = [data["csp-report"]]
    elif isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        raw = [item.get("body") for item in data if item.get("type") == "csp-violation"]
        if not raw or not all(isinstance(item, dict) for item in raw):
            raise BadReport("no csp-violation reports")
    else:
        raise BadReport("not a CSP report")
    violations = []
    for item in raw:
        fields = {}
        for key, name in REPORT_FIELDS.items():
            value = item.get(key)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and name not in fields:
                fields[name] = str(value)[:MAX_FIELD_CHARS]
        if "directive" not in fields:
            raise BadReport("report names no directive")
        violations.append(fields)
    return violations


def client_address(request):
    """The address rate limits count against (the proxy's, unless Django trusts it)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def over_rate_limit(request):
    """Count this request against its client's budget; True once it is spent."""
    limit = settings.CSP_REPORT_RATE_LIMIT
    window = settings.CSP_REPORT_RATE_WINDOW
    key = f"csp-report:{client_address(request)}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: start again
            cache.set(key, 1, timeout=window * 2)
            count = 1
    except Exception:  # noqa: BLE001 - cache outage: drop reports rather than flood the log
        logger.exception("CSP report rate limiter unavailable; report dropped")
        return True
    return count > limit


@csrf_exempt
@require_POST
@csp_exempt()
@transaction.non_atomic_requests
def csp_report(request):
    """Log each Content-Security-Policy violation a browser reports, one line each.

    Browsers post these without cookies or CSRF tokens, so the endpoint is open:
    it accepts only small JSON CSP reports, logs only known fields (truncated),
    answers 400 to anything else and 429 once a client sends too many (or while
    the cache that counts them is down). It never touches the database.
    """
    if over_rate_limit(request):
        return HttpResponse("Too many reports.", status=429, content_type="text/plain")
    max_bytes = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        return HttpResponseBadRequest("Report too large.", content_type="text/plain")
    body = request.read(max_bytes + 1)
    if len(body) > max_bytes:
        return HttpResponseBadRequest("Report too large.", content_type="text/plain")
    try:
        violations = parse_reports(body, request.content_type)
    except BadReport as error:
        return HttpResponseBadRequest(f"Not a CSP report: {error}.", content_type="text/plain")
    for fields in violations:
        fields["client"] = client_address(request)
        logger.warning(
            "csp_violation %s", json.dumps(fields, sort_keys=True), extra={"csp_violation": fields}
        )
    return HttpResponse(status=204)
