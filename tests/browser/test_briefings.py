"""Briefings as a stakeholder uses them in Chromium: find the seed briefing,
download its PDF from the public page, and filter the list without JavaScript."""

import re

import pytest

from lscpartnerships.core.loading import fixture, seed_file

BRIEFING = fixture("briefings:review-stakeholder-briefing")["fields"]
SLUG, TITLE = BRIEFING["slug"], BRIEFING["title"]

pytestmark = pytest.mark.browser

BRIEFING_PATH = f"/briefings/{SLUG}/"


def test_download_the_briefing_pdf_from_the_public_page(page, site_server):
    page.goto(site_server + "/briefings/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(site_server + BRIEFING_PATH)

    link = page.get_by_role("link", name=re.compile(r"\(PDF, \d+ KB, \d+ pages\)$"))
    assert re.fullmatch(rf"{re.escape(TITLE)} \(PDF, \d+ KB, 2 pages\)", link.inner_text())
    href = link.get_attribute("href")
    assert re.fullmatch(r"/documents/\d+/[a-z0-9-]+/", href)

    # The browser's own request, as a visitor without cookies makes it.
    response = page.request.get(site_server + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == seed_file(
        "briefings:document:review-stakeholder-briefing"
    )  # the very bytes the loader uploaded

    # Following the link opens the PDF in the browser rather than a download.
    with page.expect_response(lambda r: r.url.endswith(href)) as opened:
        link.click()
    assert opened.value.status == 200


def test_accessible_format_request_opens_the_request_form(page, site_server):
    page.goto(site_server + BRIEFING_PATH)
    request = page.get_by_role(
        "link", name=re.compile("^Request an accessible format of this document")
    )
    assert re.fullmatch(r"/accessible-format/\d+/", request.get_attribute("href"))
    request.click()
    page.wait_for_url(re.compile(r".*/accessible-format/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Request an accessible format"


def test_filter_by_place_works_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + "/briefings/")
    options = tab.locator("#id_place option").all_inner_texts()
    tab.select_option("#id_place", index=len(options) - 1)
    tab.get_by_role("button", name="Show briefings").click()
    assert "place=" in tab.url
    assert tab.locator("meta[name=robots]").get_attribute("content") == "noindex"
    assert tab.locator("#results").inner_text().endswith(options[-1])
    context.close()


def test_contents_list_jumps_to_its_section(page, site_server):
    page.goto(site_server + BRIEFING_PATH)
    page.locator(".nhsuk-contents-list").get_by_role("link", name="Next steps").click()
    assert page.url.endswith("#next-steps")
    assert page.locator("#next-steps").is_visible()
