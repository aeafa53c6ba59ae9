"""How pages hold up beyond the default screen: 320 CSS px wide (400% zoom)
without sideways scrolling, JavaScript switched off, reduced motion, and print.
The page visits come from the session's crawl (see a11y.Crawl).
"""

import pytest

from tests.browser.a11y import status_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("setting", ["320px", "320px-no-js"])
def test_no_page_scrolls_sideways_at_320_css_pixels(setting, a11y_crawl, a11y_summary):
    """WCAG 1.4.10 Reflow: 1280 px at 400% zoom is a 320 CSS px viewport."""
    results = a11y_crawl(setting)
    wide = [f"{path}: {visit['overflow']}" for path, visit in results.items() if visit["overflow"]]
    a11y_summary.add(f"reflow, {setting}", len(results))
    assert not wide, "Pages scroll sideways at 320 CSS px:\n" + "\n".join(wide)


def test_every_page_works_without_javascript(a11y_crawl, a11y_summary):
    """Content, header navigation and footer links are all there and usable with
    JavaScript off: the same text as with it on, every link visible."""
    with_js, without_js = a11y_crawl("desktop"), a11y_crawl("desktop-no-js")
    problems = []
    nav_targets = set()
    for path, off in without_js.items():
        if off["status"] != 200:
            problems.append(f"{path}: answered {off['status']} without JavaScript")
            continue
        facts_on, facts_off = with_js[path]["facts"], off["facts"]
        if facts_off["mainText"] != facts_on["mainText"]:
            problems.append(f"{path}: the main content differs without JavaScript")
        if not facts_off["mainText"] or not any(h["level"] == 1 for h in facts_off["headings"]):
            problems.append(f"{path}: no main content without JavaScript")
        for kind in ("navLinks", "footerLinks"):
            hidden = [link["text"] for link in facts_off[kind] if not link["visible"]]
            if hidden:
                problems.append(f"{path}: {kind} hidden without JavaScript: {hidden}")
            if len(facts_off[kind]) != len(facts_on[kind]):
                problems.append(f"{path}: {kind} differ without JavaScript")
        if not facts_off["navLinks"] and facts_on["navLinks"]:
            problems.append(f"{path}: the header navigation is missing without JavaScript")
        nav_targets.update(link["href"] for link in facts_off["navLinks"])
    for href in sorted(nav_targets):
        if status_of(href) != 200:
            problems.append(f"header link {href} does not answer 200")
    a11y_summary.add("JavaScript off (content, navigation)", len(without_js))
    assert not problems, "\n".join(problems)


def test_reduced_motion_is_honoured(a11y_crawl, a11y_summary):
    """With `prefers-reduced-motion: reduce`, nothing animates or scrolls smoothly
    (WCAG 2.3.3), whatever a component's own styles say."""
    results = a11y_crawl("desktop")
    problems = [
        f"{path}: {problem}" for path, visit in results.items() for problem in visit["motion"]
    ]
    a11y_summary.add("reduced motion", len(results))
    assert not problems, "\n".join(problems)


PRINT_JS = r"""
() => {
  const displayed = (el) => el.checkVisibility();
  const chrome = [".nhsuk-skip-link", "header", ".nhsuk-header", ".nhsuk-breadcrumb",
    ".nhsuk-back-link", "footer", ".app-back-to-top", "wagtail-userbar"];
  const shownChrome = chrome.filter((sel) => [...document.querySelectorAll(sel)].some(displayed));
  const links = [...document.querySelectorAll("main a[href]")].filter(displayed)
    .filter((a) => !a.getAttribute("href").startsWith("#") && !a.getAttribute("href").startsWith("mailto:"))
    .map((a) => ({href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content}));
  const closedDetails = [...document.querySelectorAll("main details")]
    .filter((d) => ![...d.children].filter((c) => c.tagName !== "SUMMARY").every(displayed));
  return {shownChrome, links, closedDetails: closedDetails.length,
          h1: !!document.querySelector("main h1") && displayed(document.querySelector("main h1"))};
}
"""


def test_printing_gives_the_content_without_chrome_and_shows_link_urls(
    page, site_server, sitemap_paths, a11y_summary
):
    places = [p for p in sitemap_paths if p.startswith("/places/") and p.count("/") == 3]
    briefings = [p for p in sitemap_paths if p.startswith("/briefings/") and p.count("/") == 3]
    faq = [p for p in sitemap_paths if "question" in p]
    paths = ["/next-steps/", "/accessibility-statement/", *places[:1], *briefings[:1], *faq[:1]]
    page.emulate_media(media="print")
    problems = []
    links = 0
    for path in paths:
        page.goto(site_server + path)
        result = page.evaluate(PRINT_JS)
        if result["shownChrome"]:
            problems.append(f"{path}: printed with navigation chrome: {result['shownChrome']}")
        if not result["h1"]:
            problems.append(f"{path}: the page heading does not print")
        links += len(result["links"])
        for link in result["links"]:
            if link["href"] not in link["after"]:
                problems.append(f"{path}: the link to {link['href']} prints without its URL")
        if result["closedDetails"]:
            problems.append(f"{path}: {result['closedDetails']} expanders print closed")
    assert links, "No link in the main content of the printed pages to check"
    a11y_summary.add("print stylesheet", len(paths), links)
    if not places:
        a11y_summary.skip("print of a place page", "no /places/<slug>/ page in the sitemap yet")
    if not briefings:
        a11y_summary.skip("print of a briefing", "no /briefings/<slug>/ page in the sitemap yet")
    assert not problems, "\n".join(problems)
