"""Upload checks for documents: the file type is allowed, the file is not too
big, and its content really is what its extension says.

An extension is only a name: a Windows program or a web page renamed to
"briefing.pdf" would otherwise be served to the public as a PDF from our own
domain. So each allowed type is recognised by its content (a PDF's header, the
entries an Office or OpenDocument ZIP must contain, plain UTF-8 text for CSV
and TXT) and anything else is refused with a message that says what the file
appears to be and what to do. See docs/decisions/0013-document-upload-checks.md.
"""

import os
import re
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError

from .choices import UPLOAD_TYPE_NAMES as ALLOWED_TYPES

# The part every Office Open XML package of each kind contains.
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Text that a browser (or a spreadsheet) could treat as markup or script.
MARKUP_PATTERN = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form)\b"
    rb"|<\?php|<\?xml|javascript:",
    re.IGNORECASE,
)


def allowed_extensions():
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or list(ALLOWED_TYPES)
    return [ext.lower() for ext in configured if ext.lower() in ALLOWED_TYPES]


def allowed_types_text():
    names = [ALLOWED_TYPES[ext] for ext in allowed_extensions()]
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def max_upload_bytes():
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def human_size(size):
    """312 KB, 1.2 MB: how big a file is, as GOV.UK writes it."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes" if size != 1 else "1 byte"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes < 10 else f"{round(megabytes)} MB"


def describe_content(head):
    """A plain description of what the first bytes of a file look like."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"MZ"):
        return "a Windows program"
    if head.startswith(b"\x7fELF"):
        return "a Linux program"
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        return "a Mac program"
    if stripped.startswith(b"#!"):
        return "a script"
    if head.startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive"
    if MARKUP_PATTERN.search(stripped[:1024]):
        return "a web page or script"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Office file (DOC, XLS or PPT)"
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG") or head[:4] == b"GIF8":
        return "an image"
    return "a different kind of file"


def _mismatch(extension, head):
    return ValidationError(
        f"This file is not a real {ALLOWED_TYPES[extension]} file: its content looks like "
        f"{describe_content(head)}. Save or export the document as "
        f"{ALLOWED_TYPES[extension]} and upload it again.",
        code="content_mismatch",
    )


def _read_head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _check_pdf(file, head):
    if not head.startswith(b"%PDF-"):
        raise _mismatch("pdf", head)
    from .pdf import active_content

    file.seek(0)
    found = active_content(file.read())
    file.seek(0)
    if found:
        raise ValidationError(
            f"This PDF cannot be published because it contains {found}, which could run or "
            "open something on a reader's computer. Save it again without them (for example "
            "with “Print to PDF” or “Save as PDF”) and upload that.",
            code="pdf_active_content",
        )


#: Most bytes an Office or OpenDocument file may expand to when opened, and
#: most entries it may hold. A real 20 MB document expands to far less; a
#: "zip bomb" (a small file that expands to gigabytes) is refused long before.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
_READ_CHUNK = 64 * 1024


class _ZipTooBig(Exception):
    pass


def _zip_too_big_error(extension):
    return ValidationError(
        f"This {ALLOWED_TYPES[extension]} file cannot be checked safely: it expands to more "
        f"than {human_size(MAX_UNZIPPED_BYTES)} when opened, or holds too many parts. Save the "
        "document again (or export it as PDF) and upload that.",
        code="zip_bomb",
    )


def _inspect_zip(file, extension):
    """Open every entry of the ZIP and read it, counting the bytes actually
    produced and stopping at MAX_UNZIPPED_BYTES in all: the sizes the ZIP's
    directory declares are never trusted (a zip bomb lies about them).
    Returns {name: first bytes} for the small entries the checks need, or
    raises ValidationError."""
    wanted = {"mimetype", "[Content_Types].xml", OOXML_MAIN_PART.get(extension, "")}
    heads = {}
    total = 0
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _ZipTooBig
            for info in entries:
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    head = b""
                    while chunk := member.read(_READ_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNZIPPED_BYTES:
                            raise _ZipTooBig
                        if info.filename in wanted and len(head) < 4096:
                            head += chunk[: 4096 - len(head)]
                heads[info.filename] = head
    except _ZipTooBig:
        raise _zip_too_big_error(extension) from None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError):  # fmt: skip
        # Damaged, encrypted or using a compression method Office never uses.
        raise ValidationError(
            f"This {ALLOWED_TYPES[extension]} file is damaged or protected and cannot be "
            "opened. Save the document again without a password and upload it.",
            code="damaged_zip",
        ) from None
    finally:
        file.seek(0)
    return heads


def _check_ooxml(file, head, extension):
    if not head.startswith(b"PK\x03\x04"):
        raise _mismatch(extension, head)
    names = set(_inspect_zip(file, extension))
    if "[Content_Types].xml" not in names or OOXML_MAIN_PART[extension] not in names:
        raise ValidationError(
            f"This file is not a real {ALLOWED_TYPES[extension]} file: it is a ZIP archive "
            "without the parts that document type must contain. Save or export the document "
            f"as {ALLOWED_TYPES[extension]} and upload it again.",
            code="content_mismatch",
        )


def _check_odt(file, head):
    if not head.startswith(b"PK\x03\x04"):
        raise _mismatch("odt", head)
    try:
        parts = _inspect_zip(file, "odt")
    except ValidationError as error:
        if error.code == "zip_bomb":
            raise
        parts = {}
    mimetype = parts.get("mimetype", b"").strip()
    has_content = "content.xml" in parts
    if mimetype != ODT_MIMETYPE or not has_content:
        raise ValidationError(
            "This file is not a real OpenDocument text (ODT) file. Save the document as "
            "ODT (or PDF) and upload it again.",
            code="content_mismatch",
        )


def _check_text(file, head, extension):
    file.seek(0)
    data = file.read()
    file.seek(0)
    if b"\x00" in data:
        if describe_content(head) != "a different kind of file":
            raise _mismatch(extension, head)
        raise ValidationError(
            "This file is not plain text: it contains binary data. Upload a "
            f"{ALLOWED_TYPES[extension]} file saved as UTF-8 text.",
            code="content_mismatch",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"This {ALLOWED_TYPES[extension]} file is not UTF-8 text. Save it with UTF-8 "
            "encoding (in Excel: “CSV UTF-8”) and upload it again.",
            code="not_utf8",
        ) from error
    if MARKUP_PATTERN.search(data):
        raise ValidationError(
            f"This {ALLOWED_TYPES[extension]} file contains web page markup or script "
            "(such as <html> or <script>), which could run in a reader's browser. Remove it, "
            "or publish the content as a page instead.",
            code="markup",
        )


def validate_document_file(file, name=None):
    """Raise ValidationError unless `file` may be published as a document.

    `file` is an open file-like object (an upload or a stored file); `name`
    defaults to its name. Checks run cheapest first and the file position is
    left at the start.
    """
    name = name or getattr(file, "name", "") or ""
    extension = os.path.splitext(name)[1][1:].lower()
    allowed = allowed_extensions()
    if extension not in allowed:
        shown = f"“.{extension}”" if extension else "with no extension"
        raise ValidationError(
            f"Files {shown} cannot be uploaded. Upload a {allowed_types_text()} file.",
            code="extension",
        )

    size = getattr(file, "size", None)
    limit = max_upload_bytes()
    if size is not None and limit is not None and size > limit:
        raise ValidationError(
            f"This file is too big ({human_size(size)}). The largest file you can upload is "
            f"{human_size(limit)}. Reduce its size (for a PDF, save it for the web) and try again.",
            code="too_large",
        )
    if size == 0:
        raise ValidationError("This file is empty. Choose the file again.", code="empty")

    head = _read_head(file)
    if extension == "pdf":
        _check_pdf(file, head)
    elif extension in OOXML_MAIN_PART:
        _check_ooxml(file, head, extension)
    elif extension == "odt":
        _check_odt(file, head)
    else:
        _check_text(file, head, extension)


# -- serving CSV -------------------------------------------------------------------

#: A cell starting with one of these is run as a formula by spreadsheet programs
#: (OWASP "CSV injection"); served CSVs prefix such cells with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv_formulas(data):
    """`data` (UTF-8 CSV bytes) with every cell that a spreadsheet would run
    as a formula prefixed with an apostrophe, so it shows as text. Everything
    else (other cells, quoting of untouched rows) is kept as it was."""
    import csv
    import io

    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row):
        return data
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["'" + cell if cell.startswith(FORMULA_STARTS) else cell for cell in row])
    return output.getvalue().encode("utf-8")
