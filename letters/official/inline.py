"""Building the text of one paragraph from XML pieces, and laying the paragraphs
out as the ingest ``CleanText``.

XML text comes with indentation and line breaks; ``Inline`` collapses whitespace
as the pieces arrive, so the offsets it records (footnote markers, the
publisher's links) are offsets in the final text, never adjusted afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letters.ingest.types import FOOTNOTE, Block, CleanText, FootnoteRef
from letters.official.types import PublisherLink

_WHITESPACE = re.compile(r"(\s+)")
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u00a0": " "})
SEPARATOR = "\n\n"  # between blocks, as letters.ingest.clean lays text out


@dataclass
class RawLink:
    target: str
    soort: str
    start: int
    end: int


@dataclass
class Inline:
    """One paragraph (or footnote) in the making."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    refs: list[tuple[str, int]] = field(default_factory=list)  # (marker, offset)
    links: list[RawLink] = field(default_factory=list)
    _space: bool = False
    _open: RawLink | None = None

    def add(self, text: str | None) -> None:
        for piece in _WHITESPACE.split((text or "").translate(_INVISIBLE)):
            if not piece:
                continue
            if piece.isspace():
                self._space = self.length > 0
                continue
            if self._space:
                self._append(" ")
                self._space = False
            if self._open is not None and self._open.start < 0:
                self._open.start = self.length
            self._append(piece)

    def space(self) -> None:
        """A word boundary that the XML does not write (between ``<nr>`` and ``<titel>``)."""
        self._space = self.length > 0

    def mark_ref(self, marker: str) -> None:
        self.refs.append((marker, self.length))

    def open_link(self, target: str, soort: str) -> None:
        self._open = RawLink(target, soort, -1, -1)

    def close_link(self) -> None:
        link, self._open = self._open, None
        if link is not None and link.start >= 0:
            link.end = self.length
            self.links.append(link)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def _append(self, piece: str) -> None:
        self.pieces.append(piece)
        self.length += len(piece)


@dataclass
class Unit:
    kind: str  # HEADING | PARAGRAPH | LIST_ITEM
    inline: Inline


@dataclass
class Note:
    marker: str
    inline: Inline


def layout(units: list[Unit], notes: list[Note], classify) -> tuple[CleanText, list[PublisherLink]]:
    """Paragraphs joined by a blank line, footnotes last (as ``letters.ingest.clean``);
    ``classify(target, soort)`` turns a raw link into ``(kind, key)``."""
    pieces: list[str] = []
    blocks: list[Block] = []
    refs: list[FootnoteRef] = []
    links: list[PublisherLink] = []
    offset = 0

    def place(text: str, kind: str, marker: str, inline: Inline, in_footnote: bool) -> None:
        nonlocal offset
        blocks.append(Block(kind, offset, offset + len(text), marker=marker))
        for raw in inline.links:
            link_kind, key = classify(raw.target, raw.soort)
            links.append(
                PublisherLink(
                    target=raw.target,
                    kind=link_kind,
                    text=text[raw.start : raw.end],
                    start=offset + raw.start,
                    end=offset + raw.end,
                    in_footnote=in_footnote,
                    key=key,
                )
            )
        pieces.append(text)
        offset += len(text) + len(SEPARATOR)

    for unit in units:
        text = unit.inline.text
        if not text:
            continue
        refs.extend(FootnoteRef(marker, offset + at) for marker, at in unit.inline.refs)
        place(text, unit.kind, "", unit.inline, in_footnote=False)
    for note in notes:
        if note.inline.text:
            place(note.inline.text, FOOTNOTE, note.marker, note.inline, in_footnote=True)
    clean = CleanText(text=SEPARATOR.join(pieces), blocks=blocks, footnote_refs=refs)
    return clean, links
