"""What the index holds for a letter, and how a letter divides into paragraphs.

Paragraph numbers are shared with the letter pages: paragraph N is the N-th
(1-based) entry of ``structure["blocks"]`` and the letter page gives it the
anchor ``#p<N>``. A letter typed by hand has no structure (and a stale one may
have no usable block); then its body is split on blank lines and the non-empty
pieces are numbered from 1. ``letters.annotate`` applies the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from letters.annotate import iter_valid_blocks
from letters.ingest.types import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from letters.search.tokens import index_text

KINDS = {HEADING, PARAGRAPH, LIST_ITEM, FOOTNOTE}

# PostgreSQL refuses tsvectors over 1 MB; no real letter comes near this.
MAX_INDEXED_CHARS = 400_000

_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based; the letter page's anchor is "p<number>"
    kind: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


def letter_paragraphs(body: str, structure) -> list[Paragraph]:
    """The paragraphs of a letter with their anchor numbers.

    The same rules as the letter page (``letters.annotate``): blocks that do not
    fit the body (overlapping, empty, out of range: a stale or hand-edited
    structure) are skipped but keep their number; with no block left, the body
    is split on blank lines.
    """
    return list(iter_paragraphs(body, structure))


def iter_paragraphs(body: str, structure) -> Iterator[Paragraph]:
    """``letter_paragraphs`` one at a time: a snippet reads a long letter's first
    paragraphs only, and checking and building all of them cost more than that."""
    blocks = structure.get("blocks") if isinstance(structure, dict) else None
    found = False
    for number, block in iter_valid_blocks(blocks, len(body)):
        found = True
        yield Paragraph(number, block["kind"], block["start"], block["end"])
    if not found:
        yield from split_on_blank_lines(body)


def split_on_blank_lines(body: str) -> list[Paragraph]:
    paragraphs = []
    position = 0
    pieces = []
    for match in _BLANK_LINE_RE.finditer(body):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, len(body)))
    for start, end in pieces:
        text = body[start:end]
        if not text.strip():
            continue
        # Trim surrounding white space so highlights line up with the text shown.
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        paragraphs.append(Paragraph(len(paragraphs) + 1, PARAGRAPH, start, end))
    return paragraphs


@dataclass(frozen=True)
class IndexDocument:
    """One letter as index tokens, per weighted field."""

    letter_id: int
    title: str  # weight A
    headings: str  # weight B: section headings and the letter's own identifiers
    body: str  # weight C
    year: int | None = None  # for the rank window (``window``); not searchable text


def identifier_text(letter) -> str:
    """The letter's own identifiers ("kst 33694 9") and dossier numbers, so that
    searching "33694" or "kst-33694-9" finds it although it writes "33 694"."""
    parts = []
    dossier = letter.dossier if letter.dossier_id else None
    if dossier is not None:
        parts.append(dossier.number)
        if letter.number is not None:
            parts.append(f"kst {dossier.number} {letter.number}")
    parts.extend(d.number for d in letter.other_dossiers.all())
    return " ".join(parts)


def build_document(letter) -> IndexDocument:
    """Works on a model instance or a migration's historical one; expects
    ``dossier`` selected and ``other_dossiers`` prefetched."""
    body = letter.body or ""
    headings = [
        body[p.start : p.end]
        for p in letter_paragraphs(body, letter.structure)
        if p.kind == HEADING
    ]
    return IndexDocument(
        letter_id=letter.pk,
        title=index_text(letter.title or ""),
        headings=index_text("\n".join([*headings, identifier_text(letter)])),
        body=index_text(body[:MAX_INDEXED_CHARS]),
        year=letter.year,
    )
