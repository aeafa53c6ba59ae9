"""Security screens: /.well-known/security.txt (RFC 9116) and the two-factor
sign-in screens of the admin (enrol, enter a code, recovery codes, reset)."""

import datetime
import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, user_passes_test
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe
from django_otp import login as otp_login

from lscpartnerships.core.models import SiteSettings

from . import two_factor
from .forms import CodeForm


@require_safe
@cache_control(max_age=3600, public=True)
def security_txt(request):
    """Contact and expiry come from the site settings editors manage. Without
    a contact, or once expired, there is nothing trustworthy to say: 404."""
    settings = SiteSettings.for_request(request)
    contact = (settings.security_contact or "").strip()
    expires = settings.security_txt_expires
    if not contact or expires is None or expires < timezone.localdate():
        raise Http404("No security contact is published.")
    if not contact.startswith("https://"):
        contact = f"mailto:{contact}"
    expiry = datetime.datetime.combine(expires, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expiry.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# -- two-factor sign-in to the admin -------------------------------------------


logger = logging.getLogger(__name__)
RECOVERY_CODES_SESSION_KEY = "security_new_recovery_codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


#: What to do after a pause, by the kind of code that met it.
AFTER_PAUSE = {
    "app": "then enter the code your app shows at that time, or enter a recovery code now.",
    "recovery": "then enter the recovery code again, or enter the code your app shows now.",
    "enrolment": "then enter the code your app shows at that time.",
}


def _paused_message(until, kind):
    """After wrong codes django-otp pauses the device; a code typed during the
    pause is not checked, so say so and when to try again, rather than call a
    right code wrong."""
    seconds = max(1, round((until - timezone.now()).total_seconds()))
    at = timezone.localtime(until).strftime("%H:%M:%S")
    wait = f"{seconds} second{'s' if seconds != 1 else ''}"
    return (
        f"Too many wrong codes, so that code was not checked. Wait until {at} "
        f"({wait} from now), {AFTER_PAUSE[kind]}"
    )


def _admin_login_required(view):
    return never_cache(login_required(view, login_url="wagtailadmin_login"))


@_admin_login_required
@sensitive_post_parameters("code")
def two_factor_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret), then
    prove it works by entering a code. Confirming issues recovery codes."""
    if two_factor.has_app_device(request.user):
        return redirect(reverse("security_two_factor_verify") + f"?next={_next_url(request)}")
    device = two_factor.pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = two_factor.paused_until([device])
        if until is not None:
            form.add_error("code", _paused_message(until, "enrolment"))
        elif device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_app_device(device)
            otp_login(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            logger.info("Two-factor enrolled for user %s", request.user.pk)
            return redirect(
                reverse("security_two_factor_recovery_codes") + f"?next={_next_url(request)}"
            )
        else:
            form.add_error(
                "code",
                "That code did not work. Check the time on your phone is right, wait for a "
                "new code and enter it.",
            )
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device.config_url),
            "secret": two_factor.grouped_secret(device),
            "next": _next_url(request),
        },
    )


@_admin_login_required
def two_factor_recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return render(
        request,
        "security/two_factor_recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@_admin_login_required
@sensitive_post_parameters("code")
def two_factor_verify(request):
    """Second step of signing in: a code from the app or a recovery code."""
    if not two_factor.has_app_device(request.user):
        return redirect(reverse("security_two_factor_setup") + f"?next={_next_url(request)}")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, until = two_factor.check_code(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = device.token_set.count()
                messages.warning(
                    request,
                    f"You signed in with a recovery code. You have {left} left: each works "
                    "once. If you lost your phone, ask an administrator to reset your "
                    "two-factor sign-in.",
                )
            return redirect(_next_url(request))
        if until is not None:
            logger.warning("Two-factor code not checked for user %s: paused", request.user.pk)
            kind = "app" if two_factor.is_app_code(form.cleaned_data["code"]) else "recovery"
            form.add_error("code", _paused_message(until, kind))
        else:
            logger.warning("Wrong two-factor code for user %s", request.user.pk)
            form.add_error(
                "code",
                "That code did not work. Enter the code your app shows now, or one of "
                "your recovery codes.",
            )
    return render(
        request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def is_user_administrator(user):
    """Who may reset someone's second factor: those who may edit users."""
    return user.is_active and (user.is_superuser or user.has_perm("auth.change_user"))


@never_cache
@user_passes_test(is_user_administrator, login_url="wagtailadmin_login")
def two_factor_reset(request, user_id):
    """An administrator removes a user's devices (a lost phone): at their next
    sign-in they enrol again. GET asks for confirmation; POST does it."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method != "POST":
        return render(request, "security/two_factor_reset.html", {"target": user})
    removed = two_factor.reset_devices(user)
    logger.warning(
        "Two-factor devices of user %s reset by user %s (%s removed)",
        user.pk,
        request.user.pk,
        removed,
    )
    messages.success(
        request,
        f"Two-factor sign-in reset for {user.get_username()}: they will set up an "
        "authenticator app at their next sign-in.",
    )
    return redirect("wagtailusers_users:index")
