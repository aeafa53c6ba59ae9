"""WCAG 2.2 AA on every page, proven in Debian's Chromium.

axe-core runs on every page /sitemap.xml lists and on the pages a sitemap does
not list (EXTRA_PAGES). One visit per page also collects what axe cannot judge:
one h1 and no skipped heading levels, alt text, meaningful and unique link
texts, and the page language. Each failure names the page, the rule and the
element. What was checked is counted in test-artifacts/a11y-summary.txt.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.a11y import (
    audit,
    describe_violations,
    heading_problems,
    image_problems,
    link_problems,
    run_axe,
    status_of,
)

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Extra:
    """A page the sitemap does not list."""

    label: str
    path: str
    #: Checkable once this path answers 200 (the section is still being built).
    section: str | None = None
    status: int = 200
    #: A visitor's page: the heading, image and link checks apply too.
    public: bool = True
    #: Submit the admin login form with a wrong password first.
    wrong_password: bool = False
    #: Also check the next page of results when the page links to one.
    follow_pagination: bool = False


# Explicit, so nothing is skipped silently: a page whose section does not exist
# yet is reported as skipped with the reason, and once the section answers, the
# page itself must answer (test_extra_pages_answer_once_their_section_exists).
EXTRA_PAGES = [
    Extra("404 page", "/no-such-page-for-accessibility-tests/", status=404),
    Extra(
        "search results with hits",
        "/search/?q=partnership",
        section="/search/",
        follow_pagination=True,
    ),
    Extra("search results without hits", "/search/?q=zqxjvw", section="/search/"),
    Extra(
        "briefings filtered by year",
        "/briefings/?year=2022",
        section="/briefings/",
        follow_pagination=True,
    ),
    Extra(
        "board decisions listing, paginated",
        "/board-decisions/?page=1",
        section="/board-decisions/",
        follow_pagination=True,
    ),
    Extra(
        "briefings filter with a year that is not a year",
        "/briefings/?year=abc",
        section="/briefings/",
    ),
    Extra(
        "board decisions filtered by a year with none",
        "/board-decisions/?year=1999",
        section="/board-decisions/",
    ),
    Extra("places listing, paginated", "/places/?page=1", section="/places/"),
    Extra("admin login page", "/admin/login/", public=False),
    Extra("admin login with an error", "/admin/login/", public=False, wrong_password=True),
]


@pytest.fixture(scope="module")
def visitor(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def sitemap_results(a11y_crawl):
    """path → (axe results, DOM facts), from one desktop visit per sitemap page."""
    results = {}
    for path, visit in a11y_crawl("desktop").items():
        assert visit["status"] == 200, f"{path} (listed in the sitemap) answered {visit['status']}"
        results[path] = (visit["axe"], visit["facts"])
    return results


def _problems(results, check):
    problems = []
    for path, (_axe, facts) in results.items():
        problems.extend(check(path, facts))
    return problems


def test_every_sitemap_page_has_no_axe_violations(sitemap_results):
    failures = [
        describe_violations(path, axe)
        for path, (axe, _facts) in sitemap_results.items()
        if axe["violations"]
    ]
    assert not failures, "axe-core WCAG 2.2 A/AA violations:\n" + "\n".join(failures)


def _section_missing(site_server, extra):
    return extra.section and status_of(site_server + extra.section) == 404


@pytest.mark.parametrize("extra", EXTRA_PAGES, ids=lambda extra: extra.label)
def test_extra_pages_have_no_axe_violations(extra, visitor, site_server, a11y_summary):
    if _section_missing(site_server, extra):
        a11y_summary.skip(extra.label, f"{extra.section} does not exist yet")
        pytest.skip(f"{extra.section} does not exist yet, so {extra.path} cannot be checked")
    if extra.wrong_password:
        visitor.context.clear_cookies()
        visitor.goto(site_server + extra.path)
        visitor.fill("#id_username", "nobody")
        visitor.fill("#id_password", "not-the-password")
        with visitor.expect_navigation():
            visitor.click("button[type=submit]")
        assert "didn’t match" in visitor.locator(".messages").inner_text().replace("'", "’"), (
            "The login page shows no error for a wrong password"
        )
    else:
        response = visitor.goto(site_server + extra.path)
        assert response.status == extra.status, f"{extra.path} answered {response.status}"
    checked = [(f"{extra.label} ({extra.path})", visitor.url)]
    label, _ = checked[0]
    failures = []
    for _ in range(2):
        axe = run_axe(visitor)
        a11y_summary.add_axe(label, axe)
        if axe["violations"]:
            failures.append(describe_violations(label, axe))
        if extra.public:
            facts = audit(visitor)
            for check in (heading_problems, image_problems, link_problems):
                failures.extend(check(label, facts))
            if facts["lang"] != "en-GB":
                failures.append(f"{label}: <html lang> is {facts['lang']!r}, not 'en-GB'")
        next_link = visitor.locator("a.nhsuk-pagination__link--next")
        if not (extra.follow_pagination and next_link.count()):
            break
        href = next_link.first.get_attribute("href")
        response = visitor.goto(
            visitor.url.split("?", 1)[0] + href if href.startswith("?") else href
        )
        assert response.status == 200, f"the next page of {extra.path} answered {response.status}"
        label = f"{extra.label}, next page ({href})"
    assert not failures, "\n".join(failures)


def test_extra_pages_answer_once_their_section_exists(site_server):
    """An extra page whose section exists must answer; a wrong URL in EXTRA_PAGES
    would otherwise hide a page from the checks."""
    wrong = []
    for extra in EXTRA_PAGES:
        if _section_missing(site_server, extra):
            continue
        status = status_of(site_server + extra.path)
        if status != extra.status:
            wrong.append(f"{extra.label}: {extra.path} answered {status}, expected {extra.status}")
    assert not wrong, "\n".join(wrong)


def test_every_page_has_one_h1_and_no_skipped_heading_levels(sitemap_results, a11y_summary):
    a11y_summary.add(
        "headings (one h1, no skipped level)",
        len(sitemap_results),
        sum(len(facts["headings"]) for _axe, facts in sitemap_results.values()),
    )
    problems = _problems(sitemap_results, heading_problems)
    assert not problems, "\n".join(problems)


def test_every_image_has_alt_text(sitemap_results, a11y_summary):
    a11y_summary.add(
        "images and SVGs (alt text)",
        len(sitemap_results),
        sum(len(f["images"]) + len(f["svgs"]) for _axe, f in sitemap_results.values()),
    )
    problems = _problems(sitemap_results, image_problems)
    assert not problems, "\n".join(problems)


def test_link_texts_are_meaningful_and_unique(sitemap_results, a11y_summary):
    a11y_summary.add(
        "link texts (meaningful, same text → same place)",
        len(sitemap_results),
        sum(len(facts["links"]) for _axe, facts in sitemap_results.values()),
    )
    problems = _problems(sitemap_results, link_problems)
    assert not problems, "\n".join(problems)


def test_every_page_sets_its_language(sitemap_results):
    wrong = [
        f"{path}: <html lang> is {facts['lang']!r}"
        for path, (_axe, facts) in sitemap_results.items()
        if facts["lang"] != "en-GB"
    ]
    assert not wrong, "\n".join(wrong)


def test_every_page_has_a_distinct_title(sitemap_results):
    """WCAG 2.4.2: the <title> says which page this is."""
    seen = {}
    for path, (_axe, facts) in sitemap_results.items():
        seen.setdefault(facts["title"].strip(), []).append(path)
    shared = {title: paths for title, paths in seen.items() if len(paths) > 1 or not title}
    assert not shared, f"Pages share a <title> (or have none): {shared}"
