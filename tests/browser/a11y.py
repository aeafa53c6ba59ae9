"""Helpers for the accessibility browser tests.

axe-core (shipped by axe-playwright-python) runs with the same WCAG 2.0/2.1/2.2
A and AA tags that editors' accessibility checker uses (see
lscpartnerships.core.wagtail_hooks), and one JavaScript audit collects what axe
cannot judge: heading outline, images, link texts, the page language, sideways
scrolling and the keyboard path. Failure messages always name the page, the rule
and the element.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from lscpartnerships.core.blocks import VAGUE_LINK_TEXTS as EDITOR_VAGUE_LINK_TEXTS

# Editors' checker and CI share one rule set.
from lscpartnerships.core.wagtail_hooks import AXE_WCAG_TAGS

ROOT = Path(__file__).resolve().parents[2]
SUMMARY_FILE = ROOT / "test-artifacts" / "a11y-summary.txt"

# Link texts that mean nothing out of context (WCAG 2.4.4): the list editors are
# held to, plus texts only templates would use.
VAGUE_LINK_TEXTS = EDITOR_VAGUE_LINK_TEXTS | {"continue", "go"}

_axe = Axe()


def sitemap_paths(base_url: str) -> list[str]:
    """Paths of every page the sitemap lists, mapped onto the test server.

    The sitemap names the Site's hostname (e.g. http://localhost/…); only the
    path and query matter here.
    """
    with urllib.request.urlopen(base_url + "/sitemap.xml", timeout=30) as response:  # noqa: S310
        tree = ET.fromstring(response.read())  # noqa: S314 - our own server's sitemap
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = []
    for loc in tree.findall("s:url/s:loc", namespace):
        parts = urlsplit(loc.text.strip())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in paths:
            paths.append(path)
    return paths


def status_of(url: str) -> int:
    """The HTTP status a GET of `url` answers (no redirects followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# -- axe ---------------------------------------------------------------------------

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_WCAG_TAGS}}


def run_axe(page) -> dict:
    """Run axe-core on the loaded page with the WCAG 2.2 A/AA rules (colour
    contrast included); the whole result (passes with every node) is returned
    so what was checked can be counted.

    Finite CSS animations and transitions (e.g. the admin's error message
    fading in) are allowed to finish first, so colour contrast is measured
    on what a reader sees, not on a frame halfway through a fade."""
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 3000)),
        ])"""
    )
    return _axe.run(page, options=AXE_OPTIONS).response


def describe_violations(label: str, results: dict) -> str:
    """One readable block per violation: page, rule, and each element's selector and HTML."""
    lines = []
    for violation in results["violations"]:
        lines.append(
            f"{label}: rule “{violation['id']}” ({violation['impact']}): {violation['help']}"
            f" — {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            html = " ".join(node["html"].split())[:300]
            lines.append(f"    element {target}: {html}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


def count_axe(results: dict) -> tuple[int, int, set]:
    """(rules evaluated, element checks, distinct elements) of one axe run."""
    rules = 0
    checks = 0
    elements = set()
    for kind in ("passes", "violations", "incomplete"):
        for rule in results[kind]:
            rules += 1
            for node in rule["nodes"]:
                checks += 1
                elements.add(json.dumps(node["target"]))
    return rules, checks, elements


# -- one JavaScript pass over the DOM for what axe cannot judge -----------------

AUDIT_JS = r"""
() => {
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const describe = (el) => {
    const html = el.outerHTML.replace(/\s+/g, " ");
    const open = html.slice(0, html.indexOf(">") + 1 || 200);
    return open.length > 200 ? open.slice(0, 200) + "…" : open;
  };
  const name = (el) => {
    const label = el.getAttribute("aria-label");
    if (label && label.trim()) return label.trim();
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      return by.split(/\s+/).map((id) => document.getElementById(id))
        .filter(Boolean).map((n) => n.textContent).join(" ").replace(/\s+/g, " ").trim();
    }
    let text = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
        else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.getAttribute("aria-hidden") === "true") continue;
          if (child.tagName === "IMG") text += " " + (child.getAttribute("alt") || "") + " ";
          else if (getComputedStyle(child).display === "none") continue;
          else walk(child);
        }
      }
    };
    walk(el);
    return text.replace(/\s+/g, " ").trim();
  };
  const outsideUserbar = (el) => !el.closest("wagtail-userbar, [data-wagtail-userbar]");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
    .filter(shown).filter(outsideUserbar)
    .map((el) => ({
      level: el.getAttribute("aria-level") ? Number(el.getAttribute("aria-level")) : Number(el.tagName[1]),
      text: el.textContent.replace(/\s+/g, " ").trim(),
      html: describe(el),
    }));
  const images = [...document.querySelectorAll("img")].filter(outsideUserbar).map((el) => {
    const link = el.closest("a, button");
    return {
      html: describe(el),
      src: el.getAttribute("src"),
      hasAlt: el.hasAttribute("alt"),
      alt: (el.getAttribute("alt") || "").trim(),
      presentational: ["presentation", "none"].includes(el.getAttribute("role")) ||
        el.getAttribute("aria-hidden") === "true",
      linkText: link ? name(link) : null,
    };
  });
  const svgs = [...document.querySelectorAll("svg")].filter(outsideUserbar)
    .filter((el) => !el.parentElement.closest("svg")).map((el) => ({
      html: describe(el),
      hidden: el.getAttribute("aria-hidden") === "true" || !!el.closest("[aria-hidden=true]"),
      named: !!(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") ||
        el.querySelector(":scope > title")),
      role: el.getAttribute("role"),
    }));
  const links = [...document.querySelectorAll("a[href]")].filter(shown).filter(outsideUserbar)
    .map((el) => ({text: name(el), href: el.href, html: describe(el)}));
  return {
    lang: document.documentElement.getAttribute("lang"),
    title: document.title,
    headings,
    images,
    svgs,
    links,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    mainText: (document.querySelector("main") || document.body).innerText.replace(/\s+/g, " ").trim(),
    navLinks: [...document.querySelectorAll("header nav a[href]")]
      .map((el) => ({text: name(el), href: el.href, visible: shown(el) && el.getBoundingClientRect().width > 0})),
    footerLinks: [...document.querySelectorAll("footer a[href]")]
      .map((el) => ({text: name(el), href: el.href, visible: shown(el) && el.getBoundingClientRect().width > 0})),
  };
}
"""


def audit(page) -> dict:
    return page.evaluate(AUDIT_JS)


def heading_problems(label: str, facts: dict) -> list[str]:
    problems = []
    h1s = [h for h in facts["headings"] if h["level"] == 1]
    if len(h1s) != 1:
        problems.append(
            f"{label}: expected exactly one h1, found {len(h1s)}: "
            + "; ".join(h["html"] + " " + h["text"] for h in h1s)
        )
    previous = 0
    for heading in facts["headings"]:
        if heading["level"] > previous + 1:
            problems.append(
                f"{label}: heading skips a level (h{previous} → h{heading['level']}): "
                f"{heading['html']} “{heading['text']}”"
            )
        if not heading["text"]:
            problems.append(f"{label}: empty heading {heading['html']}")
        previous = heading["level"]
    return problems


def image_problems(label: str, facts: dict) -> list[str]:
    problems = []
    for image in facts["images"]:
        if not image["hasAlt"]:
            problems.append(f"{label}: image without an alt attribute: {image['html']}")
        elif not image["alt"] and not image["presentational"]:
            # An empty alt is right only for a decorative image, or one inside a link
            # whose own text already names where it goes.
            if image["linkText"] is not None and not image["linkText"]:
                problems.append(
                    f"{label}: image is a link's only content but its alt is empty: {image['html']}"
                )
        elif image["src"] and image["alt"].lower() in {
            image["src"].rsplit("/", 1)[-1].lower(),
            "image",
            "picture",
            "photo",
        }:
            problems.append(f"{label}: alt text “{image['alt']}” says nothing: {image['html']}")
    for svg in facts["svgs"]:
        if not svg["hidden"] and not svg["named"]:
            problems.append(
                f"{label}: an <svg> is neither hidden from screen readers (aria-hidden) "
                f"nor named (aria-label or <title>): {svg['html']}"
            )
    return problems


def link_problems(label: str, facts: dict) -> list[str]:
    problems = []
    by_text: dict[str, set] = {}
    for link in facts["links"]:
        text = link["text"]
        cleaned = " ".join(text.lower().strip(" .!:…").split())
        if not cleaned:
            problems.append(f"{label}: link with no text: {link['html']}")
            continue
        if cleaned in VAGUE_LINK_TEXTS:
            problems.append(
                f"{label}: link text “{text}” does not say where it goes: {link['html']}"
            )
        by_text.setdefault(cleaned, set()).add(link["href"])
    for text, hrefs in by_text.items():
        if len(hrefs) > 1:
            problems.append(
                f"{label}: the link text “{text}” leads to {len(hrefs)} different places: "
                + ", ".join(sorted(hrefs))
            )
    return problems


# -- keyboard -----------------------------------------------------------------------

TAB_STOPS_JS = r"""
() => {
  const selector = "a[href], area[href], button, input:not([type=hidden]), select, textarea, " +
    "iframe, details > summary:first-of-type, [tabindex], [contenteditable=true]";
  const candidates = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.closest("wagtail-userbar")) return false;
    if (el.disabled || el.closest("[inert]")) return false;
    if (el.getAttribute("tabindex") !== null && Number(el.getAttribute("tabindex")) < 0) return false;
    if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") {
      // Inside a closed expander: not reachable until it opens.
      if (el.closest("details:not([open])").querySelector(":scope > summary") !== el) return false;
    }
    return el.checkVisibility({visibilityProperty: true});
  });
  const styleOf = (el, pseudo) => {
    const s = getComputedStyle(el, pseudo);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.borderTopColor, s.borderBottomColor, s.borderBottomWidth,
            s.textDecorationLine, s.textDecorationThickness, s.content].join("|");
  };
  window.__a11yStyle = (el) => [styleOf(el), styleOf(el, "::before"), styleOf(el, "::after"),
    el.parentElement ? styleOf(el.parentElement) : ""].join("||");
  window.__a11yStops = candidates;
  window.__a11yBefore = candidates.map((el) => window.__a11yStyle(el));
  return candidates.map((el) => {
    const html = el.outerHTML.replace(/\s+/g, " ");
    return html.slice(0, Math.min(html.indexOf(">") + 1 || 160, 160));
  });
}
"""

FOCUSED_JS = r"""
() => {
  const el = document.activeElement;
  const index = window.__a11yStops.indexOf(el);
  if (index < 0) {
    const html = el && el.outerHTML ? el.outerHTML.replace(/\s+/g, " ").slice(0, 160) : String(el);
    return {index, html, changed: false, outline: false};
  }
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 &&
    !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(s.outlineColor);
  return {index, html: "", changed: window.__a11yStyle(el) !== window.__a11yBefore[index], outline};
}
"""


def tab_through(page) -> tuple[list[str], list[str]]:
    """Tab from the top of the loaded page; return (stops in DOM order, problems).

    Walked again once if it finds a problem: at 320 px the NHS.UK header lays
    its links out (folding some into "More") when fonts and layout settle, and
    on a loaded CI machine that once happened mid-walk, moving the focused
    link so focus fell to <body>. A real problem is found on the second walk
    too."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    stops, problems = _walk(page)
    if problems:
        page.wait_for_timeout(500)
        stops, problems = _walk(page)
    return stops, problems


def _walk(page) -> tuple[list[str], list[str]]:
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
    )
    stops = page.evaluate(TAB_STOPS_JS)
    problems = []
    for expected, html in enumerate(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused["index"] != expected:
            where = stops[focused["index"]] if focused["index"] >= 0 else focused["html"]
            problems.append(
                f"Tab stop {expected + 1} should be {html} (DOM order) but focus went to {where}"
            )
            break
        if not (focused["changed"] or focused["outline"]):
            problems.append(f"no visible focus indicator on {html}")
    return stops, problems


# -- skip link, expanders, motion ---------------------------------------------------

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


def skip_link_problems(page) -> list[str]:
    """On a freshly loaded page: the first Tab stop is the visible skip link, Enter
    moves focus to <main>, and the next Tab lands at the start of the content."""
    page.evaluate(TAB_STOPS_JS)
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    if first != ["nhsuk-skip-link", "#maincontent"]:
        return [f"the first Tab stop is {first}, not the skip link"]
    problems = []
    if not page.locator(".nhsuk-skip-link").is_visible():
        problems.append("the skip link is not visible when focused")
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "maincontent":
        return [*problems, "Enter on the skip link did not move focus to <main>"]
    page.keyboard.press("Tab")
    if not page.evaluate(FIRST_STOP_AFTER_MAIN_START_JS):
        problems.append(
            "after the skip link, Tab did not go to the first link in (or after) the main content"
        )
    return problems


FOCUS_SUMMARY_JS = """
(details) => {
  const summary = details.querySelector(':scope > summary');
  summary.scrollIntoView();
  summary.focus();
  return document.activeElement === summary;
}
"""


def expander_problems(page) -> tuple[list[str], int]:
    """Every expander in <main> opens and closes again with Enter and with Space."""
    problems = []
    details = page.locator("main details")
    for index in range(details.count()):
        item = details.nth(index)
        text = item.locator(":scope > summary").inner_text().strip()
        content = item.locator(":scope > :not(summary)").first
        for key in ("Enter", "Space"):
            if item.evaluate("d => d.open"):
                item.evaluate("d => { d.open = false; }")
            if not item.evaluate(FOCUS_SUMMARY_JS):
                problems.append(f"the expander “{text}” cannot take focus")
                break
            page.keyboard.press(key)
            if not item.evaluate("d => d.open") or not content.is_visible():
                problems.append(f"{key} does not open the expander “{text}”")
                continue
            page.keyboard.press(key)
            if item.evaluate("d => d.open"):
                problems.append(f"{key} does not close the expander “{text}” again")
    return problems, details.count()


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


def motion_problems(page) -> list[str]:
    """With `prefers-reduced-motion: reduce` emulated, nothing animates or scrolls smoothly."""
    page.emulate_media(reduced_motion="reduce")
    try:
        assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
        result = page.evaluate(MOTION_JS)
    finally:
        page.emulate_media(reduced_motion="no-preference")
    problems = [f"still moves: {moving}" for moving in result["moving"]]
    if result["scroll"] == "smooth":
        problems.append("scrolls smoothly")
    return problems


WIDEST_JS = r"""
(limit) => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > limit + 1)
  .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > limit + 1))
  .slice(0, 5)
  .map((el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160))
"""


def overflow_problem(page, width) -> str | None:
    """None, or what makes the page scroll sideways at `width` CSS px."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width <= width:
        return None
    return f"{scroll_width}px wide; widest elements: {page.evaluate(WIDEST_JS, width)}"


# -- one crawl of the site per browser setting -------------------------------------

NOT_FOUND_PATH = "/no-such-page-for-accessibility-tests/"

SETTINGS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "java_script_enabled": True},
    "desktop-no-js": {"viewport": {"width": 1280, "height": 900}, "java_script_enabled": False},
    "320px": {"viewport": {"width": 320, "height": 640}, "java_script_enabled": True},
    "320px-no-js": {"viewport": {"width": 320, "height": 640}, "java_script_enabled": False},
}


class Crawl:
    """Visits every sitemap page once per browser setting, running every check that
    setting needs on the same visit, so the suite stays fast; tests then assert
    on the stored results. Each setting is crawled the first time a test asks."""

    def __init__(self, browser, base_url, paths, summary):
        self.browser = browser
        self.base_url = base_url
        self.paths = paths
        self.summary = summary
        self._results = {}

    def __call__(self, setting: str) -> dict:
        if setting not in self._results:
            context = self.browser.new_context(**SETTINGS[setting])
            page = context.new_page()
            try:
                self._results[setting] = {
                    path: self._visit(page, setting, path) for path in self._paths(setting)
                }
            finally:
                context.close()
        return self._results[setting]

    def _paths(self, setting):
        return [*self.paths, NOT_FOUND_PATH] if setting.startswith("320px") else self.paths

    def _visit(self, page, setting, path):
        response = page.goto(self.base_url + path)
        result = {"status": response.status}
        width = SETTINGS[setting]["viewport"]["width"]
        if setting == "desktop":
            result["axe"] = run_axe(page)
            self.summary.add_axe(path, result["axe"])
            result["facts"] = audit(page)
            result["tab"] = tab_through(page)
            result["motion"] = motion_problems(page)
            result["expanders"] = expander_problems(page)
            page.goto(self.base_url + path)
            result["skip"] = skip_link_problems(page)
        elif setting == "desktop-no-js":
            result["skip"] = skip_link_problems(page)
            result["facts"] = audit(page)
            result["expanders"] = expander_problems(page)
        elif setting == "320px":
            result["overflow"] = overflow_problem(page, width)
            result["tab"] = tab_through(page)
        else:
            result["overflow"] = overflow_problem(page, width)
        return result


# -- the session summary ------------------------------------------------------------


@dataclass
class Summary:
    """What the accessibility tests checked, for the report at the end of the run."""

    axe_pages: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)
    not_checked: dict = field(default_factory=dict)

    def add_axe(self, label: str, results: dict):
        rules, node_checks, elements = count_axe(results)
        self.axe_pages[label] = {
            "rules": rules,
            "checks": node_checks,
            "elements": len(elements),
            "violations": sum(len(v["nodes"]) for v in results["violations"]),
            "incomplete": [
                f"{r['id']} ×{len(r['nodes'])}" for r in results["incomplete"] if r["nodes"]
            ],
        }

    def add(self, check: str, pages: int, elements: int = 0):
        done = self.checks.setdefault(check, {"pages": 0, "elements": 0})
        done["pages"] += pages
        done["elements"] += elements

    def skip(self, label: str, why: str):
        self.not_checked[label] = why

    def lines(self) -> list[str]:
        pages = self.axe_pages
        lines = [
            f"axe-core ({', '.join(AXE_WCAG_TAGS)}): {len(pages)} pages, "
            f"{sum(p['elements'] for p in pages.values())} elements, "
            f"{sum(p['checks'] for p in pages.values())} element checks, "
            f"{sum(p['violations'] for p in pages.values())} violations"
        ]
        for label, p in pages.items():
            needs_review = (
                f"; needs review: {', '.join(p['incomplete'])}" if p["incomplete"] else ""
            )
            lines.append(
                f"  {label}: {p['rules']} rules, {p['elements']} elements, "
                f"{p['violations']} violations{needs_review}"
            )
        for check, done in self.checks.items():
            lines.append(f"{check}: {done['pages']} pages, {done['elements']} elements")
        for label, why in self.not_checked.items():
            lines.append(f"not checked yet: {label} ({why})")
        return lines

    def report(self, config):
        if not (self.axe_pages or self.checks or self.not_checked):
            return
        lines = self.lines()
        SUMMARY_FILE.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY_FILE.write_text("\n".join(lines) + "\n")
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if reporter is None or capture is None:
            return
        # Fixture teardown output is captured; this summary belongs in the run's output.
        with capture.global_and_fixture_disabled():
            print_summary(reporter, lines)


def print_summary(reporter, lines):
    """The summary in the run's output: its headings, and every line with -v."""
    reporter.write_line("")
    reporter.write_line(f"Accessibility summary (also in {SUMMARY_FILE.relative_to(ROOT)}):")
    for line in (
        lines
        if reporter.verbosity > 0
        else lines[:1] + [line for line in lines[1:] if not line.startswith("  ")]
    ):
        reporter.write_line(line)
