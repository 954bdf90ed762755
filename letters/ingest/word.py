"""A Word (.docx) letter → the raw text the cleaner reads.

The ministry's own version of a letter often comes as a Word file. It is read
with ``python-docx``: paragraphs and headings in order, list paragraphs as
bullet items, each table row as a paragraph (cells side by side: a letterhead
table gives "Datum 12 februari 2017"), and the footnotes. A footnote reference
becomes its number glued to the word before it and the notes follow on a new
page as "1 text", the typeset form the cleaner links.

A .docx is a zip archive: its declared sizes are checked before anything is
unpacked, so a small file that inflates to gigabytes is refused at once.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PARTS = 2000


class NotWord(ValueError):
    """The zip archive is no Word document (another Office file, a plain zip)."""


class UnsafeWord(ValueError):
    """The archive would unpack to more than a letter can be."""


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def docx_text(data: bytes) -> str:
    """The letter's text; raises ``UnsafeWord`` for an oversized archive and lets
    python-docx's errors through for a broken one."""
    _check_sizes(data)
    from docx import Document
    from docx.table import Table

    document = Document(io.BytesIO(data))
    notes = _footnotes(document)
    order: dict[str, int] = {}  # footnote id → its number, in order of reference
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item, notes, order))
        elif text := _paragraph_text(item._p, notes, order).strip():
            blocks.append(("• " + text) if _is_list_paragraph(item) else text)
    text = "\n\n".join(blocks)
    if order:
        listed = sorted(order.items(), key=lambda pair: pair[1])
        text += "\n\n\n" + "\n\n".join(f"{number} {notes[id_]}" for id_, number in listed)
    return text


def _check_sizes(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise UnsafeWord("too large when unpacked")


def _paragraph_text(element, notes: dict[str, str], order: dict[str, int]) -> str:
    """The text of a paragraph element in document order: runs, tabs, breaks and
    footnote references (as their number)."""
    from docx.oxml.ns import qn

    text_tag, tab_tag, break_tag = qn("w:t"), qn("w:tab"), qn("w:br")
    note_tag, id_attr = qn("w:footnoteReference"), qn("w:id")
    pieces = []
    for node in element.iter():
        if node.tag == text_tag and node.text:
            pieces.append(node.text)
        elif node.tag in (tab_tag, break_tag):
            pieces.append(" ")
        elif node.tag == note_tag:
            id_ = node.get(id_attr)
            if id_ in notes:
                pieces.append(str(order.setdefault(id_, len(order) + 1)))
    return " ".join("".join(pieces).split())


def _is_list_paragraph(paragraph) -> bool:
    from docx.oxml.ns import qn

    properties = paragraph._p.pPr
    if properties is not None and properties.find(qn("w:numPr")) is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith(("List", "Lijst"))  # numbered through its style


def _table_rows(table, notes: dict[str, str], order: dict[str, int]) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(_paragraph_text(p._p, notes, order) for p in cell.paragraphs).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if cells:
            rows.append(" ".join(cells))
    return rows


def _footnotes(document) -> dict[str, str]:
    """Footnote id → text, from the footnotes part (ids below 1 are separators)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external
        ),
        None,
    )
    if part is None:
        return {}
    notes = {}
    for note in parse_xml(part.blob).iter(qn("w:footnote")):
        id_ = note.get(qn("w:id"))
        if id_ is None or not id_.lstrip("-").isdigit() or int(id_) < 1:
            continue
        paragraphs = [_paragraph_text(p, {}, {}) for p in note.iter(qn("w:p"))]
        if text := " ".join(p for p in paragraphs if p).strip():
            notes[id_] = text
    return notes
