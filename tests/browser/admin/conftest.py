"""Editor journeys through the real Wagtail admin in Debian's Chromium.

Every journey signs in through `admin_as`, which watches every tab it opens:
Content-Security-Policy violations (the `securitypolicyviolation` event,
reported to Python from an init script, so a blocked inline script cannot hide
it), console errors and uncaught exceptions. A journey that meets any of them
on any screen, or inside the preview frame, fails at the end even if every
assertion passed: an admin that logs a violation is an admin where a chooser,
date picker or preview silently does nothing.

The site is the session's browser server (tests/browser/conftest.py); the
people and page ids the journeys need are made once per session here.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _TOTP_SECRETS, BROWSER_ADMIN, ROOT, site_json

PASSWORD = "browser-journey-password"
EDITOR = "journey-editor"
APPROVER = "journey-approver"
# Their authenticator apps, several each for the same reason as the browser
# admin's (tests/browser/conftest.py): a journey signs in as the editor, then the
# approver, then the editor again within seconds. Enrolling through the real
# screens is tested in tests/browser/test_two_factor.py.
JOURNEY_TOTP_KEYS = {
    EDITOR: [f"{0xA0 + index:02x}" * 20 for index in range(12)],
    APPROVER: [f"{0xC0 + index:02x}" * 20 for index in range(12)],
}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# The machine is small and shared: assertions wait for UI states generously.
expect.set_options(timeout=30_000)

#: Reports every CSP violation in this document (and every frame: init scripts
#: run in each) to Python. Registered before any page script runs.
VIOLATION_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__journeyViolation(JSON.stringify({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: document.location.href,
  }));
}, true);
"""


#: Records when the page last typed or fetched, so a step can wait until
#: Wagtail's autosave has nothing left to send (see editor.save_draft).
ACTIVITY_TRACKER = """
(() => {
  const activity = { active: 0, last: performance.now() };
  window.__journeyActivity = activity;
  const touch = () => { activity.last = performance.now(); };
  document.addEventListener('input', touch, true);
  document.addEventListener('change', touch, true);
  const originalFetch = window.fetch;
  window.fetch = function (...args) {
    activity.active += 1;
    touch();
    return originalFetch.apply(this, args).finally(() => { activity.active -= 1; touch(); });
  };
})();
"""


def run_in_site(code):
    """Run Python `code` on the browser site's database; the JSON its last
    printed line holds."""
    return site_json(code)


@pytest.fixture(scope="session")
def journey_site(site_server):
    """The browser site with a comms editor and a comms approver, and the ids of
    the pages the journeys start from."""
    code = (
        "import json\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from wagtail.models import Page\n"
        "User = get_user_model()\n"
        f"keys = {JOURNEY_TOTP_KEYS!r}\n"
        f"for name, group in [({EDITOR!r}, 'Comms editors'), ({APPROVER!r}, 'Comms approvers')]:\n"
        f"    user = User.objects.create_user(name, name + '@example.invalid', {PASSWORD!r})\n"
        "    user.groups.add(Group.objects.get(name=group))\n"
        "    for n, key in enumerate(keys[name]):\n"
        "        TOTPDevice.objects.create(user=user, name=f'App {n}', key=key, confirmed=True)\n"
        "ids = {}\n"
        "for page in Page.objects.filter(depth__gte=2).specific():\n"
        "    ids.setdefault(type(page).__name__, page.pk)\n"
        "print(json.dumps(ids))\n"
    )
    ids = run_in_site(code)
    for name, keys in JOURNEY_TOTP_KEYS.items():
        _TOTP_SECRETS[name] = list(keys)
    return {"base": site_server, "ids": ids}


class ScreenWatch:
    """What went wrong on the screens a journey touched."""

    def __init__(self):
        self.problems = []

    def attach(self, context):
        context.expose_function("__journeyViolation", self._violation)
        context.add_init_script(VIOLATION_LISTENER)
        context.add_init_script(ACTIVITY_TRACKER)
        context.on("console", self._console)
        context.on("weberror", self._web_error)
        context.on("response", self._response)

    def _violation(self, payload):
        data = json.loads(payload)
        self.problems.append(
            f"CSP violation on {data['page']}: {data['directive']} blocked "
            f"{data['blocked'] or 'inline'} ({data['source']}:{data['line']}) {data['sample']!r}"
        )

    def _console(self, message):
        # A failed request is logged as "Failed to load resource"; _response
        # judges those with their URL and method.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            where = message.page.url if message.page else "?"
            self.problems.append(f"Console error on {where}: {message.text}")

    def _web_error(self, error):
        where = error.page.url if error.page else "?"
        self.problems.append(f"Uncaught error on {where}: {error.error}")

    def _response(self, response):
        if response.status < 400:
            return
        request = response.request
        if (
            response.status == 400
            and request.method == "POST"
            and request.headers.get("accept") == "application/json"
        ):
            # Wagtail's autosave posting a form that is not valid yet (no title):
            # it answers 400 with the errors and the editor sees "Autosave is paused".
            return
        self.problems.append(f"HTTP {response.status} for {request.method} {response.url}")

    def check(self, server_log=None):
        if self.problems:
            listing = "\n".join(dict.fromkeys(self.problems))
            if server_log and server_log.exists() and "HTTP 5" in listing:
                # Name the server's own account of the error.
                text = server_log.read_text(errors="replace")
                start = text.rfind("Traceback")
                listing += "\n\nLast traceback in the server log:\n" + text[start:][-3000:]
            pytest.fail(
                f"{len(self.problems)} problem(s) on the admin screens:\n{listing}", pytrace=False
            )


@pytest.fixture
def screen_watch(tmp_path_factory):
    """Fails the test at teardown if any watched tab logged a CSP violation,
    a console error or an uncaught exception, or got an HTTP error."""
    watch = ScreenWatch()
    yield watch
    # Where tests/browser/conftest.py's site_server writes the server's output.
    watch.check(tmp_path_factory.getbasetemp() / "server0" / "server.log")


@pytest.fixture
def admin_as(browser, journey_site, screen_watch):
    """`admin_as(username="browser-admin", width=1280, height=1000)` → a watched
    tab, signed in to the admin, in a browser context of its own."""
    base = journey_site["base"]
    contexts = []

    def open_tab(username=BROWSER_ADMIN[0], width=1280, height=1000):
        password = BROWSER_ADMIN[1] if username == BROWSER_ADMIN[0] else PASSWORD
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=base)
        # The machine is small and shared: wait generously for UI states.
        context.set_default_timeout(30_000)
        context.set_default_navigation_timeout(60_000)
        screen_watch.attach(context)
        contexts.append(context)
        tab = context.new_page()
        tab.goto("/admin/login/")
        tab.fill("#id_username", username)
        tab.fill("#id_password", password)
        tab.click("button[type=submit]")
        tab.wait_for_url(base + "/admin/")
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def visitor(browser, journey_site):
    """An anonymous tab (not watched: journeys use it to check 404s too)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=journey_site["base"]
    )
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    """Where journeys keep the screenshots people look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return Path(SCREENSHOTS)
