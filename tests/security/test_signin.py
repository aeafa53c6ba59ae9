"""Sign-in hardening through the real admin screens (Django test client, real
PostgreSQL): lockout after repeated failures, throttled password reset,
two-factor sign-in for every admin user, idle sessions and password length."""

import base64
import datetime
import os
import re
import subprocess
import sys
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lscpartnerships.security.checks import two_factor_exemption_only_in_debug

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.invalid", PASSWORD)


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username="editor", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def code_for(device, step_offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_offset * device.step
    return f"{totp.token():06d}"


# -- lockout --------------------------------------------------------------------


def test_five_failures_lock_the_username_from_that_address(home, editor):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(4):
        response = sign_in(client, password="wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = sign_in(client, password="wrong")
    assert locked.status_code == 429
    # Even the right password is refused now, with a message saying when to retry.
    refused = sign_in(client)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert 'role="alert"' in text
    assert "you cannot sign in again until" in text
    assert re.search(r"until \d\d:\d\d \(1[45] minutes from now\)", text), text
    assert "_auth_user_id" not in client.session
    # Attempts are recorded (axes' admin and management commands read them).
    assert AccessAttempt.objects.filter(username="editor").exists()

    # The same username from another address, and another username, are not locked.
    assert sign_in(Client(), REMOTE_ADDR="10.1.2.3").status_code == 302

    # An administrator unlocks the account.
    call_command("axes_reset_username", "editor", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(Client()).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2, AXES_COOLOFF_TIME=datetime.timedelta(minutes=3))
def test_lockout_limits_are_settings(home, editor):
    client = Client()
    sign_in(client, password="wrong")
    assert sign_in(client, password="wrong").status_code == 429
    assert "(3 minutes from now)" in sign_in(client).content.decode()


def test_password_reset_requests_are_throttled(home, editor):
    from django.core import mail

    client = Client()
    for _ in range(5):
        response = client.post("/admin/password_reset/", {"email": "editor@example.invalid"})
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    refused = client.post("/admin/password_reset/", {"email": "editor@example.invalid"})
    assert refused.status_code == 429
    assert "too many requests to reset a password" in refused.content.decode()
    assert len(mail.outbox) == 5
    # Changing the email address does not get round it from the same address.
    other = client.post("/admin/password_reset/", {"email": "someone@example.invalid"})
    assert other.status_code == 429


# -- two-factor sign-in ---------------------------------------------------------------


def test_every_admin_user_must_enrol_then_enter_codes(home, editor):
    client = Client()
    assert sign_in(client).status_code == 302
    # The password alone opens nothing: every admin screen leads to enrolment.
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/api/main/pages/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/2fa/setup/?next="), path
    # The icon sprite the two-factor screens themselves load is not redirected.
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200 and b"<svg" in sprite.content

    setup = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert setup.status_code == 200
    page = setup.content.decode()
    assert "<svg" in page and "QR code for your authenticator app" in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)
    text = secret.replace(" ", "")
    assert base64.b32decode(text + "=" * (-len(text) % 8)) == device.bin_key

    wrong = client.post("/admin/2fa/setup/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "That code did not work" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp throttles a device for a second after a wrong code

    done = client.post("/admin/2fa/setup/", {"code": code_for(device), "next": "/admin/pages/"})
    assert done["Location"].startswith("/admin/2fa/recovery-codes/")
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"data-recovery-code>([a-z0-9]+)<", codes_page)
    assert len(codes) == 10
    # Shown once only.
    assert client.get("/admin/2fa/recovery-codes/").status_code == 302
    assert client.get("/admin/pages/").status_code == 200

    # Next sign-in: password, then a code from the app.
    client = Client()
    sign_in(client)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/verify/", {"code": "123456"}).status_code == 200
    time.sleep(1.1)
    ok = client.post(
        "/admin/2fa/verify/", {"code": code_for(TOTPDevice.objects.get(user=editor), 1)}
    )
    assert ok.status_code == 302
    assert client.get("/admin/").status_code == 200

    # A recovery code works once.
    for expected in (302, 200):
        client = Client()
        sign_in(client)
        response = client.post("/admin/2fa/verify/", {"code": codes[0], "next": "/admin/"})
        assert response.status_code == expected
    assert StaticDevice.objects.get(user=editor).token_set.count() == 9


def test_a_used_app_code_cannot_be_replayed(home, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    first, second = Client(), Client()
    sign_in(first)
    sign_in(second)
    code = code_for(device)
    assert first.post("/admin/2fa/verify/", {"code": code}).status_code == 302
    assert second.post("/admin/2fa/verify/", {"code": code}).status_code == 200


def _pause(device, failures):
    """As django-otp leaves a device after `failures` wrong codes in a row."""
    device.throttling_failure_count = failures
    device.throttling_failure_timestamp = timezone.now()
    device.save()


def test_a_code_typed_while_the_app_is_paused_is_not_called_wrong(home, editor):
    """After wrong codes django-otp pauses the app 1, 2, 4, 8… seconds and does not
    check a code typed meanwhile. The screen says so and when to try again, instead
    of calling a right code wrong; a recovery code still works, and neither the
    pause nor the recovery code charges the app another miss."""
    from lscpartnerships.security import two_factor

    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    codes = two_factor.new_recovery_codes(editor)
    _pause(device, 5)  # 16 seconds

    client = Client()
    sign_in(client)
    response = client.post("/admin/2fa/verify/", {"code": code_for(device)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "That code did not work" not in page
    assert re.search(
        r"Too many wrong codes, so that code was not checked\. Wait until "
        r"\d\d:\d\d:\d\d \(1[56] seconds from now\), then enter the code your app shows",
        page,
    ), page
    device.refresh_from_db()
    assert device.throttling_failure_count == 5 and device.last_t == -1  # not used up

    # Recovery codes pause on their own, and the screen then says so.
    recovery = StaticDevice.objects.get(user=editor)
    _pause(recovery, 2)
    paused = client.post("/admin/2fa/verify/", {"code": codes[0]}).content.decode()
    assert "then enter the recovery code again, or enter the code your app shows now" in paused
    _pause(recovery, 0)

    # Without the phone, a recovery code works during the app's pause.
    response = client.post("/admin/2fa/verify/", {"code": codes[0]})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 5

    # Once the pause is over, the app's code works.
    device.throttling_failure_timestamp = timezone.now() - datetime.timedelta(seconds=17)
    device.save()
    client = Client()
    sign_in(client)
    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302


def test_a_wrong_recovery_code_does_not_pause_the_app(home, editor):
    from lscpartnerships.security import two_factor

    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    two_factor.new_recovery_codes(editor)
    client = Client()
    sign_in(client)
    wrong = client.post("/admin/2fa/verify/", {"code": "abcdefgh"})
    assert "That code did not work" in wrong.content.decode()
    assert StaticDevice.objects.get(user=editor).throttling_failure_count == 1
    # The app was not asked, so its code works at once.
    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302


def test_only_a_confirmed_app_signs_in(home, editor):
    """An app whose enrolment was never finished (its key shown, no code proven)
    opens nothing."""
    confirmed = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    unconfirmed = TOTPDevice.objects.create(user=editor, name="Half-enrolled", confirmed=False)
    client = Client()
    sign_in(client)
    assert client.post("/admin/2fa/verify/", {"code": code_for(unconfirmed)}).status_code == 200
    time.sleep(1.1)  # the refusal paused the confirmed app for a second
    assert client.post("/admin/2fa/verify/", {"code": code_for(confirmed)}).status_code == 302


def test_enrolment_says_when_a_paused_app_can_be_confirmed(home, editor):
    client = Client()
    sign_in(client)
    client.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    _pause(device, 3)  # 4 seconds
    response = client.post("/admin/2fa/setup/", {"code": code_for(device)})
    assert response.status_code == 200
    assert re.search(
        r"Wait until \d\d:\d\d:\d\d \([34] seconds from now\)", response.content.decode()
    )
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 3


def test_an_administrator_resets_a_users_second_factor(home, editor, admin_client):
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    from lscpartnerships.security.two_factor import new_recovery_codes

    new_recovery_codes(editor)
    listing = admin_client.get("/admin/users/")
    assert f"/admin/2fa/reset/{editor.pk}/" in listing.content.decode()
    assert admin_client.get(f"/admin/2fa/reset/{editor.pk}/").status_code == 200
    response = admin_client.post(f"/admin/2fa/reset/{editor.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    # The user enrols again at their next sign-in.
    client = Client()
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_only_user_administrators_may_reset(home, editor, django_user_model):
    from django.contrib.auth.models import Group

    approver = django_user_model.objects.create_user("approver", "a@example.invalid", PASSWORD)
    approver.groups.add(Group.objects.get(name="Comms approvers"))
    client = Client()
    client.force_login(approver)
    assert client.post(f"/admin/2fa/reset/{editor.pk}/").status_code == 302  # to login
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    client.post(f"/admin/2fa/reset/{editor.pk}/")
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_reset_two_factor_command(editor):
    TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    call_command("reset_two_factor", "editor", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_development_exemption_is_never_honoured_with_debug_off(home, editor):
    with override_settings(DEBUG=False, TWO_FACTOR_DEV_EXEMPT_USERNAMES=["editor"]):
        client = Client()
        sign_in(client)
        assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
        errors = two_factor_exemption_only_in_debug(None)
        assert [error.id for error in errors] == ["security.E001"]
    with override_settings(DEBUG=True, TWO_FACTOR_DEV_EXEMPT_USERNAMES=["editor"]):
        assert two_factor_exemption_only_in_debug(None) == []
        client = Client()
        sign_in(client)
        assert client.get("/admin/").status_code == 200


def test_development_settings_exempt_only_the_local_admin():
    """`make run` (dev settings, DEBUG on) exempts the local admin; the same
    settings with DEBUG off refuse to start checks (security.E001)."""
    from tests.core.test_settings import ROOT

    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "lscpartnerships.settings.dev"
    code = "from django.conf import settings; print(settings.TWO_FACTOR_DEV_EXEMPT_USERNAMES)"
    shell = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "['admin']", result.stderr
    result = subprocess.run(
        shell, cwd=ROOT, env={**env, "DEBUG": "false"}, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


# -- sessions and passwords -------------------------------------------------------------


def test_sessions_end_after_eight_idle_hours(home, editor):
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Every request renews the 8 hours.
    renewed = session.expire_date
    assert renewed - timezone.now() > datetime.timedelta(hours=7, minutes=59)
    # Idle past the limit: signed out.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Xk7#pq2!Lm9")
    validate_password("Xk7#pq2!Lm9z")
