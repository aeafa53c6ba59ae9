"""Places and directors as a visitor meets them in Debian's Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_from_a_place_to_its_director_and_back(page, site_server):
    page.goto(site_server + "/places/")
    # The card, not the table of former partnerships further down (which also links there).
    page.locator(".nhsuk-card__link", has_text="Blackpool").click()
    page.wait_for_url(site_server + "/places/blackpool/")
    assert page.locator("h1").inner_text() == "Blackpool place-based partnership"

    page.get_by_role("link", name="Karen Smith").click()
    page.wait_for_url(site_server + "/directors/karen-smith/")
    assert page.locator("h1").inner_text() == "Karen Smith"
    assert page.get_by_role("img", name="Placeholder portrait showing the initials KS").count()

    page.get_by_role("link", name="Blackpool place-based partnership").click()
    page.wait_for_url(site_server + "/places/blackpool/")
    assert page.locator("h1").inner_text() == "Blackpool place-based partnership"


def test_directors_reached_from_the_header_by_keyboard(page, site_server):
    page.goto(site_server + "/places/")
    link = page.locator("a.nhsuk-header__navigation-link", has_text="Directors")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_server + "/directors/")
    names = page.locator(".nhsuk-card__link").all_inner_texts()
    assert names == ["Claire Richardson", "Karen Smith", "Jane Scattergood", "Louise Taylor"]


@pytest.mark.parametrize("path", ["/places/", "/places/south-cumbria/", "/directors/"])
def test_no_sideways_scrolling_at_320_pixels(browser, site_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto(site_server + path)
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320
    context.close()
