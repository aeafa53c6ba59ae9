"""Sign-off in Chromium: an editor writes a briefing and submits it, an approver
approves it from the dashboard, and the public then sees it. Nothing is live
in between.

The people are made once per session in the browser site's own database
(Comms editors and Comms approvers groups, created by the editorial migration).
"""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.admin.editor import insert_block
from tests.browser.conftest import site_json

pytestmark = pytest.mark.browser

PASSWORD = "browser-editorial-password"
EDITOR = "browser-editor"
APPROVER = "browser-approver"
TITLE = "Briefing written in Chromium"
SLUG = "briefing-written-in-chromium"
BODY = "This briefing was typed into the admin by an editor."


@pytest.fixture(scope="session")
def editorial_site(site_server):
    """The browser site with an editor and an approver; returns the briefing index id."""
    code = (
        "import json; "
        "from django.contrib.auth import get_user_model; "
        "from django.contrib.auth.models import Group; "
        "from briefings.models import BriefingIndexPage; "
        "User = get_user_model(); "
        f"pairs = [({EDITOR!r}, 'Comms editors'), ({APPROVER!r}, 'Comms approvers')]; "
        "[User.objects.create_user(name, name + '@example.invalid', "
        f"{PASSWORD!r}).groups.add(Group.objects.get(name=group)) for name, group in pairs]; "
        "print(json.dumps({'index': BriefingIndexPage.objects.get().pk}))"
    )
    return {"base": site_server, **site_json(code)}


def _signed_in(browser, base, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.goto(base + "/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(base + "/admin/")
    return context, tab


def test_editor_submits_and_approver_approves_in_the_browser(browser, page, editorial_site):
    base = editorial_site["base"]
    public_url = f"{base}/briefings/{SLUG}/"

    # The editor writes a briefing in the page editor and submits it.
    context, editor = _signed_in(browser, base, EDITOR)
    editor.goto(f"{base}/admin/pages/add/briefings/briefingpage/{editorial_site['index']}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "What the board decided, for stakeholders.")
    editor.fill("#id_publication_date", "2022-08-05")
    textbox = insert_block(editor, "body", "Rich text").get_by_role("textbox").first
    textbox.click()
    textbox.press_sequentially(BODY)
    expect(textbox).to_contain_text(BODY)
    # Wagtail autosaves the new page as a draft and turns the form into its edit
    # form; submitting before that finishes would post the "add" form twice.
    edit_url = re.compile(r"/admin/pages/\d+/edit/$")
    try:
        editor.wait_for_url(edit_url, timeout=20_000)
    except PlaywrightTimeoutError:
        # Autosave sometimes never fires in the full suite (the server log shows
        # no POST at all), so nothing can race: save the draft as an editor would.
        editor.locator("footer button.action-save").first.click()
        editor.wait_for_url(edit_url, timeout=60_000)
    editor.wait_for_load_state("networkidle")
    # No publish button for an editor: only the sign-off.
    expect(editor.locator("button[name=action-publish]")).to_have_count(0)
    editor.locator("footer [data-w-dropdown-target=toggle]").last.click()
    editor.get_by_role("button", name="Submit to Comms sign-off").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    context.close()

    # Not public yet.
    assert page.goto(public_url).status == 404

    # The approver finds it under "Awaiting your review" and approves it.
    context, approver = _signed_in(browser, base, APPROVER)
    row = approver.locator("#awaiting-review-content tr", has_text=TITLE)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    approver.wait_for_load_state("networkidle")
    approver.goto(base + "/admin/")
    expect(approver.locator("#awaiting-review-content tr", has_text=TITLE)).to_have_count(0)
    context.close()

    # Live for everyone, with what the editor wrote.
    response = page.goto(public_url)
    assert response.status == 200
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text(BODY)
