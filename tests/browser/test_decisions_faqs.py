"""Board decisions and FAQs as a visitor meets them in Debian's Chromium:
expanders that open from the keyboard and without JavaScript, links straight
to one answer, and the year filter as a plain form."""

import pytest

pytestmark = pytest.mark.browser

FAQ = "/frequently-asked-questions/"
SLUG = "why-did-the-boundaries-change"


def is_open(tab, selector):
    return tab.evaluate(f"() => document.querySelector('{selector}').open")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_expander_opens_and_closes_from_the_keyboard(page, site_server, key):
    page.goto(site_server + FAQ)
    summary = page.locator(f"#{SLUG} > summary")
    # Reach it with Tab, as a keyboard user would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the question")
    assert not is_open(page, f"#{SLUG}")
    assert not page.locator(f"#{SLUG} .nhsuk-details__text").is_visible()
    page.keyboard.press(key)
    assert is_open(page, f"#{SLUG}")
    assert page.locator(f"#{SLUG} .nhsuk-details__text").is_visible()
    assert "hospital flow" in page.locator(f"#{SLUG} .nhsuk-details__text").inner_text()
    page.keyboard.press(key)
    assert not is_open(page, f"#{SLUG}")


def test_expanders_work_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + FAQ)
    tab.locator(f"#{SLUG} > summary").click()
    assert is_open(tab, f"#{SLUG}")
    assert tab.locator(f"#{SLUG} .nhsuk-details__text").is_visible()
    # A link straight to a question still lands on it.
    tab.goto(site_server + FAQ + "#what-happens-next")
    assert tab.evaluate("() => document.querySelector(':target').id") == "what-happens-next"
    assert tab.locator("#what-happens-next").is_visible()
    context.close()


def test_link_to_a_question_targets_and_opens_it(page, site_server):
    page.goto(site_server + FAQ + "#" + SLUG)
    assert page.evaluate("() => document.querySelector(':target').id") == SLUG
    page.wait_for_function(f"() => document.getElementById('{SLUG}').open")
    box = page.locator(f"#{SLUG}").bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    # The list of questions at the top links to each answer and opens it.
    page.goto(site_server + FAQ)
    page.get_by_role("link", name="What happens next?").click()
    page.wait_for_function("() => document.getElementById('what-happens-next').open")
    assert page.url.endswith("#what-happens-next")


def test_year_filter_works_as_a_plain_form_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + "/board-decisions/")
    tab.get_by_label("Year of the board meeting").select_option("2022")
    tab.get_by_role("button", name="Show decisions").click()
    assert tab.url.endswith("/board-decisions/?year=2022")
    assert tab.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert "Aligning place-based partnerships" in tab.locator("main").inner_text()
    context.close()


def test_decision_page_reads_in_order(page, site_server):
    page.goto(site_server + "/board-decisions/align-to-local-authority-boundaries/")
    headings = page.locator("main h1, main h2").all_inner_texts()
    assert headings[0] == "Aligning place-based partnerships to local authority boundaries"
    assert headings[1:3] == ["What the board decided", "Why the board made this decision"]
    assert headings[-1] == "Page history"
    assert page.locator(".nhsuk-tag").inner_text() == "Being implemented"
    # Reflows at 320px without sideways scrolling, once the resize has settled
    # (the NHS.UK header's script re-fits its menu on the resize event).
    page.set_viewport_size({"width": 320, "height": 800})
    page.wait_for_function("() => document.documentElement.scrollWidth <= 320", timeout=10_000)
