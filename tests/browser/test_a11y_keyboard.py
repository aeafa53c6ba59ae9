"""Keyboard use, which axe cannot judge: every interactive element is reached by
Tab in DOM order with a visible focus indicator, the skip link works on every
page, and expanders open with Enter and with Space (with and without JavaScript).
"""

import pytest

from tests.browser.a11y import expander_problems
from tests.browser.conftest import site_shell

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


@pytest.fixture(scope="module")
def expander_draft(site_server):
    """Admin path that shows the draft expander page as it will be served."""
    pk = site_shell(MAKE_EXPANDER_PAGE)
    yield f"/admin/pages/{pk}/view_draft/"
    site_shell(DELETE_EXPANDER_PAGE)


@pytest.mark.parametrize("setting", ["desktop", "320px"])
def test_tab_reaches_every_interactive_element_in_order_with_visible_focus(
    setting, a11y_crawl, a11y_summary
):
    """At 320 px the NHS.UK header folds its links into a "More" menu: what is
    hidden is skipped, what shows must still be reached in order."""
    results = a11y_crawl(setting)
    problems = []
    stops = 0
    for path, visit in results.items():
        if visit["status"] != 200:
            continue
        found, page_problems = visit["tab"]
        stops += len(found)
        problems.extend(f"{path}: {problem}" for problem in page_problems)
    a11y_summary.add(f"keyboard, {setting} (Tab order, visible focus)", len(results), stops)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("setting", ["desktop", "desktop-no-js"])
def test_skip_link_moves_focus_to_the_main_content_on_every_page(setting, a11y_crawl):
    problems = [
        f"{path}: {problem}"
        for path, visit in a11y_crawl(setting).items()
        for problem in visit["skip"]
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("setting", ["desktop", "desktop-no-js"])
def test_expanders_open_with_enter_and_space(
    setting, browser, admin_page, site_server, expander_draft, a11y_crawl, a11y_summary
):
    problems = []
    checked = 0
    pages = 0
    for path, visit in a11y_crawl(setting).items():
        found, count = visit["expanders"]
        problems.extend(f"{path}: {problem}" for problem in found)
        checked += count
        pages += 1 if count else 0
    # The draft page (always there, whatever the sections hold) needs a signed-in editor.
    editor = browser.new_context(
        viewport={"width": 1280, "height": 900},
        java_script_enabled=setting == "desktop",
        storage_state=admin_page.context.storage_state(),
    )
    try:
        tab = editor.new_page()
        tab.goto(site_server + expander_draft)
        found, count = expander_problems(tab)
        problems.extend(f"{expander_draft}: {problem}" for problem in found)
        checked += count
    finally:
        editor.close()
    assert count, "The draft page's expander was not found"
    a11y_summary.add(f"expanders, {setting} (Enter and Space)", pages + 1, checked)
    assert not problems, "\n".join(problems)
