"""PDF helpers: a page counter that a hostile file cannot hang, and a tiny
writer for the text-only PDF version of the seed briefing.

Counting pages means parsing the PDF, and a crafted PDF can make a parser
loop or eat memory. pypdf therefore runs in a separate, short-lived Python
process with CPU-time and memory limits, fed at most a configured number of
bytes and killed after a configured number of seconds; if anything goes wrong
the page count is simply unknown and the upload carries on without it.

The writer needs no dependency: standard Helvetica, WinAnsi text, A4 pages.
Its output is deterministic (no dates or random ids), so the same text always
gives the same bytes.
"""

import html
import logging
import os
import re
import subprocess
import sys
import zlib

from django.conf import settings
from django.utils.html import strip_tags

logger = logging.getLogger(__name__)

# Runs first in every child process that reads a PDF: limits (CPU seconds from
# argv[1], 1 GiB of memory), then the PDF from stdin as `reader`.
CHILD_PREAMBLE = r"""
import io, resource, sys
seconds = int(sys.argv[1])
for limit, value in ((resource.RLIMIT_CPU, seconds), (resource.RLIMIT_AS, 1 << 30)):
    try:
        resource.setrlimit(limit, (value, value))
    except (ValueError, OSError):
        pass
import logging
logging.disable(logging.CRITICAL)
from pypdf import PdfReader
reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
if reader.is_encrypted:
    reader.decrypt("")
"""

# Prints the page count.
_PAGE_COUNT_SCRIPT = "sys.stdout.write(str(len(reader.pages)))\n"


def child_environment():
    """The only environment the page counter gets: nothing of the server's
    (no SECRET_KEY, DATABASE_URL or cloud credentials), just enough to run."""
    return {"PATH": os.defpath, "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}


def run_child(script, args=(), data=b"", timeout=5):
    """Run `script` in an isolated Python (-I: no user site, no PYTHON*
    variables) with the minimal environment above; returns CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-I", "-c", script, *args],
        input=data,
        capture_output=True,
        timeout=timeout,
        check=False,
        env=child_environment(),
    )


# -- active content ----------------------------------------------------------------
# A PDF may carry JavaScript (run by the reader on opening: /OpenAction, /AA),
# launch actions (/Launch: start a program) and embedded files (/EmbeddedFiles,
# /FileAttachment annotations). A public briefing needs none of them. The
# names are looked for in the file and inside its compressed streams (object
# streams hide dictionaries there), after undoing "#xx" escapes in names
# (/J#61vaScript is /JavaScript).

ACTIVE_NAMES = {
    b"/JavaScript": "JavaScript",
    b"/JS": "JavaScript",
    b"/Launch": "an action that launches a program",
    b"/EmbeddedFiles": "embedded files",
    b"/EmbeddedFile": "embedded files",
    b"/FileAttachment": "an embedded file attachment",
}
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
#: At most this many bytes are inflated from the file's streams in all.
MAX_INFLATED_BYTES = 100 * 1024 * 1024


def _names_in(data):
    for match in _NAME.finditer(data):
        name = match.group(0)
        if b"#" in name:
            name = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
        yield name


def active_content(data):
    """A description of the first active content found in the PDF `data`
    ("JavaScript", "embedded files"...), or "" if there is none."""
    chunks = [data]
    budget = MAX_INFLATED_BYTES
    for match in _STREAM.finditer(data):
        if budget <= 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        chunks.append(inflated)
    for chunk in chunks:
        for name in _names_in(chunk):
            if name in ACTIVE_NAMES:
                return ACTIVE_NAMES[name]
    return ""


def run_on_pdf(file, script, args=(), purpose="Reading a PDF", timeout=None, max_bytes=None):
    """What `script` (run after CHILD_PREAMBLE, in the isolated child above)
    prints about the PDF in `file` (a file-like object), as bytes; None when
    the file is too big or not a PDF, or the child fails or takes longer than
    allowed (DOCUMENT_PAGE_COUNT_TIMEOUT, DOCUMENT_PAGE_COUNT_MAX_MB)."""
    if timeout is None:
        timeout = getattr(settings, "DOCUMENT_PAGE_COUNT_TIMEOUT", 5)
    if max_bytes is None:
        max_bytes = int(getattr(settings, "DOCUMENT_PAGE_COUNT_MAX_MB", 20) * 1024 * 1024)
    file.seek(0)
    data = file.read(max_bytes + 1)
    file.seek(0)
    if len(data) > max_bytes or not data.startswith(b"%PDF-"):
        return None
    seconds = str(max(1, int(timeout) + 1))
    try:
        result = run_child(CHILD_PREAMBLE + script, [seconds, *args], data=data, timeout=timeout)
    except subprocess.TimeoutExpired:
        logger.warning("%s took longer than %ss; skipped.", purpose, timeout)
        return None
    except OSError:
        logger.exception("%s: could not start the child process.", purpose)
        return None
    if result.returncode != 0:
        logger.warning("%s failed (exit %s).", purpose, result.returncode)
        return None
    return result.stdout


def count_pages(file, timeout=None, max_bytes=None):
    """Number of pages of the PDF in `file` (a file-like object), or None when
    it is too big to count, cannot be read or takes longer than allowed."""
    output = run_on_pdf(
        file,
        _PAGE_COUNT_SCRIPT,
        purpose="Counting the pages of a PDF",
        timeout=timeout,
        max_bytes=max_bytes,
    )
    text = (output or b"").decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


# -- Writer --------------------------------------------------------------------

A4 = (595, 842)
MARGIN = 64
# Advance widths of standard Helvetica (per 1000 units of the font size).
# fmt: off
_HELVETICA = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]
# fmt: on
_WIDTHS = {chr(32 + offset): width for offset, width in enumerate(_HELVETICA)}
_WIDTHS.update({"’": 222, "‘": 222, "“": 333, "”": 333, "–": 556, "—": 1000, "•": 350})

STYLES = {
    # kind: (font, size, leading, space before, space after, indent)
    "title": ("F2", 20, 26, 0, 14, 0),
    "h2": ("F2", 14, 19, 10, 6, 0),
    "p": ("F1", 11, 15.5, 0, 8, 0),
    "li": ("F1", 11, 15.5, 0, 4, 16),
    "small": ("F1", 9, 12, 0, 6, 0),
}


def _text_width(text, font, size):
    factor = 1.08 if font == "F2" else 1.0  # bold is a little wider
    return sum(_WIDTHS.get(char, 556) for char in text) * size / 1000 * factor


def _wrap(text, font, size, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and _text_width(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def _pdf_string(text):
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _layout(blocks):
    """Place `blocks` ((kind, text) pairs) on pages: a list of lists of
    (font, size, x, y, text)."""
    pages, current = [], []
    top, bottom = A4[1] - MARGIN, MARGIN + 24
    y = top
    for kind, text in blocks:
        font, size, leading, before, after, indent = STYLES[kind]
        width = A4[0] - 2 * MARGIN - indent
        lines = _wrap(text, font, size, width)
        # Keep a heading with at least two lines of what follows.
        needed = before + leading * (len(lines) + (2 if kind == "h2" else 0))
        if current and y - needed < bottom:
            pages.append(current)
            current, y = [], top
        elif current:
            y -= before
        for number, line in enumerate(lines):
            if y - leading < bottom:
                pages.append(current)
                current, y = [], top
            y -= leading
            x = MARGIN + indent
            if kind == "li" and number == 0:
                current.append(("F1", size, MARGIN + 2, y, "•"))
            current.append((font, size, x, y, line))
        y -= after
    if current:
        pages.append(current)
    return pages


def write_text_pdf(title, blocks, author="", lang="en-GB"):
    """A text-only PDF of `blocks` — (kind, text) pairs where kind is one of
    "title", "h2", "p", "li" or "small" — with numbered A4 pages."""
    pages = _layout(blocks)
    total = len(pages)
    objects = []  # index i holds object number i + 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    page_tree = add(None)
    regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    page_numbers = []
    for index, items in enumerate(pages, start=1):
        ops = []
        for font, size, x, y, text in items:
            ops.append(
                b"BT /%s %d Tf %.2f %.2f Td %s Tj ET"
                % (font.encode(), size, x, y, _pdf_string(text))
            )
        footer = f"Page {index} of {total}"
        ops.append(
            b"BT /F1 9 Tf %.2f %d Td %s Tj ET"
            % (A4[0] - MARGIN - _text_width(footer, "F1", 9), MARGIN - 20, _pdf_string(footer))
        )
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_numbers.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (page_tree, A4[0], A4[1], regular, bold, content)
            )
        )
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % number for number in page_numbers),
        total,
    )
    objects[catalog - 1] = (
        b"<< /Type /Catalog /Pages %d 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >> >>"
        % (page_tree, _pdf_string(lang))
    )
    info = add(b"<< /Title %s /Author %s >>" % (_pdf_string(title), _pdf_string(author)))

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(output)


def page_as_pdf(page, author=""):
    """The text-only PDF of a page given as data (an item of the initial
    content, fixtures/initial_content/): its title, `author`, summary and body,
    the body's headings, paragraphs and lists in order, links as plain text."""
    blocks = [("title", page["fields"]["title"]), ("small", author)]
    blocks.append(("p", page["fields"]["summary"]))
    for block in page["fields"]["body"]:
        value = block.get("value")
        if block["type"] == "heading":
            blocks.append(("h2", value["text"]))
        elif block["type"] == "rich_text":
            blocks.extend(
                ("p", html.unescape(strip_tags(text)))
                for text in re.findall(r"<p>(.*?)</p>", value, re.S)
            )
        elif block["type"] == "aims_list":
            if value["introduction"]:
                blocks.append(("p", value["introduction"]))
            blocks.extend(("li", item) for item in value["items"])
    return write_text_pdf(page["fields"]["title"], blocks, author=author)
