"""Refuse malformed requests once, before any view sees them.

A NUL byte or bytes that are not UTF-8 in the path, the query string, a
cookie or another header can only come from a broken or hostile client. Left
alone, they reach PostgreSQL (which cannot store NUL in text and answers with
an error, i.e. a 500) or code that assumes text. Checking every request in one
place means no view has to remember to: the visitor gets the site's 400 page.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.http import JsonResponse

# Headers Django or our code read as text; others are not looked at. Checking
# every HTTP_* header costs little, and a header nobody reads today may be
# read tomorrow.
_HEADER_PREFIX = "HTTP_"
API_PREFIX = "/api/"


def _is_bad_text(raw):
    """True when `raw` (bytes) holds a NUL or is not valid UTF-8."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _wsgi_bytes(value):
    # WSGI hands over bytes decoded as ISO-8859-1; this undoes it exactly.
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def bad_request_reason(path_info, meta):
    """Why the request is malformed, or None. `path_info` is request.path_info:
    Django has already re-percent-encoded bytes that are not UTF-8 there
    (a byte 0xFF becomes "%FF"), so decode it once more to find them."""
    if _is_bad_text(unquote_to_bytes(path_info)):
        return "path"
    query = meta.get("QUERY_STRING", "")
    if query and _is_bad_text(unquote_to_bytes(query.replace("+", " "))):
        return "query string"
    for key, value in meta.items():
        if (
            key.startswith(_HEADER_PREFIX)
            and isinstance(value, str)
            and _is_bad_text(_wsgi_bytes(value))
        ):
            return f"header {key[len(_HEADER_PREFIX) :].replace('_', '-').title()}"
    return None


def bad_cookie_reason(cookies):
    """A cookie value can smuggle a NUL as an escaped "\\000", which only
    appears once the Cookie header is parsed (request.COOKIES)."""
    for name, value in cookies.items():
        if "\x00" in name or "\x00" in value:
            return "cookies"
    return None


class RejectMalformedRequestMiddleware:
    """Answer 400 (the site's error page) to a request whose path, query string
    or headers carry NUL bytes or invalid UTF-8."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = bad_request_reason(request.path_info, request.META) or bad_cookie_reason(
            request.COOKIES
        )
        if reason and request.path_info.startswith(API_PREFIX):
            # The partner API answers in JSON, errors included.
            return JsonResponse(
                {"message": f"The request has invalid characters in the {reason}."}, status=400
            )
        if reason:
            # BadRequest goes through Django's handler400: the normal 400 page,
            # logged once as a warning on the django.request logger.
            raise BadRequest(f"Malformed request: invalid characters in the {reason}.")
        return self.get_response(request)


class CrossOriginResourcePolicyMiddleware:
    """`Cross-Origin-Resource-Policy: same-origin` on every response (pages,
    files, the API, static files, errors): other sites cannot embed our
    responses with <img>, <script> and the like. CORS requests to the partner
    API are unaffected (CORP applies only to no-cors requests)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequireTwoFactorMiddleware:
    """In the admin, a signed-in user who has not passed the second factor in
    this session sees only the two-factor screens (and can sign out): to
    enrol an authenticator app if they have none, else to enter a code.

    Placed after django-otp's OTPMiddleware, which sets `user.is_verified()`.
    """

    #: Admin URL names reachable before the second factor.
    OPEN_URL_NAMES = {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "security_two_factor_setup",
        "security_two_factor_verify",
        "security_two_factor_recovery_codes",
        "wagtailadmin_javascript_catalog",
        # The icon sprite the admin's pages (these ones too) load by script.
        "wagtailadmin_sprite",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.second_factor_redirect(request)
        if redirect_to:
            return redirect_to
        return self.get_response(request)

    def second_factor_redirect(self, request):
        from django.shortcuts import redirect
        from django.urls import Resolver404, resolve, reverse
        from django.utils.http import urlencode

        from .two_factor import has_app_device, is_dev_exempt

        if not request.path_info.startswith(ADMIN_PREFIX):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name in self.OPEN_URL_NAMES or is_dev_exempt(user):
            return None
        target = (
            "security_two_factor_verify" if has_app_device(user) else "security_two_factor_setup"
        )
        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))


ADMIN_PREFIX = "/admin/"
