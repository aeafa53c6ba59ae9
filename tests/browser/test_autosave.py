"""No editor loses work to Wagtail 8's autosave, in Chromium (issue 11, ADR 0042).

- Edits made before Wagtail starts watching the form (its first snapshot is taken
  2 s after the editor starts) were folded into that snapshot and never
  autosaved. The page clock is paused while the editor types, so the edits are
  always "early"; the new briefing must still be autosaved (the address becomes
  its edit URL). This also needs a new briefing's form to be valid as a draft
  (publication date defaults to today).
- "Submit to Comms sign-off" pressed while the autosave that creates the page is
  still in flight posted the create form a second time and answered "slug in
  use". The autosave's response is held back until after the click; the submit
  must wait for it and reach the new page's edit view, once.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import site_json, site_shell
from tests.browser.csp_watch import Watch

pytestmark = pytest.mark.browser

EDIT_URL = re.compile(r"/admin/pages/\d+/edit/$")


@pytest.fixture(scope="session")
def briefing_add_url(site_server):
    index = site_shell(
        "from briefings.models import BriefingIndexPage; print(BriefingIndexPage.objects.get().pk)"
    )
    return f"{site_server}/admin/pages/add/briefings/briefingpage/{index}/"


def briefings_with_slug(slug):
    return site_json(
        "import json; from briefings.models import BriefingPage; "
        f"print(json.dumps(list(BriefingPage.objects.filter(slug={slug!r})"
        ".values_list('live', flat=True))))"
    )


def hold_one_autosave(held):
    """A route handler that lets the next autosave reach the server (a new page is
    created) but holds its answer back, as a slow server would: (route, answer) is
    appended to `held` for the test to fulfil. Everything else passes."""

    def handle(route, request):
        autosave = "application/json" in (request.headers.get("accept") or "")
        if request.method == "POST" and autosave and not held:
            held.append((route, route.fetch()))
            return
        route.continue_()

    return handle


def wait_until_held(tab, held, what):
    """Wait (up to 30 s) for the autosave `hold_one_autosave` holds back."""
    for _ in range(120):
        if held:
            return
        tab.wait_for_timeout(250)
    raise AssertionError(f"Wagtail never autosaved {what}")


def retype_during_autosave(tab, url, field, first, later):
    """Open the edit view at `url`, type `first` into `field`, and type `later`
    while the autosave of `first` is on its way (its answer held back, then let
    through)."""
    held = []
    tab.route(url, hold_one_autosave(held))
    tab.goto(url)
    tab.fill(field, first)
    wait_until_held(tab, held, f"{field} = {first!r}")
    tab.fill(field, later)
    route, response = held[0]
    route.fulfill(response=response)


def wait_for_draft(tab, code, expected):
    """Poll the browser site's database (up to 20 s) until `code` prints `expected`."""
    for _ in range(40):
        if site_shell(code) == expected:
            return
        tab.wait_for_timeout(500)
    assert site_shell(code) == expected


def test_edits_made_before_wagtail_watches_the_form_are_autosaved(admin_page, briefing_add_url):
    tab = admin_page
    watch = Watch(tab)
    title = f"Briefing typed at once {int(time.time())}"
    # Wagtail's timers wait while the editor types, as on a busy machine.
    tab.clock.install()
    tab.clock.pause_at(time.time() * 1000 + 1000)
    tab.goto(briefing_add_url)
    tab.fill("#id_title", title)
    tab.locator("#id_title").press("Tab")
    tab.clock.resume()
    # Autosave creates the draft and turns the form into its edit form.
    tab.wait_for_url(EDIT_URL, timeout=30_000)
    expect(tab.locator("#id_title")).to_have_value(title)
    slug = tab.input_value("#id_slug")
    assert briefings_with_slug(slug) == [False]
    watch.assert_clean()


def test_submit_while_the_first_autosave_is_in_flight_submits_once(admin_page, briefing_add_url):
    tab = admin_page
    held = []
    tab.route(briefing_add_url, hold_one_autosave(held))
    tab.goto(briefing_add_url)
    title = f"Briefing submitted at once {int(time.time())}"
    tab.fill("#id_title", title)
    tab.locator("#id_title").press("Tab")
    tab.fill("#id_summary", "What the board decided, for stakeholders.")
    tab.get_by_role("button", name="Insert a block").first.click()
    tab.get_by_role("option", name="Rich text").click()
    textbox = tab.locator("#panel-child-content-body-content [role=textbox]").first
    textbox.click()
    textbox.press_sequentially("Written and submitted before the autosave came back.")
    wait_until_held(tab, held, "the new briefing")
    slug = tab.input_value("#id_slug")

    tab.locator("footer [data-w-dropdown-target=toggle]").last.click()
    tab.get_by_role("button", name="Submit to Comms sign-off").click()
    tab.wait_for_timeout(1000)  # the click has had every chance to post the form
    route, response = held[0]
    route.fulfill(response=response)

    tab.wait_for_url(EDIT_URL, timeout=30_000)
    expect(tab.locator(".messages")).to_contain_text("submitted for moderation")
    expect(tab.locator(".messages")).not_to_contain_text("already in use")
    assert briefings_with_slug(slug) == [False]


def test_edits_made_while_an_autosave_is_in_flight_are_autosaved_too(admin_page, briefing_add_url):
    """Wagtail takes the form as saved when an autosave's answer arrives, with the
    edits typed while it was on its way: those were never saved, nothing autosaved
    them, and leaving the page did not warn. An autosave's answer is held back, as
    a slow server would hold it, the editor types, and the answer arrives before
    Wagtail's next look at the form (every half second); the words typed then must
    reach the draft."""
    tab = admin_page
    watch = Watch(tab)
    tab.goto(briefing_add_url)
    tab.fill("#id_title", f"Briefing typed during an autosave {int(time.time())}")
    tab.locator("#id_title").press("Tab")
    tab.wait_for_url(EDIT_URL, timeout=30_000)  # the first autosave made the draft
    slug = tab.input_value("#id_slug")
    later = "Typed while that autosave was on its way."
    # The draft's own edit view, as an editor comes back to it.
    retype_during_autosave(tab, tab.url, "#id_summary", "Typed first, and autosaved.", later)

    latest_summary = (
        "from briefings.models import BriefingPage; "
        f"page = BriefingPage.objects.get(slug={slug!r}); "
        "print(page.get_latest_revision().content['summary'])"
    )
    wait_for_draft(tab, latest_summary, later)

    # And then it rests: the check that found the unsaved words finds none now
    # (a check that always found a difference would autosave every second).
    autosaves = []
    tab.on(
        "request",
        lambda request: (
            autosaves.append(request)
            if request.method == "POST" and EDIT_URL.search(request.url)
            else None
        ),
    )
    tab.wait_for_timeout(4000)
    assert autosaves == []
    watch.assert_clean()


def test_snippet_edits_made_while_an_autosave_is_in_flight_are_autosaved_too(
    admin_page, site_server
):
    """The same guard on a snippet's editor (Wagtail's generic form, not the page
    editor): an FAQ question retyped while its autosave is on its way keeps the
    words typed last. The question is a draft made for this test, and removed."""
    slug = f"autosave-question-{int(time.time())}"
    pk = site_shell(
        "from decisions.models import Question; "
        f"q = Question(question='A draft question', slug={slug!r}, "
        "answer='<p>A draft answer.</p>', live=False); q.save(); q.save_revision(); print(q.pk)"
    )
    edit_url = f"{site_server}/admin/snippets/decisions/question/edit/{pk}/"
    latest_question = (
        "from decisions.models import Question; "
        f"print(Question.objects.get(pk={pk}).latest_revision.content['question'])"
    )
    try:
        tab = admin_page
        watch = Watch(tab)
        later = "A draft question, retyped while that autosave was on its way?"
        retype_during_autosave(
            tab, edit_url, "#id_question", "A draft question, edited once?", later
        )
        wait_for_draft(tab, latest_question, later)
        watch.assert_clean()
    finally:
        site_shell(
            f"from decisions.models import Question; Question.objects.filter(pk={pk}).delete()"
        )
