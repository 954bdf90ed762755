"""Sentences of the cleaned text, shared by the extractors (amounts and missions
report the sentence they were found in; citations ask whether they sit in a
footnote)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from letters.ingest.types import FOOTNOTE, CleanText

# ". " + a capital (or quote, digit, bullet) ends a sentence, unless the word
# before the full stop is an abbreviation or an initial.
_BOUNDARY = re.compile(r"[.!?][\"'»”’)]*\s+(?=[A-ZÀ-Þ«“\"‘'(\d•–])")
_ABBREVIATIONS = frozenset(
    "nr nrs art blz bijv bv ca dhr mevr mw drs dr ir mr prof resp vgl zgn incl excl "
    "max min mln mld st zr ms hr vs evt o.a m.b.t t.a.v i.v.m m.n d.w.z z.g.a.n".split()
)
# These may end a sentence: "… van 8 en 9 juli jl. Nederland zal …" (but not
# "13 april jl. (Kamerstuk …) traint …").
_MAY_END = frozenset("jl j.l as a.s etc enz e.d".split())
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def sentences(text: str) -> tuple[Sentence, ...]:
    """All sentences of a cleaned text, in order (blocks never share a sentence)."""
    return _sentences(text)


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    position = 0
    for block in text.split("\n\n"):
        start = position
        for match in _BOUNDARY.finditer(block):
            if _is_abbreviation(block, match.start(), match.end()) or _inside_quote(
                block, match.start()
            ):
                continue
            end = match.start() + 1
            found.append(Sentence(start, position + end))
            start = position + match.end()
        if start < position + len(block):
            found.append(Sentence(start, position + len(block)))
        position += len(block) + 2
    return tuple(found)


def _inside_quote(block: str, position: int) -> bool:
    """A full stop inside a «quoted title» does not end the sentence."""
    opened = block.rfind("«", 0, position)
    return opened >= 0 and block.rfind("»", opened, position) < 0 and block.find("»", position) >= 0


def _is_abbreviation(block: str, dot: int, next_start: int) -> bool:
    if block[dot] != ".":
        return False
    word = _WORD_BEFORE.search(block[max(0, dot - 20) : dot])
    if not word:
        return False
    token = word.group(1).lstrip("(«“\"'")
    if len(token) <= 2 and token[:1].isupper():  # an initial: "A.G. Koenders", "Th."
        return True
    lowered = token.lower().rstrip(".")
    if lowered in _MAY_END:
        return not block[next_start : next_start + 1].isupper()
    return lowered in _ABBREVIATIONS or "." in token


def sentences_in(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """The sentences that begin in ``text[start:end]``."""
    starts = _starts(text)
    return _sentences(text)[bisect_left(starts, start) : bisect_left(starts, end)]


def sentence_at(text: str, offset: int) -> Sentence:
    """The sentence holding ``offset`` (a position inside a block)."""
    found = _sentences(text)
    starts = _starts(text)
    index = max(bisect_right(starts, offset) - 1, 0)
    if not found:
        return Sentence(0, len(text))
    return found[index]


@lru_cache(maxsize=16)
def _starts(text: str) -> list[int]:
    return [sentence.start for sentence in _sentences(text)]


def footnote_start(clean: CleanText) -> int:
    """Where the footnotes begin (they come last); ``len(text)`` when there are none."""
    return next((block.start for block in clean.blocks if block.kind == FOOTNOTE), len(clean.text))
