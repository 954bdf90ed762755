"""The text of a Kamerstuk (``<stuk>``) as blocks: headings, paragraphs, list items,
table rows and footnotes, with the publisher's ``<extref>`` links and the
signatories of ``<ondertekening>``.

The walk keeps every word: an element it does not know is read as a container
when it holds paragraphs and as running text otherwise, never dropped. Only
pictures (no text) and the header elements read elsewhere are skipped.

- ``al``, ``ontvanger``, ``dagtekening``, ``datumtekst``, … (no block inside): a paragraph
- ``kop`` / ``tussenkop``: a heading ("1. Inleiding": ``nr`` and ``titel`` joined)
- ``lijst``/``li``: list items, the ``li.nr`` in front ("A. Verdediging …")
- ``table``/``tabel`` (CALS): its title, then one paragraph per row, cells joined by " | "
- ``noot``: cut from the running text, its marker position recorded, laid out last
- ``extref``: running text, and a link (doc, covered text, in a footnote or not)
- ``ondertekening``: "De Minister van Buitenlandse Zaken, S.A. Blok", and a ``Signatory``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from letters.ingest.types import HEADING, LIST_ITEM, PARAGRAPH, Signatory
from letters.official.errors import OfficialRefused
from letters.official.inline import Inline, Note, Unit
from letters.official.xmlsafe import all_text, local, tidy

MAX_DEPTH = 80  # real publications nest a dozen levels; a hostile file may nest thousands
CELL_SEPARATOR = " | "

_SKIP = {"metadata", "kamerstukkop", "plaatje", "illustratie", "colspec", "spanspec"}
_BLOCKS = {
    "al", "kop", "tussenkop", "lijst", "li", "table", "tabel", "ondertekening", "divisie",
    "tekst", "vrije-tekst", "algemeen", "al-groep", "tekst-sluiting", "bijlage", "brief",
    "ontvanger", "dagtekening", "datumtekst", "slotformule", "box", "kader", "definitielijst",
    "definitie-item", "amendement", "amendement-lid", "wijziging", "wat", "considerans",
    "considerans.al", "aanhef", "artikel", "lid", "motie", "voorstel-wet", "stuk",
}  # fmt: skip
_SPACED = {"nr", "titel", "subtitel", "label", "li.nr", "voornaam", "achternaam", "naam",
           "functie", "lidnr", "term", "entry"}  # fmt: skip
_PORTFOLIO = re.compile(r"\b(?:van|voor)\s+(?P<portfolio>[A-Z][^,]*)$")


@dataclass
class BodyText:
    units: list[Unit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


def read_body(stuk: Element) -> BodyText:
    """Everything in ``<stuk>`` but its number and heading (read by ``publication``)."""
    reader = _Reader()
    for element in stuk:
        if local(element.tag) not in ("stuknr", "titel"):
            reader.block(element, PARAGRAPH, 1)
    return reader.body


def signatory(function_text: str, name: str) -> Signatory:
    """``"De Minister van Buitenlandse Zaken,"``, ``"S.A. Blok"`` → the ingest ``Signatory``."""
    function = tidy(function_text).rstrip(",;: ")
    if function[:3].lower() == "de ":
        function = function[3:]
    function = function[:1].upper() + function[1:]
    portfolio = _PORTFOLIO.search(function)
    return Signatory(
        name=tidy(name), function=function, ministry=portfolio.group(1).strip() if portfolio else ""
    )


class _Reader:
    def __init__(self) -> None:
        self.body = BodyText()
        self._markers: dict[str, int] = {}
        self._has_block: dict[int, bool] = {}

    # -- blocks -------------------------------------------------------------------
    def block(self, element: Element, kind: str, depth: int) -> None:
        _check_depth(depth)
        name = local(element.tag)
        if not name or name in _SKIP:
            return
        handler = {
            "kop": self._heading,
            "tussenkop": self._heading,
            "lijst": self._list,
            "li": self._item,
            "table": self._table,
            "tabel": self._table,
            "ondertekening": self._signature,
        }.get(name)
        if handler is not None:
            handler(element, depth)
        elif self._is_block_container(element, depth):
            self._container(element, kind, depth)
        else:
            self._paragraph(element, kind, depth)

    def _container(self, element: Element, kind: str, depth: int) -> None:
        """Children that are blocks become blocks; running text between them (rare,
        but it happens) becomes a paragraph of its own, so no word is lost."""
        run = Inline()
        run.add(element.text)
        for child in element:
            if local(child.tag) and self._is_block(child, depth + 1):
                self._flush(run, kind)
                run = Inline()
                self.block(child, kind, depth + 1)
            else:
                self.inline(child, run, depth + 1, in_note=False)
            run.add(child.tail)
        self._flush(run, kind)

    def _paragraph(self, element: Element, kind: str, depth: int) -> None:
        buffer = Inline()
        self._inline_content(element, buffer, depth, in_note=False)
        self._flush(buffer, kind)

    def _heading(self, element: Element, depth: int) -> None:
        self._paragraph(element, HEADING, depth)

    def _list(self, element: Element, depth: int) -> None:
        for child in element:
            if local(child.tag) == "li":
                self._item(child, depth + 1)
            elif local(child.tag):
                self.block(child, LIST_ITEM, depth + 1)

    def _item(self, element: Element, depth: int) -> None:
        """``<li><li.nr>A.</li.nr><al>…</al>…</li>``: the marker goes in front of the
        first paragraph; further paragraphs and nested lists are list items too."""
        _check_depth(depth)
        first = Inline()
        first.add(element.text)
        started = False
        for child in element:
            name = local(child.tag)
            if name == "li.nr":
                self.inline(child, first, depth + 1, in_note=False)
            elif name and not started and name == "al":
                self._inline_content(child, first, depth + 1, in_note=False)
                started = True
            elif name and self._is_block(child, depth + 1):
                self._flush(first, LIST_ITEM)
                first = Inline()
                started = True
                self.block(child, LIST_ITEM, depth + 1)
            elif name:
                self.inline(child, first, depth + 1, in_note=False)
            first.add(child.tail)
        self._flush(first, LIST_ITEM)

    def _table(self, element: Element, depth: int) -> None:
        for part in element.iter():
            name = local(part.tag)
            if name == "title" and part is not element:
                self._paragraph(part, PARAGRAPH, depth + 1)
            elif name == "row":
                self._row(part, depth + 1)

    def _row(self, row: Element, depth: int) -> None:
        buffer = Inline()
        cells = [cell for cell in row if local(cell.tag) == "entry"]
        for index, cell in enumerate(cells):
            if index and buffer.length:
                buffer.add(CELL_SEPARATOR)
            self._inline_content(cell, buffer, depth + 1, in_note=False)
        if any(c.isalnum() for c in buffer.text):
            self._flush(buffer, PARAGRAPH)

    def _signature(self, element: Element, depth: int) -> None:
        """One paragraph and one signatory per ``functie`` … ``naam`` pair; the function
        is everything before the name (the publisher sometimes writes part of it
        outside ``<functie>``: "<functie>De Minister</functie> voor Rechtsbescherming,")."""
        buffer, function = Inline(), Inline()
        buffer.add(element.text)
        function.add(element.text)
        for child in element:
            name = local(child.tag)
            if name == "naam":
                self.inline(child, buffer, depth + 1, in_note=False)
                self.body.signatories.append(signatory(function.text, all_text_spaced(child)))
                self._flush(buffer, PARAGRAPH)
                buffer, function = Inline(), Inline()
            elif name:
                self.inline(child, buffer, depth + 1, in_note=False)
                self.inline(child, function, depth + 1, in_note=True)
            buffer.add(child.tail)
            function.add(child.tail)
        self._flush(buffer, PARAGRAPH)

    # -- running text ---------------------------------------------------------------
    def inline(self, element: Element, buffer: Inline, depth: int, *, in_note: bool) -> None:
        _check_depth(depth)
        name = local(element.tag)
        if not name or name in _SKIP:
            return
        if name == "noot" and not in_note:
            self._note(element, buffer, depth)
            return
        if name in _SPACED:
            buffer.space()
        if name == "extref":
            buffer.open_link(element.get("doc", "").strip(), element.get("soort", "").strip())
            self._inline_content(element, buffer, depth, in_note=in_note)
            buffer.close_link()
        else:
            self._inline_content(element, buffer, depth, in_note=in_note)
        if name in _SPACED:
            buffer.space()

    def _inline_content(
        self, element: Element, buffer: Inline, depth: int, *, in_note: bool
    ) -> None:
        buffer.add(element.text)
        for child in element:
            if local(child.tag) in ("al", "noot.al", "li") and buffer.length:
                buffer.space()  # paragraphs inside a cell or note run on with a space
            self.inline(child, buffer, depth + 1, in_note=in_note)
            buffer.add(child.tail)

    def _note(self, element: Element, buffer: Inline, depth: int) -> None:
        marker = ""
        text = Inline()
        for child in element:
            if local(child.tag) == "noot.nr":
                marker = all_text(child)
            elif local(child.tag):
                if text.length:
                    text.space()
                self.inline(child, text, depth + 1, in_note=True)
        marker = self._unique(marker or str(len(self.body.notes) + 1))
        buffer.mark_ref(marker)
        self.body.notes.append(Note(marker, text))

    # -- helpers ------------------------------------------------------------------------
    def _flush(self, buffer: Inline, kind: str) -> None:
        if buffer.text:
            self.body.units.append(Unit(kind, buffer))

    def _unique(self, marker: str) -> str:
        """Markers repeat (a table's own notes restart at 1): the second "1" becomes
        "1-2", so every marker in the text points at exactly one footnote."""
        seen = self._markers.get(marker, 0) + 1
        self._markers[marker] = seen
        return marker if seen == 1 else f"{marker}-{seen}"

    def _is_block(self, element: Element, depth: int) -> bool:
        name = local(element.tag)
        return name in _BLOCKS or self._is_block_container(element, depth)

    def _is_block_container(self, element: Element, depth: int) -> bool:
        """Whether an element holds blocks (memoised: the walk asks about each once or twice)."""
        _check_depth(depth)
        known = self._has_block.get(id(element))
        if known is None:
            known = any(
                local(child.tag) in _BLOCKS or self._is_block_container(child, depth + 1)
                for child in element
                if local(child.tag) not in ("noot", "extref", "")
            )
            self._has_block[id(element)] = known
        return known


def all_text_spaced(element: Element) -> str:
    """A name as printed: ``<voornaam>S.A.</voornaam><achternaam>Blok</achternaam>`` → "S.A. Blok"."""
    buffer = Inline()
    _Reader().inline(element, buffer, 1, in_note=True)
    return buffer.text


def _check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise OfficialRefused(
            f"De publicatie is dieper genest dan {MAX_DEPTH} niveaus; zo ziet een "
            f"officiële publicatie er niet uit.",
            code="malformed",
        )
