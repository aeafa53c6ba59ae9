"""Sign-in lockout (django-axes) and password-reset throttling.

Axes counts failed sign-ins per username and client address and, past
AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME, answers the sign-in form with
`lockout_response`: a page in the admin's style that says plainly when to try
again. Password reset requests are limited the same way (per address and
email) with a counter in Django's default cache.
"""

import datetime
import math

from axes.backends import AxesBackend
from axes.helpers import get_client_ip_address, get_cool_off, get_failure_limit
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.views.account import PasswordResetView


class LockoutBackend(AxesBackend):
    """Axes' lockout check for every sign-in through a web request.

    Django's and Wagtail's sign-in views always pass the request; code that
    calls authenticate() without one (the test client's login(), a shell) is
    not a web sign-in, and axes would refuse it with an exception.

    AxesBackend (not the standalone one) so that, as the first backend, it can
    also load the signed-in user (get_user) for test clients' force_login()."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _retry_context(cool_off):
    retry_at = timezone.localtime() + cool_off
    return {"retry_at": retry_at, "minutes": max(1, math.ceil(cool_off.total_seconds() / 60))}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, status 429."""
    from axes.helpers import get_client_username

    cool_off = get_cool_off(request) or datetime.timedelta(minutes=15)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        **_retry_context(cool_off),
    }
    return render(request, "security/lockout.html", context, status=429)


def _count(key, window):
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, refusing more than AXES_FAILURE_LIMIT requests
    per client address (and per email address) within AXES_COOLOFF_TIME, so
    it cannot be used to flood someone's inbox or probe for accounts."""

    def post(self, request, *args, **kwargs):
        limit = get_failure_limit(request, None)
        cool_off = get_cool_off(request) or datetime.timedelta(minutes=15)
        window = int(cool_off.total_seconds())
        address = get_client_ip_address(request) or "unknown"
        email = (request.POST.get("email") or "").strip().lower()[:254]
        keys = [f"security:password-reset:ip:{address}"]
        if email:
            keys.append(f"security:password-reset:email:{email}")
        counts = [_count(key, window) for key in keys]
        if max(counts) > limit:
            return render(
                request,
                "security/password_reset_throttled.html",
                _retry_context(cool_off),
                status=429,
            )
        return super().post(request, *args, **kwargs)
