"""The admin works under the site's own security policy, in Chromium.

Opening a briefing in the page editor, a date picker, a page chooser and the
preview panel (with the briefing inside its frame) logs no Content-Security-
Policy violation and no console error; public pages keep the strict policy and
refuse to be framed. Putting `script-src 'self'` back on /admin/ makes these fail.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import site_json
from tests.browser.csp_watch import Watch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def briefing(site_server):
    """Id, title and public URL of a briefing from the initial content."""
    code = (
        "import json; from briefings.models import BriefingPage; "
        "page = BriefingPage.objects.live().order_by('pk').first(); "
        "print(json.dumps({'id': page.pk, 'title': page.title, 'url': page.url}))"
    )
    return site_json(code)


@pytest.fixture
def watched_admin(admin_page):
    return admin_page, Watch(admin_page)


def open_editor(tab, base, briefing):
    tab.goto(f"{base}/admin/pages/{briefing['id']}/edit/")
    expect(tab.locator("#id_title")).to_have_value(briefing["title"])
    # Wagtail's editor scripts have run once the StreamField is drawn.
    expect(tab.locator("[data-streamfield-stream-container]").first).to_be_attached()


def test_page_editor_date_picker_and_chooser_work_under_the_admin_policy(
    watched_admin, site_server, briefing
):
    tab, watch = watched_admin
    open_editor(tab, site_server, briefing)

    # Date picker (publication date): Wagtail's calendar opens.
    tab.locator("#id_publication_date").click()
    calendar = tab.locator(".xdsoft_datetimepicker:visible")
    expect(calendar).to_have_count(1)
    expect(calendar.locator(".xdsoft_calendar")).to_be_visible()
    tab.keyboard.press("Escape")
    tab.locator("#id_title").click()

    # Page chooser (related board decision, already chosen): "Choose another page"
    # opens the modal, which lists the board decisions.
    chooser = tab.locator("#id_related_decision-chooser")
    chooser.get_by_role("button", name="Actions").click()
    chooser.get_by_role("button", name="Choose another page").click()
    modal = tab.locator(".modal-dialog")
    expect(modal.get_by_role("heading", name="Choose Board decision")).to_be_visible()
    expect(
        modal.get_by_role("link", name=re.compile("Aligning place-based partnerships"))
    ).to_be_visible()
    modal.get_by_role("button", name="Close").click()
    expect(modal).to_be_hidden()

    watch.assert_clean()


def test_preview_panel_shows_the_briefing_under_the_admin_policy(
    watched_admin, site_server, briefing
):
    tab, watch = watched_admin
    open_editor(tab, site_server, briefing)
    tab.locator("[data-side-panel-toggle='preview']").click()
    frame = tab.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text(briefing["title"], timeout=20_000)
    # The checks panel runs axe inside the framed preview and reports its count.
    tab.locator("[data-side-panel-toggle='checks']").click()
    checks = tab.locator("[data-side-panel='checks']")
    expect(checks).to_contain_text("Issues found", timeout=20_000)
    expect(checks).to_contain_text("Reading time")
    watch.assert_clean()


def test_public_pages_stay_strict_and_unframeable(page, site_server, briefing):
    watch = Watch(page)
    response = page.goto(site_server + briefing["url"])
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    watch.assert_clean()
    # A page that frames the site's public page gets Chromium's refusal instead.
    page.set_content(f'<iframe id="f" src="{site_server + briefing["url"]}"></iframe>')
    page.wait_for_timeout(1500)
    framed = page.frame_locator("#f").locator("body")
    expect(framed).not_to_contain_text(briefing["title"])
