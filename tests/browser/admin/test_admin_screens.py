"""The admin's other screens: each opens without errors and its main action
works where the public can see the result."""

import pytest
from playwright.sync_api import expect

from tests.browser.admin.editor import choose_page, footer_action

pytestmark = pytest.mark.browser


def test_site_settings_change_the_footer_contact(admin_as, visitor):
    tab = admin_as()
    tab.goto("/admin/settings/core/sitesettings/")
    tab.locator("#id_contact_phone").fill("01234 567890")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("updated")
    visitor.goto("/contact-us/")
    expect(visitor.locator("body")).to_contain_text("01234 567890")


def test_redirect_added_and_followed(admin_as, visitor):
    tab = admin_as()
    tab.goto("/admin/redirects/add/")
    tab.get_by_label("Redirect from").fill("/old-briefings-page")
    choose_page(tab, "Choose a page", "Briefings", "Briefings")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Create", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("added")
    visitor.goto("/old-briefings-page")
    assert visitor.url.endswith("/briefings/")


def test_promoted_search_result_comes_first(admin_as, visitor):
    tab = admin_as()
    tab.goto("/admin/searchpicks/add/")
    tab.get_by_label("Search term(s)/phrase").fill("council boundaries")
    tab.get_by_role("button", name="Add a recommended result").click()
    choose_page(tab, "Choose a page", "Contact", "Contact us")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Create", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("created")
    visitor.goto("/search/?q=council+boundaries")
    expect(visitor.locator("main")).to_contain_text("Contact us")


def test_snippet_listings_search_and_add(admin_as, visitor):
    tab = admin_as()
    tab.goto("/admin/snippets/")
    expect(tab.locator("main")).to_contain_text("FAQ questions")
    expect(tab.locator("main")).to_contain_text("Former partnerships")

    tab.goto("/admin/snippets/decisions/question/?q=four+places")
    expect(tab.locator("main table")).to_contain_text("What are the four places?")

    tab.goto("/admin/snippets/places/formerpartnership/add/")
    tab.locator("#id_name").fill("Bay Integrated Care Partnership")
    tab.locator("#id_end_year").fill("2022")
    tab.get_by_role("checkbox", name="South Cumbria place-based partnership").check()
    with tab.expect_navigation():
        if tab.locator("footer button[name=action-publish]").count():
            # Former partnerships with drafts (issue 11, item 3): publish directly.
            footer_action(tab, "Publish").click()
        else:
            tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("created")
    tab.goto("/admin/snippets/places/formerpartnership/?q=Bay")
    expect(tab.locator("main table")).to_contain_text("Bay Integrated Care Partnership")
    visitor.goto("/places/")
    expect(visitor.locator("main")).to_contain_text("Bay Integrated Care Partnership")


def test_content_health_report_and_editor_guide_open(admin_as):
    tab = admin_as()
    tab.goto("/admin/")
    menu = tab.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Reports").click()
    menu.get_by_role("link", name="Content health").click()
    expect(tab.locator("h1")).to_contain_text("Content health")
    menu.get_by_role("link", name="Editor guide").click()
    expect(tab.locator("h1")).to_contain_text("Editor guide")
