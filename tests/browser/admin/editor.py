"""What a comms editor does in the page editor, as small steps the journeys share.

Each step waits for what the editor would see (a message, a new screen, a
modal), never for a fixed time. The steps use the labels editors read
("Save draft", "Submit to Comms sign-off"), so a renamed or missing action
fails the journey the way it would fail the editor.
"""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

EDIT_URL = re.compile(r"/admin/pages/(\d+)/edit/$")

#: True once some hidden input of the form holds `text`: Draftail and the other
#: JavaScript widgets write their value there, a moment after the editor types.
SERIALISED = """
text => [...document.querySelectorAll('input[type=hidden], textarea')]
  .some(input => input.value.includes(text))
"""

#: True once nothing was typed or fetched for a second and a half: Wagtail's
#: autosave (every 500 ms after a change) has nothing in flight or pending.
#: Saving by hand while an autosave of a new page is in flight makes two
#: pages race for one slug (issue 11, item 4), which is not what these
#: journeys are about.
SETTLED = """
() => {
  const activity = window.__journeyActivity;
  return !activity || (activity.active === 0 && performance.now() - activity.last > 1500);
}
"""


def add_page(tab, model, parent_id):
    """Open the "add page" form for `model` ("app.Model") under `parent_id`."""
    app, name = model.lower().split(".")
    tab.goto(f"/admin/pages/add/{app}/{name}/{parent_id}/")
    expect(tab.locator("#id_title")).to_be_visible()


def edit_page(tab, page_id):
    tab.goto(f"/admin/pages/{page_id}/edit/")
    expect(tab.locator("#id_title")).to_be_visible()


def page_id(tab):
    return int(EDIT_URL.search(tab.url).group(1))


def wait_serialised(tab, text):
    tab.wait_for_function(SERIALISED, arg=text)


def panel(tab, field):
    """The editor's panel for a field, e.g. panel(tab, "body")."""
    return tab.locator(f"#panel-child-content-{field}-section")


def stream_blocks(tab, field):
    """The top-level blocks of the StreamField `field`, in their order."""
    return tab.locator(
        f"#{field}-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    )


#: Marks the last "Insert a block" button of a stream itself (not of a nested one).
MARK_APPEND_BUTTON = """
field => {
  const root = document.getElementById(field + '-root');
  const own = [...root.querySelectorAll('button.c-sf-add-button')]
    .filter(button => button.closest('[id$="-root"]') === root);
  document.querySelectorAll('[data-journey-append]').forEach(b => b.removeAttribute('data-journey-append'));
  own.at(-1).setAttribute('data-journey-append', '');
}
"""


def insert_block(tab, field, label):
    """Append a block of type `label` to the StreamField `field`; returns it."""
    blocks = stream_blocks(tab, field)
    before = blocks.count()
    tab.evaluate(MARK_APPEND_BUTTON, field)
    option = tab.get_by_role("option", name=label, exact=True)
    for _ in range(3):
        tab.locator("[data-journey-append]").click()
        try:
            option.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeoutError:
            # The menu did not open, or closed again: once in CI the first
            # autosave's answer arrived as it opened, on a busy machine.
            continue
    option.click()
    expect(blocks).to_have_count(before + 1)
    return blocks.nth(before)


def type_rich_text(tab, textbox, text):
    """Type into a Draftail editor and wait until the form holds the text."""
    textbox.click()
    textbox.press_sequentially(text)
    expect(textbox).to_contain_text(text)
    wait_serialised(tab, text)


def save_draft(tab, expected="created|updated|saved"):
    """Click "Save draft" and wait for the edit screen with its confirmation."""
    # Leaving a field can start an autosave (Draftail saves on blur): let it
    # finish before saving by hand.
    tab.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab.wait_for_function(SETTLED, polling=250)
    with tab.expect_navigation(url=EDIT_URL):
        tab.locator("footer button.action-save").click()
    expect(tab.locator(".messages")).to_contain_text(re.compile(expected))
    return page_id(tab)


def footer_action(tab, name):
    """Click an action in the footer's "More actions" menu."""
    tab.locator("footer [data-w-dropdown-target=toggle]").last.click()
    button = tab.locator("footer").get_by_role("button", name=name, exact=True)
    expect(button).to_be_visible()
    return button


def publish(tab):
    with tab.expect_navigation():
        footer_action(tab, "Publish").click()
    expect(tab.locator(".messages")).to_contain_text("published")


def submit_for_sign_off(tab):
    """Submit (or, after changes were requested, resubmit) for sign-off."""
    tab.locator("footer [data-w-dropdown-target=toggle]").last.click()
    button = tab.locator("footer").get_by_role(
        "button", name=re.compile(r"^(Submit to Comms sign-off|Resubmit to Comms approvers)$")
    )
    with tab.expect_navigation():
        button.click()
    expect(tab.locator(".messages")).to_contain_text("submitted for moderation")


def approve(tab, page_id):
    """The approver opens the page and approves it, which publishes it."""
    edit_page(tab, page_id)
    with tab.expect_navigation():
        footer_action(tab, "Approve and Publish").click()
    # Wagtail confirms the workflow action like any other save of the page.
    expect(tab.locator(".messages")).to_contain_text(re.compile("has been (updated|published)"))


def request_changes(tab, page_id, comment):
    edit_page(tab, page_id)
    footer_action(tab, "Request changes").click()
    dialog = tab.locator(".modal-dialog")
    expect(dialog.get_by_label("Comment")).to_be_visible()
    dialog.get_by_label("Comment").fill(comment)
    with tab.expect_navigation():
        dialog.get_by_role("button", name="Request changes").click()
    expect(tab.locator(".messages")).to_contain_text("has been updated")


def open_chooser(tab, button, screenshot=None):
    """Click a chooser's button and return the open chooser modal."""
    button.click()
    modal = tab.locator(".modal-dialog")
    expect(modal).to_be_visible()
    expect(modal.locator(".modal-body")).not_to_be_empty()
    if screenshot:
        tab.screenshot(path=screenshot)
    return modal


def wait_for_search_results(modal):
    """Wait until the chooser shows search results, not the listing it opened
    with: that listing may already show the item searched for, and a click on it
    while the results replace it is lost. Only results say how many matched."""
    expect(modal.get_by_role("alert")).to_contain_text(re.compile(r"\bmatch(es)?\b"))


def pick_date(tab, field, months_ahead=0, day=15, screenshot=None):
    """Open the date picker of `field` (an input locator), move `months_ahead`
    months and click `day`; returns the value the picker wrote.

    The picker opens when its field gets focus (by a click, or by Tab from the
    field before, which is how the previous pick is left), so the field is
    focused rather than clicked: a click on an open picker's field closes it.
    """
    field.focus()
    picker = tab.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    month = picker.locator(".xdsoft_month > span")
    for _ in range(months_ahead):
        shown = month.inner_text()
        picker.locator(".xdsoft_monthpicker .xdsoft_next").click()
        expect(month).not_to_have_text(shown)
    if screenshot:
        tab.screenshot(path=screenshot)
    picker.locator(f"td.xdsoft_date:not(.xdsoft_other_month)[data-date='{day}']").click()
    expect(field).not_to_have_value("")
    value = field.input_value()
    # Leave the field as an editor would (Escape would also close a dialog).
    field.press("Tab")
    expect(field).not_to_be_focused()
    return value


def choose_page(tab, button_name, search, title, screenshot=None):
    """Open a page chooser, search for `search` and choose the page `title`."""
    modal = open_chooser(tab, tab.get_by_role("button", name=button_name).first)
    modal.locator("#id_q").fill(search)
    wait_for_search_results(modal)
    expect(modal.get_by_role("link", name=title, exact=True)).to_be_visible()
    if screenshot:
        tab.screenshot(path=screenshot)
    modal.get_by_role("link", name=title, exact=True).click()
    expect(modal).to_be_hidden()


def upload_image_in_chooser(tab, button, path, alt_text=None, decorative=False):
    """Open an image chooser, upload `path` in its Upload tab and choose it."""
    modal = open_chooser(tab, button)
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(path))
    expect(modal.locator("input[name$='-title']")).not_to_have_value("")
    if alt_text is not None:
        modal.get_by_label("Alternative text").fill(alt_text)
    if decorative:
        modal.get_by_label("Decorative").check()
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()
