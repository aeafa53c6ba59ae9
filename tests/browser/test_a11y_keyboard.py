"""Keyboard use, which axe cannot judge: every interactive element is reached by
Tab in DOM order with a visible focus indicator, the skip link works on every
page, and expanders open with Enter and with Space (with and without JavaScript).
"""

import subprocess
import sys

import pytest

from tests.browser.a11y import TAB_STOPS_JS, tab_through
from tests.browser.conftest import ROOT, _browser_database_url

pytestmark = pytest.mark.browser

EXPANDER_PAGE_SLUG = "accessibility-tests-expander"

# A draft ContentPage holding an NHS.UK expander, so the expander check always has
# one to open even before a section with expanders (the FAQs) exists. It is never
# published, so visitors, the sitemap and other tests never see it.
MAKE_EXPANDER_PAGE = f"""
from lscpartnerships.core.models import ContentPage
from wagtail.models import Site
home = Site.objects.get(is_default_site=True).root_page
old = ContentPage.objects.filter(slug="{EXPANDER_PAGE_SLUG}").first()
if old:
    old.delete()
page = ContentPage(
    title="Expander check",
    slug="{EXPANDER_PAGE_SLUG}",
    summary="A draft page for the keyboard tests.",
    live=False,
    body=[{{"type": "expander", "value": {{"title": "What is a place-based partnership?",
        "body": [{{"type": "richtext", "value": "<p>A collaboration of planners and providers.</p>"}}]}}}}],
)
home.add_child(instance=page)
page.save_revision()
print(page.pk)
"""

DELETE_EXPANDER_PAGE = f"""
from lscpartnerships.core.models import ContentPage
ContentPage.objects.filter(slug="{EXPANDER_PAGE_SLUG}").delete()
"""


def _shell(code):
    url, _parts, _name = _browser_database_url()
    env = {
        **__import__("os").environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def expander_draft(site_server):
    """Admin path that shows the draft expander page as it will be served."""
    pk = _shell(MAKE_EXPANDER_PAGE).splitlines()[-1]
    yield f"/admin/pages/{pk}/view_draft/"
    _shell(DELETE_EXPANDER_PAGE)


@pytest.mark.parametrize("width", [1280, 320], ids=["desktop", "320px"])
def test_tab_reaches_every_interactive_element_in_order_with_visible_focus(
    width, browser, site_server, sitemap_paths, a11y_summary
):
    """At 320 px the NHS.UK header folds its links into a "More" menu: what is
    hidden is skipped, what shows must still be reached in order."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    problems = []
    stops = 0
    try:
        for path in sitemap_paths:
            tab.goto(site_server + path)
            found, page_problems = tab_through(tab)
            stops += len(found)
            problems.extend(f"{path}: {problem}" for problem in page_problems)
    finally:
        context.close()
    a11y_summary.add(
        f"keyboard at {width} px (Tab order, visible focus)", len(sitemap_paths), stops
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_skip_link_moves_focus_to_the_main_content_on_every_page(
    javascript, browser, site_server, sitemap_paths
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    tab = context.new_page()
    problems = []
    try:
        for path in sitemap_paths:
            tab.goto(site_server + path)
            problems.extend(f"{path}: {problem}" for problem in _skip_link_problems(tab))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _skip_link_problems(tab):
    # Evaluated without JavaScript too: Playwright's evaluate runs regardless.
    tab.evaluate(TAB_STOPS_JS)
    tab.keyboard.press("Tab")
    first = tab.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    if first != ["nhsuk-skip-link", "#maincontent"]:
        return [f"the first Tab stop is {first}, not the skip link"]
    problems = []
    if not tab.locator(".nhsuk-skip-link").is_visible():
        problems.append("the skip link is not visible when focused")
    tab.keyboard.press("Enter")
    if tab.evaluate("() => document.activeElement.id") != "maincontent":
        return [*problems, "Enter on the skip link did not move focus to <main>"]
    tab.keyboard.press("Tab")
    if not tab.evaluate(FIRST_STOP_AFTER_MAIN_START_JS):
        problems.append(
            "after the skip link, Tab did not go to the first link in (or after) the main content"
        )
    return problems


# After the skip link, Tab goes to the first focusable element at or after the
# start of <main> (inside it, or the footer when the main content has no link).
FIRST_STOP_AFTER_MAIN_START_JS = """
() => {
  const main = document.getElementById("maincontent");
  const after = (el) => main.contains(el) ||
    !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return document.activeElement === window.__a11yStops.find(after);
}
"""

OPEN_WITH_KEYS_JS = """
(details) => {
  const summary = details.querySelector(':scope > summary');
  summary.scrollIntoView();
  summary.focus();
  return document.activeElement === summary;
}
"""


def _expander_problems(tab, label):
    problems = []
    details = tab.locator("main details")
    for index in range(details.count()):
        item = details.nth(index)
        text = item.locator(":scope > summary").inner_text().strip()
        content = item.locator(":scope > :not(summary)").first
        for key in ("Enter", "Space"):
            if item.evaluate("d => d.open"):
                item.evaluate("d => { d.open = false; }")
            if not item.evaluate(OPEN_WITH_KEYS_JS):
                problems.append(f"{label}: the expander “{text}” cannot take focus")
                break
            tab.keyboard.press(key)
            if not item.evaluate("d => d.open") or not content.is_visible():
                problems.append(f"{label}: {key} does not open the expander “{text}”")
                continue
            tab.keyboard.press(key)
            if item.evaluate("d => d.open"):
                problems.append(f"{label}: {key} does not close the expander “{text}” again")
    return problems, details.count()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_expanders_open_with_enter_and_space(
    javascript, browser, admin_page, site_server, sitemap_paths, expander_draft, a11y_summary
):
    # The draft page needs a signed-in editor; the sitemap pages are the visitor's.
    editor = browser.new_context(
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
        storage_state=admin_page.context.storage_state(),
    )
    visitor = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    problems = []
    checked = 0
    pages = 0
    try:
        for context, paths in ((editor, [expander_draft]), (visitor, sitemap_paths)):
            tab = context.new_page()
            for path in paths:
                tab.goto(site_server + path)
                found, count = _expander_problems(tab, path)
                problems.extend(found)
                checked += count
                pages += 1 if count else 0
    finally:
        editor.close()
        visitor.close()
    assert checked, "No expander was found to check"
    a11y_summary.add(
        f"expanders (Enter and Space, {'with' if javascript else 'without'} JS)", pages, checked
    )
    assert not problems, "\n".join(problems)
