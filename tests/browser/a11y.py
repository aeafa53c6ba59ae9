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
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from lscpartnerships.core.wagtail_hooks import AXE_RUN_ONLY, AXE_WCAG_TAGS

ROOT = Path(__file__).resolve().parents[2]
SUMMARY_FILE = ROOT / "test-artifacts" / "a11y-summary.txt"

# Link texts that mean nothing out of context (WCAG 2.4.4 / 2.4.9), as editors
# are told in lscpartnerships.core.blocks.VAGUE_LINK_TEXTS.
VAGUE_LINK_TEXTS = {
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "find out more",
    "learn more",
    "more info",
    "more information",
    "continue",
    "go",
}

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
    so what was checked can be counted."""
    assert AXE_RUN_ONLY == AXE_WCAG_TAGS  # editors' checker and CI share one rule set
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


def _normal_href(href: str) -> str:
    return href.split("#", 1)[0] if "#" in href and not href.endswith("#top") else href


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
        by_text.setdefault(cleaned, set()).add(_normal_href(link["href"]))
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
    """Tab from the top of the loaded page; return (stops in DOM order, problems)."""
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
            reporter.write_line("")
            reporter.write_line(
                f"Accessibility summary (also in {SUMMARY_FILE.relative_to(ROOT)}):"
            )
            for line in (
                lines
                if reporter.verbosity > 0
                else lines[:1] + [line for line in lines[1:] if not line.startswith("  ")]
            ):
                reporter.write_line(line)
