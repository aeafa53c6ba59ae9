"""How pages hold up beyond the default screen: 320 CSS px wide (400% zoom)
without sideways scrolling, JavaScript switched off, reduced motion, and print.
"""

import pytest

from tests.browser.a11y import audit, status_of

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_no_page_scrolls_sideways_at_320_css_pixels(
    javascript, browser, site_server, sitemap_paths, a11y_summary
):
    """WCAG 1.4.10 Reflow: 1280 px at 400% zoom is a 320 CSS px viewport."""
    context = browser.new_context(viewport=NARROW, java_script_enabled=javascript)
    tab = context.new_page()
    wide = []
    try:
        for path in [*sitemap_paths, "/no-such-page-for-accessibility-tests/"]:
            tab.goto(site_server + path)
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                culprits = tab.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter((el) => el.getBoundingClientRect().right > 321)
                        .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > 321))
                        .slice(0, 5)
                        .map((el) => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 160))"""
                )
                wide.append(f"{path}: {width}px wide; widest elements: {culprits}")
    finally:
        context.close()
    a11y_summary.add(
        f"reflow at 320 px ({'with' if javascript else 'without'} JS)", len(sitemap_paths) + 1
    )
    assert not wide, "Pages scroll sideways at 320 CSS px:\n" + "\n".join(wide)


def test_every_page_works_without_javascript(browser, site_server, sitemap_paths, a11y_summary):
    """Content, header navigation and footer links are all there and usable with
    JavaScript off: the same text as with it on, every link visible."""
    with_js = browser.new_context(viewport={"width": 1280, "height": 900})
    without_js = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    on, off = with_js.new_page(), without_js.new_page()
    problems = []
    nav_targets = set()
    try:
        for path in sitemap_paths:
            on.goto(site_server + path)
            response = off.goto(site_server + path)
            if response.status != 200:
                problems.append(f"{path}: answered {response.status} without JavaScript")
                continue
            facts_on, facts_off = audit(on), audit(off)
            if facts_off["mainText"] != facts_on["mainText"]:
                problems.append(f"{path}: the main content differs without JavaScript")
            if not facts_off["mainText"] or not off.locator("main h1").count():
                problems.append(f"{path}: no main content without JavaScript")
            for kind in ("navLinks", "footerLinks"):
                hidden = [link["text"] for link in facts_off[kind] if not link["visible"]]
                if hidden:
                    problems.append(f"{path}: {kind} hidden without JavaScript: {hidden}")
                if len(facts_off[kind]) != len(facts_on[kind]):
                    problems.append(f"{path}: {kind} differ without JavaScript")
            if off.locator("html.js-enabled, body.js-enabled").count():
                problems.append(f"{path}: claims JavaScript is enabled when it is not")
            nav_targets.update(link["href"] for link in facts_off["navLinks"])
            if not facts_off["navLinks"] and facts_on["navLinks"]:
                problems.append(f"{path}: the header navigation is missing without JavaScript")
        for href in sorted(nav_targets):
            if status_of(href) != 200:
                problems.append(f"header link {href} does not answer 200")
    finally:
        with_js.close()
        without_js.close()
    a11y_summary.add("JavaScript off (content, navigation)", len(sitemap_paths))
    assert not problems, "\n".join(problems)


MOTION_JS = r"""
() => {
  const seconds = (value) => Math.max(...value.split(",").map((v) =>
    v.trim().endsWith("ms") ? parseFloat(v) / 1000 : parseFloat(v)));
  const moving = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const transition = seconds(style.transitionDuration) + seconds(style.transitionDelay);
      const animation = style.animationName !== "none" ? seconds(style.animationDuration) : 0;
      if (transition > 0.02 || animation > 0.02) {
        moving.push(el.outerHTML.replace(/\s+/g, " ").slice(0, 120) + (pseudo || "") +
          ` transition ${style.transitionDuration}, animation ${style.animationName} ${style.animationDuration}`);
      }
    }
  }
  return {moving: moving.slice(0, 10), scroll: getComputedStyle(document.documentElement).scrollBehavior};
}
"""


def test_reduced_motion_is_honoured(browser, site_server, sitemap_paths, a11y_summary):
    """With `prefers-reduced-motion: reduce`, nothing animates or scrolls smoothly
    (WCAG 2.3.3), whatever a component's own styles say."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    tab = context.new_page()
    problems = []
    try:
        assert tab.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
        for path in sitemap_paths:
            tab.goto(site_server + path)
            # Hover and focus states are where transitions usually live.
            tab.keyboard.press("Tab")
            result = tab.evaluate(MOTION_JS)
            if result["moving"]:
                problems.append(f"{path}: still moves: {result['moving']}")
            if result["scroll"] == "smooth":
                problems.append(f"{path}: scrolls smoothly")
    finally:
        context.close()
    a11y_summary.add("reduced motion", len(sitemap_paths))
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
    paths = ["/next-steps/", "/accessibility-statement/", *places[:1], *briefings[:1]]
    faq = [p for p in sitemap_paths if "question" in p]
    paths.extend(faq[:1])
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
