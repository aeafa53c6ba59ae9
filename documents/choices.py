"""The names the documents app gives file types (pure data, imports nothing).

Which extensions may be uploaded, and the content type each is served with,
are Wagtail's own settings (WAGTAILDOCS_EXTENSIONS, WAGTAILDOCS_CONTENT_TYPES
and WAGTAILDOCS_INLINE_CONTENT_TYPES in lscpartnerships/settings/base.py).
"""

#: Extension → what editors call it, in the order upload messages list them.
UPLOAD_TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument text (ODT)",
    "csv": "CSV",
    "txt": "plain text (TXT)",
}

#: File type (upper-case extension) → how link text names it, as GOV.UK does.
LINK_TYPE_NAMES = {
    "PDF": "PDF",
    "DOCX": "Word document",
    "XLSX": "Excel spreadsheet",
    "PPTX": "PowerPoint presentation",
    "ODT": "OpenDocument text",
    "CSV": "CSV",
    "TXT": "plain text",
}

#: The language a document is in unless its editor says otherwise.
DEFAULT_LANGUAGE = "en-GB"
