"""Bytes of an uploaded or imported file → the raw text of a letter.

A PDF is recognised by its content (``%PDF-``), not its name; its text layer is
read with ``pypdf``. A Word document (.docx: a zip archive holding
``word/document.xml``) is read by ``word.py``. Anything else must be text: UTF-8 (with or without BOM),
UTF-16 with a BOM, or else Windows-1252. Every refusal is an ``UnreadableSource``
with a message in Dutch for the person who chose the file.
"""

from __future__ import annotations

import logging
import re

from letters.ingest.word import UnsafeWord, docx_text, is_docx

logger = logging.getLogger(__name__)

MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]{2,}")
# Signatures of files people pick by mistake.
_KNOWN_BINARY = (
    (
        b"PK\x03\x04",
        "Dit is een zip- of ander Office-bestand, geen Word-document. "
        "Sla de brief op als PDF, Word (.docx) of tekst.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "Dit is een oud Word- of Office-bestand. Sla de brief op als PDF of tekst.",
    ),
    (b"\x89PNG", "Dit is een afbeelding (PNG), geen brief met tekst."),
    (b"\xff\xd8\xff", "Dit is een afbeelding (JPEG), geen brief met tekst."),
    (b"GIF8", "Dit is een afbeelding (GIF), geen brief met tekst."),
    (b"{\\rtf", "Dit is een RTF-bestand. Sla de brief op als PDF of tekst."),
)


class UnreadableSource(ValueError):
    """The file cannot be read as a letter; the message (Dutch) says why."""


def _docx_text(data: bytes) -> str:
    try:
        return docx_text(data)
    except UnsafeWord as error:
        raise UnreadableSource(
            "Het Word-bestand is uitgepakt te groot voor een brief; sla de brief op als PDF of tekst."
        ) from error
    except Exception as error:  # noqa: BLE001 — python-docx raises many kinds on a broken file
        logger.info("Word file could not be read: %r", error)
        raise UnreadableSource("Het Word-bestand is beschadigd of kan niet worden gelezen.") from error


def read_letter_source(data: bytes, filename: str = "") -> str:
    """The text of a letter file; raises ``UnreadableSource`` when there is none."""
    if not data or not data.strip():
        raise UnreadableSource("Het bestand is leeg.")
    if b"%PDF-" in data[:1024]:
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04") and is_docx(data):
        text = _docx_text(data)
    else:
        text = _decode(data)
    words = len(_WORD.findall(text))
    if words < MIN_WORDS:
        raise UnreadableSource(
            f"Het bestand bevat te weinig tekst voor een brief ({words} woorden; "
            f"minstens {MIN_WORDS} verwacht)."
        )
    return text


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_only(data.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise UnreadableSource("Het tekstbestand is beschadigd (UTF-16).") from error
    for signature, message in _KNOWN_BINARY:
        if data.startswith(signature):
            raise UnreadableSource(message)
    if b"\x00" in data[:4096]:
        raise UnreadableSource("Dit is geen tekst- of PDF-bestand.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _text_only(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise UnreadableSource(
        "De tekens in het bestand zijn niet te lezen (geen UTF-8 of Windows-1252)."
    )


def _text_only(text: str) -> str:
    """Refuse text full of control characters: that is a binary file after all."""
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(len(sample) // 100, 3):
        raise UnreadableSource("Dit is geen tekst- of PDF-bestand.")
    return text


def _pdf_text(data: bytes) -> str:
    # Read in a process of its own, with bounded pages, content and time (pdf.py).
    from letters.ingest.pdf import PdfRefused, pdf_pages

    try:
        pages = pdf_pages(data)
    except PdfRefused as error:
        logger.info("PDF refused: %s", error)
        raise UnreadableSource(str(error)) from error
    if not any(page.strip() for page in pages):
        raise UnreadableSource(
            "Het PDF-bestand bevat geen tekstlaag (een scan?). Gebruik een PDF met tekst of plak de tekst."
        )
    # Two blank lines: a page break to the cleaner.
    return "\n\n\n".join(page.strip("\n") for page in pages)
