"""Automatic accessibility checks of uploaded PDFs.

The "accessible" tick on a document used to be the editor's word. A machine
cannot prove a PDF is accessible (reading order, alt text and headings need a
person), but it can prove some are *not*: these five checks are the ones a
PDF must pass before a person's review is worth doing (PDF/UA and the GOV.UK
guidance on publishing accessible documents):

- tagged: a structure tree (``/StructTreeRoot``) and ``/MarkInfo /Marked true``;
- language: the document language (``/Lang``) so screen readers pronounce it;
- title shown: a title, shown as the window title (``/DisplayDocTitle true``);
- fonts embedded: every font used carries its font program, so text renders
  and extracts the same everywhere;
- text present: the pages contain real text, not only scanned images.

pypdf parses the file in a separate, short-lived ``python -I`` process with
CPU-time and memory limits, like the page counter in pdf.py (a crafted PDF can
make any parser loop or eat memory); if the check cannot finish, the result is
"not checked" (None), never an error for the editor.
"""

import json
from dataclasses import dataclass

from .pdf import run_on_pdf


@dataclass(frozen=True)
class Check:
    key: str
    label: str  # what passing means, shown in the admin
    problem: str  # what failing means, in the editor's words
    fix: str  # what to do about it


CHECKS = (
    Check(
        "tagged",
        "Tagged",
        "it is not tagged (no structure tree), so screen readers cannot follow its headings, "
        "lists and reading order",
        "export it again with “Create tagged PDF” (Word: Save as PDF → Options → "
        "“Document structure tags for accessibility”)",
    ),
    Check(
        "language",
        "Language set",
        "it does not say what language it is in",
        "set the document language before exporting (Word: Review → Language)",
    ),
    Check(
        "title_displayed",
        "Title shown",
        "it has no title shown as the window title (/DisplayDocTitle)",
        "give it a title in the file's properties and export with “Display document title”",
    ),
    Check(
        "fonts_embedded",
        "Fonts embedded",
        "some of its fonts are not embedded",
        "export with “Embed fonts in the file” (PDF/A or PDF/UA export does this)",
    ),
    Check(
        "text_present",
        "Text present",
        "it has no text that can be read aloud (it looks like scanned images)",
        "publish the original document rather than a scan, or run text recognition (OCR) on it",
    ),
)
CHECK_KEYS = tuple(check.key for check in CHECKS)

#: Pages looked at for fonts and text: enough to judge, bounded for huge files.
MAX_PAGES = 200

# Runs in the child process after CHILD_PREAMBLE (limits, then `reader`).
# Prints the results as JSON.
_CHECK_SCRIPT = r"""
import json
max_pages = int(sys.argv[2])
root = reader.trailer["/Root"].get_object()

def obj(value):
    return value.get_object() if value is not None else None

def is_true(value):
    return value is not None and getattr(obj(value), "value", None) is True

mark_info = obj(root.get("/MarkInfo")) or {}
tagged = "/StructTreeRoot" in root and is_true(mark_info.get("/Marked"))
language = bool(str(obj(root.get("/Lang")) or "").strip())
preferences = obj(root.get("/ViewerPreferences")) or {}
title = ""
try:
    title = (reader.metadata.title or "") if reader.metadata else ""
except Exception:
    title = ""
title_displayed = is_true(preferences.get("/DisplayDocTitle")) and bool(str(title).strip())

def font_embedded(font):
    font = obj(font)
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # its glyphs are drawn by the file itself
    if subtype == "/Type0":
        descendants = obj(font.get("/DescendantFonts")) or []
        if not descendants:
            return False
        font = obj(descendants[0])
    descriptor = obj(font.get("/FontDescriptor")) or {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

seen = set()
def fonts_ok(resources, depth=0):
    resources = obj(resources) or {}
    for font in (obj(resources.get("/Font")) or {}).values():
        key = getattr(font, "idnum", None) or id(font)
        if key in seen:
            continue
        seen.add(key)
        if not font_embedded(font):
            return False
    if depth < 3:
        for xobject in (obj(resources.get("/XObject")) or {}).values():
            xobject = obj(xobject)
            if xobject.get("/Subtype") == "/Form" and not fonts_ok(xobject.get("/Resources"), depth + 1):
                return False
    return True

fonts_embedded = True
text_present = False
for number, page in enumerate(reader.pages):
    if number >= max_pages:
        break
    if fonts_embedded and not fonts_ok(page.get("/Resources")):
        fonts_embedded = False
    if not text_present:
        try:
            text_present = bool(page.extract_text().strip())
        except Exception:
            pass
json.dump({"tagged": tagged, "language": language, "title_displayed": title_displayed,
           "fonts_embedded": fonts_embedded, "text_present": text_present}, sys.stdout)
"""


def check_pdf(file, timeout=None, max_bytes=None):
    """Results of the checks on the PDF in `file` (a file-like object): a dict
    ``{check key: bool}``, or None when the file is too big to check, cannot be
    read or takes longer than allowed. Limits as for page counting
    (``DOCUMENT_PAGE_COUNT_TIMEOUT``, ``DOCUMENT_PAGE_COUNT_MAX_MB``), in the
    same isolated child process (documents/pdf.py)."""
    output = run_on_pdf(
        file,
        _CHECK_SCRIPT,
        [str(MAX_PAGES)],
        purpose="Checking a PDF for accessibility",
        timeout=timeout,
        max_bytes=max_bytes,
    )
    try:
        results = json.loads(output.decode("utf-8")) if output else None
    except ValueError:
        results = None
    if not isinstance(results, dict):
        return None
    return {key: bool(results.get(key)) for key in CHECK_KEYS}


def passed(results):
    """True if every check passed, False if any failed, None if not checked."""
    if not results:
        return None
    return all(results.get(key) for key in CHECK_KEYS)


def failed_checks(results):
    """The checks that failed, in their usual order."""
    return [check for check in CHECKS if results and not results.get(check.key, False)]


def summary(results):
    """One line for listings and messages."""
    if not results:
        return "Not checked"
    failures = failed_checks(results)
    if not failures:
        return "Passes the automatic checks"
    return "Fails: " + ", ".join(check.label.lower() for check in failures)


def refusal_message(results):
    """Why the "accessible" tick is refused, and what to do instead."""
    reasons = "; ".join(check.problem for check in failed_checks(results))
    fixes = "; ".join(check.fix for check in failed_checks(results))
    return (
        f"This PDF cannot be marked accessible: {reasons}. To fix it: {fixes}, then upload "
        "the corrected file. Until then leave this unticked, so readers are offered the "
        "document in an accessible format on request."
    )
