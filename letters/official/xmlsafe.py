"""Parse untrusted XML safely, and the small helpers every reader here uses.

A publication comes from outside (a download, an upload, a folder someone filled),
so ``defusedxml`` parses it: entity declarations are refused (no "billion laughs",
no external entities reading files or the network) and expat never fetches an
external DTD. A size limit keeps a hostile file from filling memory, and a
truncated download is told apart from a broken file, because the remedy differs
(fetch again versus report to the publisher).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import errors as expat_errors

import defusedxml.ElementTree as safe_etree
from defusedxml import DefusedXmlException

from letters.official.errors import OfficialRefused

MAX_XML_BYTES = 32 * 1024 * 1024  # the largest Kamerstukken (budgets) are a few MB
MAX_NESTING = 200  # real publications nest a few dozen levels
# Expat errors that mean "the input stopped too early".
_TRUNCATED = {
    expat_errors.codes[message]
    for message in (
        expat_errors.XML_ERROR_NO_ELEMENTS,
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
}
_SPACE = re.compile(r"\s+")
# Characters a publication uses that carry no text of their own.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u00a0": " "})


def parse_xml(data: bytes, *, what: str, max_bytes: int = MAX_XML_BYTES) -> Element:
    """The root element of ``data``; ``what`` names the file in the refusal
    ("de publicatie kst-33694-9.xml")."""
    if len(data) > max_bytes:
        raise OfficialRefused(
            f"{what} is te groot ({len(data) // 1024 // 1024} MB; ten hoogste "
            f"{max_bytes // 1024 // 1024} MB).",
            code="too-large",
        )
    if not data.strip():
        raise OfficialRefused(f"{what} is leeg.", code="empty")
    try:
        root = safe_etree.fromstring(data)
    except DefusedXmlException as error:
        raise OfficialRefused(
            f"{what} is geweigerd: het bestand declareert entiteiten of verwijst naar "
            f"externe bronnen ({type(error).__name__}). Een officiële publicatie doet dat niet.",
            code="unsafe",
        ) from error
    except ParseError as error:
        line, column = error.position
        if error.code in _TRUNCATED:
            raise OfficialRefused(
                f"{what} is afgebroken: het bestand houdt midden in de tekst op "
                f"(regel {line}). Haal het opnieuw op.",
                code="truncated",
            ) from error
        raise OfficialRefused(
            f"{what} is geen geldige XML: {expat_errors.messages.get(error.code, 'fout')} "
            f"op regel {line}, kolom {column}.",
            code="malformed",
        ) from error
    _check_nesting(root, what)
    return root


def _check_nesting(root: Element, what: str) -> None:
    """Refuse absurd nesting before any recursive reader meets it (iteratively:
    the check itself must not recurse)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_NESTING:
            raise OfficialRefused(
                f"{what} is dieper genest dan {MAX_NESTING} niveaus; zo ziet een "
                f"officiële publicatie er niet uit.",
                code="malformed",
            )
        stack.extend((child, depth + 1) for child in element)


def local(tag: object) -> str:
    """``{namespace}name`` → ``name``; comments and processing instructions → ``""``."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((c for c in element if local(c.tag) == name), None)


def descendants(element: Element, name: str) -> list[Element]:
    return [e for e in element.iter() if local(e.tag) == name]


def tidy(text: str | None) -> str:
    """Whitespace collapsed, invisible characters removed."""
    return _SPACE.sub(" ", (text or "").translate(_INVISIBLE)).strip()


def all_text(element: Element | None) -> str:
    """The element's text, children included, tidied."""
    if element is None:
        return ""
    return tidy("".join(element.itertext()))
