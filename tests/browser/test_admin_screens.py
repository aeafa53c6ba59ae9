"""The admin screens this project adds pass axe (WCAG 2.2 A/AA, 0 violations), fit
320 CSS px without sideways scrolling, and work with the keyboard alone: the
editor guide, the content-health report, the dashboard with its content-health
panel, and the previews of FAQ questions and former partnerships (issue 11).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import describe_violations, run_axe
from tests.browser.conftest import site_json
from tests.browser.csp_watch import Watch

pytestmark = pytest.mark.browser

SCREENS = {
    "editor guide": "/admin/editor-guide/",
    "content-health report": "/admin/content-health/",
    "dashboard with the content-health panel": "/admin/",
}
WIDTHS = [1280, 320]

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"
)


@pytest.fixture(scope="session")
def snippets(site_server):
    """A published FAQ question and a published former partnership."""
    return site_json(
        "import json; from decisions.models import Question; "
        "from places.models import FormerPartnership, PlacePartnershipPage; "
        "q = Question.objects.filter(live=True).order_by('pk').first(); "
        "f, made = FormerPartnership.objects.get_or_create("
        "name='East Lancashire Integrated Care Partnership', "
        "defaults={'start_year': 2016, 'end_year': 2022}); "
        "made and f.successors.set(PlacePartnershipPage.objects.all()[:2]); "
        "made and f.save(); made and f.save_revision().publish(); "
        "print(json.dumps({'question': q.pk, 'former': f.pk}))"
    )


def check_screen(tab, label, width):
    results = run_axe(tab)
    assert not results["violations"], describe_violations(f"{label} at {width}px", results)
    if width == 320:
        overflow = tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at 320px"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("label", list(SCREENS))
def test_project_admin_screens_pass_axe_and_reflow(admin_page, site_server, label, width):
    watch = Watch(admin_page)
    admin_page.set_viewport_size({"width": width, "height": 900})
    admin_page.goto(site_server + SCREENS[label])
    check_screen(admin_page, label, width)
    watch.assert_clean()


def open_snippet_preview(tab, base, model_path, pk):
    """Open the snippet's editor, show its preview (which stores the form in the
    session), then load the preview on its own, as "Preview in new tab" does."""
    tab.goto(f"{base}/admin/snippets/{model_path}/edit/{pk}/")
    tab.locator("[data-side-panel-toggle='preview']").click()
    expect(tab.frame_locator("#w-preview-iframe").locator("h1")).to_be_visible(timeout=20_000)
    tab.goto(f"{base}/admin/snippets/{model_path}/preview/{pk}/")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("label", "model_path", "key", "text"),
    [
        ("FAQ question preview", "decisions/question", "question", "Frequently asked question"),
        (
            "former partnership preview",
            "places/formerpartnership",
            "former",
            "East Lancashire Integrated Care Partnership",
        ),
    ],
)
def test_snippet_previews_pass_axe_and_reflow(
    admin_page, site_server, snippets, label, model_path, key, text, width
):
    watch = Watch(admin_page)
    admin_page.set_viewport_size({"width": width, "height": 900})
    open_snippet_preview(admin_page, site_server, model_path, snippets[key])
    expect(admin_page.locator("h1")).to_contain_text(text)
    check_screen(admin_page, label, width)
    watch.assert_clean()


def tab_through(tab, presses):
    """Press Tab `presses` times; returns what had focus after each press."""
    seen = []
    for _ in range(presses):
        tab.keyboard.press("Tab")
        seen.append(
            tab.evaluate(
                """() => {
                    const el = document.activeElement;
                    if (!el || el === document.body) return null;
                    const style = getComputedStyle(el);
                    const marked = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                        || style.boxShadow !== 'none';
                    return {id: el.dataset.kbdId || null, marked};
                }"""
            )
        )
    return seen


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("label", ["editor guide", "content-health report"])
def test_keyboard_reaches_everything_in_the_main_content(admin_page, site_server, label, width):
    tab = admin_page
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(site_server + SCREENS[label])
    count = tab.evaluate(
        """(selector) => {
            const all = [...document.querySelectorAll(selector)]
                .filter(el => el.getClientRects().length > 0);
            all.forEach((el, i) => { el.dataset.kbdId = String(i); });
            return all.length;
        }""",
        FOCUSABLE,
    )
    in_main = set(
        tab.evaluate(
            """() => [...document.querySelectorAll('main [data-kbd-id]')]
                .map(el => el.dataset.kbdId)"""
        )
    )
    assert in_main, f"{label} has nothing to focus in its main content"
    seen = [item for item in tab_through(tab, count + 10) if item]
    reached = {item["id"] for item in seen}
    assert in_main <= reached, f"{label}: not reachable by Tab: {sorted(in_main - reached)}"
    unmarked = [item["id"] for item in seen if item["id"] in in_main and not item["marked"]]
    assert not unmarked, f"{label}: focus not visible on {unmarked}"


def test_guide_contents_links_move_focus_with_the_keyboard(admin_page, site_server):
    tab = admin_page
    tab.goto(site_server + SCREENS["editor guide"])
    link = tab.get_by_role("link", name="2. Publishing a briefing, step by step")
    link.focus()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(site_server + SCREENS["editor guide"] + "#briefing")
    expect(tab.locator("#briefing")).to_be_in_viewport()
