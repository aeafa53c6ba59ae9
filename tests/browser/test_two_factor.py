"""Two-factor sign-in and lockout in Chromium, as a person sees them: enrol an
authenticator app from the QR code page (the code computed here from the
secret the page shows), sign in again with a code, use a recovery code, be
locked out and read the message. Screenshots go to test-artifacts/screenshots/."""

import re
import time

import pytest

from tests.browser.a11y import describe_violations, run_axe
from tests.browser.conftest import (
    ROOT,
    hex_key_from_secret,
    manual_second_factor,
    site_shell,
    totp_code,
)

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "a-long-browser-password"


def _create_user(username):
    site_shell(
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser({username!r}, "
        f"{username!r} + '@example.invalid', {PASSWORD!r})"
    )


def _shot(tab, name):
    """Save a full-page screenshot, after checking the screen with axe-core."""
    results = run_axe(tab)
    assert not results["violations"], describe_violations(name, results)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def _manual_tab(browser, base):
    context = manual_second_factor(browser.new_context(viewport={"width": 1280, "height": 900}))
    tab = context.new_page()
    tab.goto(base + "/admin/login/")
    return context, tab


def _submit_password(tab, username, password=PASSWORD):
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    with tab.expect_navigation():
        tab.click("button[type=submit]")


def test_enrol_then_sign_in_with_an_app_code_and_a_recovery_code(browser, site_server):
    base = site_server
    _create_user("browser-enrol")

    # Signing in with the password leads to enrolment.
    context, tab = _manual_tab(browser, base)
    _submit_password(tab, "browser-enrol")
    assert "/admin/2fa/setup/" in tab.url
    _shot(tab, "two-factor-enrol")
    assert tab.locator("#main > h1").inner_text() == "Set up two-factor sign-in"
    assert tab.get_by_role("img", name="QR code for your authenticator app").is_visible()
    secret = tab.locator("[data-secret]").inner_text()
    key = hex_key_from_secret(secret)
    _shot(tab, "two-factor-enrol")

    tab.locator("#id_code").fill(totp_code(key))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert "/admin/2fa/recovery-codes/" in tab.url
    codes = tab.locator("[data-recovery-code]").all_inner_texts()
    assert len(codes) == 10
    _shot(tab, "two-factor-recovery-codes")
    with tab.expect_navigation():
        tab.get_by_role("link", name="I have saved my recovery codes").click()
    assert tab.url == base + "/admin/"
    context.close()

    # Next sign-in: the code page. A wrong code is refused with a message.
    context, tab = _manual_tab(browser, base)
    _submit_password(tab, "browser-enrol")
    assert "/admin/2fa/verify/" in tab.url
    tab.locator("#id_code").fill("000000")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continue").click()
    assert "That code did not work" in tab.locator(".error-message").inner_text()
    _shot(tab, "two-factor-code-entry-error")
    time.sleep(1.1)  # django-otp pauses a device for a second after a wrong code
    # The enrolment used this 30-second step's code; the app's next one is accepted.
    tab.locator("#id_code").fill(totp_code(key, at=time.time() + 30))
    _shot(tab, "two-factor-code-entry")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continue").click()
    assert tab.url == base + "/admin/"
    context.close()

    # Without the phone: a recovery code, once.
    context, tab = _manual_tab(browser, base)
    _submit_password(tab, "browser-enrol")
    tab.locator("#id_code").fill(codes[0])
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continue").click()
    assert tab.url == base + "/admin/"
    assert "You have 9 left" in tab.locator(".messages").inner_text()
    context.close()

    context, tab = _manual_tab(browser, base)
    _submit_password(tab, "browser-enrol")
    tab.locator("#id_code").fill(codes[0])
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continue").click()
    assert "/admin/2fa/verify/" in tab.url
    context.close()


def test_a_paused_app_is_explained_not_called_wrong(browser, site_server):
    """After wrong codes the app is paused; a right code typed then is not checked,
    and the screen says when to try again."""
    key = "ab" * 20
    _create_user("browser-paused")
    # Six wrong codes in a row: paused for 32 s, ample on a slow, busy machine.
    site_shell(
        "from django.contrib.auth import get_user_model; from django.utils import timezone; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        "TOTPDevice.objects.create(user=get_user_model().objects.get(username='browser-paused'), "
        f"name='Authenticator app', key={key!r}, confirmed=True, "
        "throttling_failure_count=6, throttling_failure_timestamp=timezone.now())"
    )
    context, tab = _manual_tab(browser, site_server)
    _submit_password(tab, "browser-paused")
    assert "/admin/2fa/verify/" in tab.url
    tab.locator("#id_code").fill(totp_code(key))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continue").click()
    message = tab.locator(".error-message").inner_text()
    assert "That code did not work" not in message
    assert re.search(
        r"Too many wrong codes, so that code was not checked\. Wait until \d\d:\d\d:\d\d \(\d+ seconds from now\)",
        message,
    ), message
    assert "or enter a recovery code now" in message
    assert "/admin/2fa/verify/" in tab.url
    _shot(tab, "two-factor-code-entry-paused")
    context.close()

    # Enrolling: the new app paused after wrong codes, the same explanation.
    _create_user("browser-paused-enrol")
    context, tab = _manual_tab(browser, site_server)
    _submit_password(tab, "browser-paused-enrol")
    assert "/admin/2fa/setup/" in tab.url
    key = hex_key_from_secret(tab.locator("[data-secret]").inner_text())
    site_shell(  # paused for 32 s, as above
        "from django.utils import timezone; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        "TOTPDevice.objects.filter(user__username='browser-paused-enrol').update("
        "throttling_failure_count=6, throttling_failure_timestamp=timezone.now())"
    )
    tab.locator("#id_code").fill(totp_code(key))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Turn on two-factor sign-in").click()
    message = tab.locator(".error-message").inner_text()
    assert re.search(r"was not checked\. Wait until \d\d:\d\d:\d\d \(\d+ seconds", message)
    assert "recovery code" not in message  # none issued yet
    assert "/admin/2fa/setup/" in tab.url
    _shot(tab, "two-factor-enrol-paused")
    context.close()


def test_locked_out_after_five_failures_with_a_clear_message(browser, site_server):
    _create_user("browser-locked")
    context, tab = _manual_tab(browser, site_server)
    for _ in range(5):
        _submit_password(tab, "browser-locked", "wrong-password-guess")
    assert tab.locator("#main > h1").inner_text() == "Signing in is paused"
    # The right password, too late.
    tab.get_by_role("link", name="Back to sign in").click()
    _submit_password(tab, "browser-locked")
    assert tab.locator("#main > h1").inner_text() == "Signing in is paused"
    alert = tab.get_by_role("alert").inner_text()
    assert "5 unsuccessful attempts" in alert
    assert re.search(r"cannot sign in again until \d\d:\d\d \(1[45] minutes from now\)", alert)
    _shot(tab, "sign-in-lockout")
    context.close()


def test_admin_page_fixture_completes_the_second_factor(browser, admin_page, site_server):
    """Every browser test that signs in (admin_page, or its own login form
    filling) gets past the second factor without knowing about it."""
    assert admin_page.url == site_server + "/admin/"
    # A user without an app yet, signing in by filling the form as other tests do.
    _create_user("browser-auto")
    for _ in range(2):  # enrolment, then a code on the next sign-in
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(site_server + "/admin/login/")
        tab.fill("#id_username", "browser-auto")
        tab.fill("#id_password", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url(site_server + "/admin/")
        assert tab.locator("#main > h1, main h1").first.is_visible()
        context.close()


def test_the_browser_admin_signs_in_whatever_misses_its_apps_carry(browser, site_server):
    """The fixture's own guarantee. The sign-in screen tries a code on each of a
    user's apps in turn, and every app that does not match counts a miss and
    pauses (1, 2, 4… s). The browser admin has forty apps, so a burst of
    sign-ins (test_admin_screens opens a dozen screens in a row) charges misses
    to the apps tried first; CI once lost a minute of tests when the app whose
    turn had come was still paused. Here three wrong codes pause every app for
    four seconds, and the next sign-in must still need one code, not forty."""
    from tests.browser.conftest import BROWSER_ADMIN, _complete_second_factor, _form_value

    context = browser.new_context()
    request = context.request
    login = request.get(site_server + "/admin/login/")
    answer = request.post(
        site_server + "/admin/login/",
        form={
            "csrfmiddlewaretoken": _form_value(login.text(), "csrfmiddlewaretoken"),
            "username": BROWSER_ADMIN[0],
            "password": BROWSER_ADMIN[1],
        },
        max_redirects=0,
    )
    assert answer.status == 302
    verify = site_server + request.get(site_server + "/admin/", max_redirects=0).headers["location"]
    assert "/admin/2fa/verify/" in verify
    for pause in (1.1, 2.1, 0):
        token = _form_value(request.get(verify).text(), "csrfmiddlewaretoken")
        wrong = request.post(verify, form={"csrfmiddlewaretoken": token, "code": "000000"})
        assert "That code did not work" in wrong.text()
        time.sleep(pause)

    assert _complete_second_factor(request, verify, BROWSER_ADMIN[0]) == 0
    assert request.get(site_server + "/admin/", max_redirects=0).status == 200
    context.close()
