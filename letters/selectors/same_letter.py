"""Is a pasted letter one the archive already holds?

"A letter pasted twice is the same letter": the official web page, the official
PDF and an official import of one Kamerstuk differ in their raw text but not in
their number, and their paragraphs are the same once cleaned. The review page
asks this before saving, and offers to update the letter found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letters.ingest.types import FOOTNOTE, Extraction
from letters.kamerstuk import KamerstukKey
from letters.models import Letter

SAME_NUMBER = "zelfde Kamerstuknummer"
SAME_TEXT = "zelfde tekst"
SAME_PARAGRAPHS = "zelfde alinea's"
# Paragraphs shorter than this (the addressee, the date line, a heading) say
# nothing about which letter it is.
_MIN_PARAGRAPH = 40
# The share of the pasted letter's paragraphs that must be in the stored one (a web
# page and a PDF of one letter can differ in a paragraph or two: a table, a note).
_SHARED = 0.8
_CANDIDATES = 20
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class SameLetter:
    letter: Letter
    reason: str  # SAME_NUMBER | SAME_TEXT | SAME_PARAGRAPHS


def same_letter(
    extraction: Extraction, *, text_hash: str, key: KamerstukKey | None = None
) -> SameLetter | None:
    """The stored letter the extraction is, and why; None for a new letter. ``key``:
    the number the editor gave (else the one the text states)."""
    key = key or extraction.metadata.key
    if key is not None:
        found = Letter.objects.filter(dossier__number=key.dossier, number=key.number).first()
        if found:
            return SameLetter(found, SAME_NUMBER)
    found = Letter.objects.filter(text_hash=text_hash).first()
    if found:
        return SameLetter(found, SAME_TEXT)
    paragraphs = normalised_paragraphs(extraction.clean.text, extraction.clean.blocks)
    if not paragraphs:
        return None
    meta = extraction.metadata
    if meta.date:
        candidates = Letter.objects.filter(date=meta.date)
    elif meta.title:
        candidates = Letter.objects.filter(title=meta.title)
    else:
        return None
    for letter in candidates.only("id", "title", "body", "structure")[:_CANDIDATES]:
        stored = normalised_paragraphs(letter.body, (letter.structure or {}).get("blocks", []))
        if len(paragraphs & stored) >= _SHARED * len(paragraphs):
            return SameLetter(letter, SAME_PARAGRAPHS)
    return None


def normalised_paragraphs(text: str, blocks) -> set[str]:
    """The letter's body paragraphs, each lowercased with its punctuation and spacing
    folded ("In bijlage bied ik u aan …" → "in bijlage bied ik u aan …")."""
    found = set()
    for block in blocks:
        kind, start, end = (
            (block["kind"], block["start"], block["end"])
            if isinstance(block, dict)
            else (block.kind, block.start, block.end)
        )
        if kind == FOOTNOTE:
            continue
        paragraph = " ".join(_NOT_WORD.sub(" ", text[start:end].casefold()).split())
        if len(paragraph) >= _MIN_PARAGRAPH:
            found.add(paragraph)
    return found
