"""Two-factor sign-in to the Wagtail admin (django-otp).

Every admin user signs in with a password AND a code: from an authenticator
app (TOTP, enrolled with a QR code or the secret typed in) or, once each, one
of ten recovery codes shown at enrolment (django-otp's static device).
`RequireTwoFactorMiddleware` sends any signed-in user who has not passed the
second factor in this session to enrol or to enter a code before any other
admin screen. See docs/decisions/0052-sign-in-lockout-and-two-factor.md.
"""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_dev_exempt(user):
    """The local `make run` admin may skip the second factor, in DEBUG only.
    Production can never honour the list: it is read only when DEBUG is on,
    and a system check (security.E001) refuses it with DEBUG off."""
    exempt = getattr(settings, "TWO_FACTOR_DEV_EXEMPT_USERNAMES", ())
    return bool(settings.DEBUG and exempt and user.get_username() in exempt)


def has_app_device(user):
    """True once the user has enrolled an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app_device(user):
    """The user's unconfirmed authenticator device (made once, reused until
    confirmed, so reloading the enrolment page keeps the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_app_device(device):
    """Confirm an enrolled device and issue fresh recovery codes; returns them."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with ten new ones (each works once)."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_devices(user):
    """Remove every second-factor device of `user` (a lost phone): at their next
    sign-in they enrol again. Returns how many devices were removed."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


def is_app_code(code):
    """An authenticator app shows six digits; recovery codes are letters and digits."""
    return len(code) == 6 and code.isdigit()


def paused_until(devices):
    """When the first of `devices` takes a code again, if every one of them is
    paused after wrong codes (django-otp pauses a device 1, 2, 4, 8… seconds
    after each one), else None."""
    until = None
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if allowed:
            return None
        locked_until = (details or {}).get("locked_until")
        if locked_until and (until is None or locked_until < until):
            until = locked_until
    return until


def check_code(user, code):
    """Check a second-factor code against the devices it is meant for: an app's
    six digits against the user's app, anything else against their recovery
    codes (django-otp advises checking named devices rather than `match_token`,
    which charges a miss to every device tried before the one that matches).

    Returns (device, None) when a device accepts the code; (None, until) when
    those devices are paused after wrong codes, so the code was not checked and
    the person should try again at `until`; (None, None) when it was refused."""
    model = TOTPDevice if is_app_code(code) else StaticDevice
    with transaction.atomic():
        devices = list(model.objects.devices_for_user(user, confirmed=True).select_for_update())
        until = paused_until(devices)
        if until is not None:
            return None, until
        for device in devices:
            if device.verify_token(code):
                return device, None
    return None, None


def qr_code_svg(text):
    """An SVG QR code of `text` (no inline script or style, so the admin's CSP
    allows it), with a white background so it scans in dark mode too."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=4
    )
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-title" ', 1).replace(
        ">", '><title id="qr-title">QR code for your authenticator app</title>', 1
    )


def grouped_secret(device):
    """The base32 secret in groups of four, easy to type into an app."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
