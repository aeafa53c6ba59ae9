"""PDFs the accessibility-check tests build themselves.

`write_text_pdf` (documents/pdf.py) makes an untagged PDF with text, a
language and a displayed title, in the standard (unembedded) Helvetica. The
builders here start from it and use pypdf to add or remove exactly what each
check looks for: a structure tree with /MarkInfo, embedded font programs, the
language, the displayed title, or all the text.
"""

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from documents.pdf import write_text_pdf

PARAGRAPH = "The board agreed to align the place-based partnerships to council boundaries."


def untagged_pdf(title="Stakeholder briefing", paragraphs=3):
    return write_text_pdf(title, [("title", title)] + [("p", PARAGRAPH)] * paragraphs)


def _font_program(writer):
    """A stream standing in for an embedded TrueType font program."""
    stream = StreamObject()
    stream.set_data(b"\x00\x01\x00\x00" + b"\x00" * 60)
    stream[NameObject("/Length1")] = NumberObject(64)
    return writer._add_object(stream)


def _embed_fonts(writer):
    program = _font_program(writer)
    for page in writer.pages:
        fonts = page["/Resources"]["/Font"]
        for name in list(fonts):
            font = fonts[name].get_object()
            descriptor = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/FontDescriptor"),
                    NameObject("/FontName"): font["/BaseFont"],
                    NameObject("/Flags"): NumberObject(32),
                    NameObject("/FontFile2"): program,
                }
            )
            font[NameObject("/Subtype")] = NameObject("/TrueType")
            font[NameObject("/FontDescriptor")] = writer._add_object(descriptor)


def _tag(writer):
    root = writer._root_object
    document = DictionaryObject(
        {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")}
    )
    tree = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([writer._add_object(document)]),
        }
    )
    root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})


def accessible_pdf(
    *,
    tagged=True,
    marked=True,
    language=True,
    title_displayed=True,
    fonts_embedded=True,
    text=True,
    title="Stakeholder briefing",
):
    """A PDF that passes every automatic check, unless told to fail some."""
    writer = PdfWriter(clone_from=io.BytesIO(untagged_pdf(title)))
    root = writer._root_object
    if tagged:
        _tag(writer)
        if not marked:
            root[NameObject("/MarkInfo")][NameObject("/Marked")] = BooleanObject(False)
    if fonts_embedded:
        _embed_fonts(writer)
    if not language:
        del root["/Lang"]
    if not title_displayed:
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(False)}
        )
    if not text:
        for page in writer.pages:
            empty = StreamObject()
            empty.set_data(b"q 0.9 g 0 0 595 842 re f Q")  # a grey rectangle: a "scan"
            page[NameObject("/Contents")] = writer._add_object(empty)
    writer.add_metadata({"/Title": TextStringObject(title)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
