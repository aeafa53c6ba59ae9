"""The page shell as a keyboard user meets it, in Debian's Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page, site_server):
    page.goto(site_server + "/what-is-a-place-based-partnership/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Skip to main content", "#maincontent"]
    assert page.locator(".nhsuk-skip-link").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "maincontent"
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_skip_link_works_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + "/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.className") == "nhsuk-skip-link"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "maincontent"
    context.close()


def test_home_page_shows_the_seed_narrative(page, site_server):
    page.goto(site_server + "/")
    assert (
        page.locator("h1").inner_text()
        == "Place-based partnerships in Lancashire and South Cumbria"
    )
    assert "27 July 2022" in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("lang") == "en-GB"
