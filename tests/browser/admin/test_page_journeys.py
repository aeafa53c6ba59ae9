"""Pages from draft to published, the way comms staff work: an editor writes
and submits, an approver requests changes or approves, the public then sees
the page. One journey per page type that editors can create, and one for the
index pages they can only edit.
"""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin.conftest import APPROVER, EDITOR
from tests.browser.admin.editor import (
    SETTLED,
    add_page,
    approve,
    choose_page,
    edit_page,
    insert_block,
    open_chooser,
    panel,
    pick_date,
    request_changes,
    save_draft,
    submit_for_sign_off,
    type_rich_text,
    upload_image_in_chooser,
    wait_for_search_results,
)

pytestmark = pytest.mark.browser


def select_line(textbox):
    textbox.press("Shift+Home")


def caret_to_end(textbox):
    """Put the caret at the end of the editor's last block, by clicking the
    block's empty right-hand side once the form has settled. After a chooser
    closes, Draftail restores its selection on its own time and an autosave
    may be running: keys pressed at once landed in an earlier block in a CI
    run (the next list item was typed above the list)."""
    tab = textbox.page
    block = textbox.locator("[data-block=true]").last
    in_block = (
        "(el) => { const s = getSelection(); return !!s.anchorNode && el.contains(s.anchorNode); }"
    )
    for _attempt in range(5):
        tab.wait_for_function(SETTLED, polling=250)
        block.scroll_into_view_if_needed()
        box = block.bounding_box()
        tab.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
        textbox.press("End")
        if block.evaluate(in_block):
            return
    raise AssertionError("The caret would not stay in the editor's last block.")


def link_selection(tab, kind):
    """Click the rich-text toolbar's LINK or DOCUMENT button (shown on a selection)."""
    tab.locator(f"[role=toolbar] button[name={kind}]").click()
    modal = tab.locator(".modal-dialog")
    expect(modal).to_be_visible()
    return modal


def test_content_page_with_rich_text_from_draft_to_published(admin_as, visitor, journey_site):
    """Headings, a list, links to a page, an external site and a document; a
    change request with a comment the editor reads; then approval."""
    ids = journey_site["ids"]
    title = "How the partnerships work together"
    editor = admin_as(EDITOR)
    add_page(editor, "core.ContentPage", ids["HomePage"])
    editor.fill("#id_title", title)
    editor.fill("#id_summary", "How the four places work with councils and the NHS.")

    heading = insert_block(editor, "body", "Heading")
    heading.locator("input[name$='-value-text']").fill("Who we work with")
    expect(heading.locator("select[name$='-value-level']")).to_have_value("2")

    text = insert_block(editor, "body", "Rich text")
    textbox = text.locator("[role=textbox]")
    type_rich_text(editor, textbox, "Read about Blackpool")
    select_line(textbox)
    modal = link_selection(editor, "LINK")
    modal.locator("#id_q").fill("Blackpool")
    wait_for_search_results(modal)
    modal.get_by_role("link", name="Blackpool place-based partnership").click()
    expect(modal).to_be_hidden()

    caret_to_end(textbox)
    textbox.press("Enter")
    # "- " starts a bulleted list, as in the editor guide.
    textbox.press_sequentially("- NHS England guidance")
    select_line(textbox)
    modal = link_selection(editor, "LINK")
    modal.get_by_role("link", name="External link").click()
    modal.get_by_label("URL").fill("https://www.england.nhs.uk/")
    modal.get_by_role("button", name="Insert link").click()
    expect(modal).to_be_hidden()

    caret_to_end(textbox)
    textbox.press("Enter")
    textbox.press_sequentially("Stakeholder briefing")
    select_line(textbox)
    modal = link_selection(editor, "DOCUMENT")
    modal.locator("#id_q").fill("stakeholder")
    wait_for_search_results(modal)
    modal.get_by_role("link", name=re.compile("^Review of place-based partnerships")).click()
    expect(modal).to_be_hidden()
    expect(textbox.locator("li")).to_have_count(2)
    expect(textbox.locator("a")).to_have_count(3)

    page_id = save_draft(editor)
    submit_for_sign_off(editor)
    assert visitor.goto("/what-is-a-place-based-partnership/").status == 200
    public_url = "/how-the-partnerships-work-together/"
    assert visitor.goto(public_url).status == 404

    # The approver asks for a change, with a comment.
    approver = admin_as(APPROVER)
    comment = "Please say which councils in the summary."
    request_changes(approver, page_id, comment)

    # The editor reads the comment in the page's history, fixes and resubmits.
    editor.goto(f"/admin/pages/{page_id}/history/")
    expect(editor.locator("main")).to_contain_text("Changes requested")
    expect(editor.locator("main")).to_contain_text(comment)
    edit_page(editor, page_id)
    editor.fill("#id_summary", "How the four places work with their councils and the NHS.")
    save_draft(editor)
    submit_for_sign_off(editor)

    approve(approver, page_id)
    assert visitor.goto(public_url).status == 200
    main = visitor.locator("main")
    expect(visitor.locator("h1")).to_have_text(title)
    expect(main.locator("h2", has_text="Who we work with")).to_be_visible()
    expect(main).to_contain_text("their councils and the NHS")
    expect(main.get_by_role("link", name="Read about Blackpool")).to_have_attribute(
        "href", re.compile(r"/places/blackpool/$")
    )
    items = main.locator("li", has=visitor.get_by_role("link"))
    expect(items.get_by_role("link", name="NHS England guidance")).to_have_attribute(
        "href", "https://www.england.nhs.uk/"
    )
    expect(items.get_by_role("link", name=re.compile("^Stakeholder briefing"))).to_have_attribute(
        "href", re.compile(r"^/documents/\d+/review-of-place-based")
    )


def sign_off(admin_as, editor, page_id):
    """The editor submits; the approver approves, which publishes."""
    submit_for_sign_off(editor)
    approve(admin_as(APPROVER), page_id)


def test_place_page_says_where_its_director_is_chosen(admin_as, visitor, journey_site):
    """A place page has no director chooser: the director is chosen on their
    profile (one link), and the place's form says so."""
    editor = admin_as(EDITOR)
    add_page(editor, "places.PlacePartnershipPage", journey_site["ids"]["PlaceIndexPage"])
    editor.fill("#id_title", "Morecambe Bay place-based partnership")
    editor.fill("#id_summary", "A place-based partnership written in a browser test.")
    editor.fill("#id_local_authority_name", "Westmorland and Furness Council")
    expect(editor.locator("main")).to_contain_text("chosen on the director's profile")
    expect(editor.locator("#id_director")).to_have_count(0)
    page_id = save_draft(editor)
    sign_off(admin_as, editor, page_id)

    assert visitor.goto("/places/morecambe-bay/").status == 404  # the slug is the title's
    assert visitor.goto("/places/morecambe-bay-place-based-partnership/").status == 200
    main = visitor.locator("main")
    expect(main).to_contain_text("Westmorland and Furness Council")


def test_director_profile_with_photo_uploaded_in_the_chooser(
    admin_as, visitor, journey_site, tmp_path, screenshots
):
    """Image chooser with an upload (alt text required), page chooser for the
    place, and the appointment date picker."""
    photo = tmp_path / "director-portrait.png"
    Image.new("RGB", (400, 400), (0, 94, 184)).save(photo)
    editor = admin_as(EDITOR)
    add_page(editor, "directors.DirectorProfilePage", journey_site["ids"]["DirectorIndexPage"])
    editor.fill("#id_title", "Alex Morgan")
    editor.fill("#id_summary", "A director profile written in a browser test.")
    editor.fill("#id_job_title", "Director of Health and Care Integration, Morecambe Bay")
    choose_page(
        editor,
        "Choose a page (Place partnership page)",
        "Blackpool",
        "Blackpool place-based partnership",
        screenshot=screenshots / "admin-page-chooser-search.png",
    )
    upload_image_in_chooser(
        editor,
        editor.get_by_role("button", name="Choose an image"),
        photo,
        alt_text="Portrait of Alex Morgan",
    )
    expect(panel(editor, "photo")).to_contain_text("director-portrait")
    chosen = pick_date(editor, editor.locator("#id_appointment_date"), day=1)
    assert re.fullmatch(r"\d{4}-\d{2}-01", chosen)
    page_id = save_draft(editor)
    sign_off(admin_as, editor, page_id)

    assert visitor.goto("/directors/alex-morgan/").status == 200
    main = visitor.locator("main")
    expect(main.get_by_role("img", name="Portrait of Alex Morgan")).to_be_visible()
    expect(main.get_by_role("link", name="Blackpool place-based partnership")).to_be_visible()


def test_board_decision_with_places_and_meeting_date(admin_as, visitor, journey_site):
    """Date picker for the meeting, rich text, an inline panel of places (page
    chooser per row)."""
    editor = admin_as(EDITOR)
    add_page(editor, "decisions.BoardDecisionPage", journey_site["ids"]["BoardDecisionIndexPage"])
    editor.fill("#id_title", "Publishing briefings for each place")
    editor.fill("#id_summary", "The board agreed to publish a briefing for each place.")
    meeting = pick_date(editor, editor.locator("#id_meeting_date"), day=3)
    type_rich_text(
        editor,
        panel(editor, "decision").locator("[role=textbox]"),
        "Each place publishes a quarterly briefing for stakeholders.",
    )
    editor.get_by_role("button", name="Add Place").click()
    choose_page(
        editor,
        "Choose a page (Place partnership page)",
        "Lancashire",
        "Lancashire place-based partnership",
    )
    page_id = save_draft(editor)
    sign_off(admin_as, editor, page_id)

    assert visitor.goto("/board-decisions/publishing-briefings-for-each-place/").status == 200
    main = visitor.locator("main")
    expect(main).to_contain_text("Each place publishes a quarterly briefing")
    expect(main.get_by_role("link", name=re.compile("Lancashire"))).to_be_visible()
    expect(main.locator(f"time[datetime='{meeting}']").first).to_be_attached()


def test_faq_page_with_questions_chosen_from_snippets(admin_as, visitor, journey_site):
    """Snippet chooser with search: FAQ questions on a new FAQ page."""
    editor = admin_as(EDITOR)
    add_page(editor, "decisions.FAQPage", journey_site["ids"]["HomePage"])
    editor.fill("#id_title", "Questions about briefings")
    editor.fill("#id_summary", "Answers about stakeholder briefings.")
    heading = insert_block(editor, "body", "Group heading")
    heading.locator("input[type=text]").fill("About the places")
    question = insert_block(editor, "body", "Question")
    modal = open_chooser(editor, question.get_by_role("button", name=re.compile("^Choose")))
    modal.get_by_role("textbox", name=re.compile("Search", re.I)).fill("four places")
    wait_for_search_results(modal)
    modal.get_by_role("link", name="What are the four places?").click()
    expect(modal).to_be_hidden()
    expect(question).to_contain_text("What are the four places?")
    page_id = save_draft(editor)
    sign_off(admin_as, editor, page_id)

    assert visitor.goto("/questions-about-briefings/").status == 200
    main = visitor.locator("main")
    expect(main.locator("h2", has_text="About the places")).to_be_visible()
    expect(main.locator("details summary", has_text="What are the four places?")).to_be_visible()


@pytest.mark.parametrize(
    ("model", "path"),
    [
        ("PlaceIndexPage", "/places/"),
        ("DirectorIndexPage", "/directors/"),
        ("BoardDecisionIndexPage", "/board-decisions/"),
        ("BriefingIndexPage", "/briefings/"),
    ],
)
def test_index_page_edited_and_signed_off(admin_as, visitor, journey_site, model, path):
    """Index pages exist once each: editors change them and get sign-off."""
    editor = admin_as(EDITOR)
    page_id = journey_site["ids"][model]
    edit_page(editor, page_id)
    summary = editor.locator("#id_summary")
    new_summary = summary.input_value().rstrip() + " Checked by the comms team."
    summary.fill(new_summary)
    save_draft(editor)
    sign_off(admin_as, editor, page_id)
    visitor.goto(path)
    expect(visitor.locator("main")).to_contain_text("Checked by the comms team.")
