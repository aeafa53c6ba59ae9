"""Watch a Playwright tab for Content-Security-Policy violations and console errors.

Every frame (the admin page, its preview iframe, block previews) records the
`securitypolicyviolation` events it sees; console errors and uncaught page
errors are collected from the tab. `assert_clean()` fails with all of them.
Shared by the admin policy tests and the editor journey tests (issue 11).
"""

import contextlib

from playwright.sync_api import Error as PlaywrightError

WATCH_SCRIPT = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
      document: event.documentURI,
    });
  });
})();
"""


# NHS.UK frontend's CSS loads its web font from assets.nhs.uk, which the test
# machine cannot reach: that failed download is the network's, not the site's.
OFFLINE_HOSTS = ("https://assets.nhs.uk/",)


class Watch:
    """What a tab logged that an editor would suffer from."""

    def __init__(self, tab):
        self.tab = tab
        self.console_errors = []
        self.page_errors = []
        tab.add_init_script(WATCH_SCRIPT)
        tab.on("console", self._console)
        tab.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url") or ""
        if message.text.startswith("Failed to load resource: net::") and url.startswith(
            OFFLINE_HOSTS
        ):
            return
        self.console_errors.append(f"{message.text} @ {url}")

    def violations(self):
        found = []
        for frame in self.tab.frames:
            # A frame navigating away has nothing to say (its console errors, which
            # Chromium also logs for each violation, are already collected).
            with contextlib.suppress(PlaywrightError):
                found += frame.evaluate("window.__cspViolations || []")
        return found

    def assert_clean(self):
        problems = {
            "CSP violations": self.violations(),
            "console errors": self.console_errors,
            "page errors": self.page_errors,
        }
        assert not any(problems.values()), problems
