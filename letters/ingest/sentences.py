"""Sentence boundaries in the cleaned text: abbreviations, initials and «quoted
titles» do not end a sentence. ``segments.Segments`` splits a letter once and
every extractor reads that."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

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


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """All sentences of a cleaned text, in order (blocks never share a sentence)."""
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


class SentenceIndex:
    """The sentences of one text with a lookup by offset (built once per text)."""

    __slots__ = ("sentences", "_starts", "_length")

    def __init__(self, text: str) -> None:
        self.sentences = split_sentences(text)
        self._starts = [sentence.start for sentence in self.sentences]
        self._length = len(text)

    def at(self, offset: int) -> Sentence:
        """The sentence holding ``offset`` (a position inside a block)."""
        if not self.sentences:
            return Sentence(0, self._length)
        return self.sentences[max(bisect_right(self._starts, offset) - 1, 0)]

    def within(self, start: int, end: int) -> tuple[Sentence, ...]:
        """The sentences that begin in ``[start, end)``."""
        return self.sentences[bisect_left(self._starts, start) : bisect_left(self._starts, end)]


@lru_cache(maxsize=8)
def sentence_index(text: str) -> SentenceIndex:
    """The index of a text for code outside the pipeline (the write path asks for
    the sentence around each citation); the pipeline builds its own once."""
    return SentenceIndex(text)
