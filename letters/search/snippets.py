"""Highlighted snippets: where in a letter the searched words occur.

Computed in Python from the letter's body and paragraph structure, the same way
on both databases. Matching uses the index's stems, so "missies" highlights
"missie" and "Oekraine" highlights "Oekraïne". All text is escaped; the only
markup is our ``<mark>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from letters.search.documents import FOOTNOTE, HEADING, Paragraph, iter_paragraphs
from letters.search.tokens import WORD_RE, word_stems

SNIPPET_WIDTH = 280
ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    paragraph: int | None = None  # 1-based paragraph number, None for a teaser

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}" if self.paragraph else ""


# Characters of a letter read for its snippet once a paragraph matches; see
# _best_paragraph.
SCAN_LIMIT = 6_000


def find_matches(text: str, stems: frozenset[str]) -> list[tuple[int, int]]:
    """[start, end) of the words in ``text`` whose stem is searched for."""
    if not stems:
        return []
    # Each distinct word is looked up once, and positions are only sought in
    # text that has a searched word: most paragraphs read have none.
    searched = {word for word in set(WORD_RE.findall(text)) if not stems.isdisjoint(word_stems(word))}
    if not searched:
        return []
    return [(match.start(), match.end()) for match in WORD_RE.finditer(text) if match.group() in searched]


def _marked(text: str, matches: list[tuple[int, int]], offset: int = 0) -> str:
    parts = []
    position = 0
    for start, end in matches:
        start, end = start - offset, end - offset
        if start < position or end > len(text) or start < 0:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlight(text: str, stems: frozenset[str]) -> SafeString:
    """The whole text, escaped, with the searched words in ``<mark>``."""
    return mark_safe(_marked(text, find_matches(text, stems)))


def _window(text: str, focus: int, width: int) -> tuple[int, int]:
    """About ``width`` characters around ``focus``, cut at spaces."""
    if len(text) <= width:
        return 0, len(text)
    start = max(0, focus - width // 3)
    if start > 0:
        space = text.find(" ", start, focus)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", focus, end)
        end = space if space != -1 else end
    return start, end


def _excerpt(text: str, matches: list[tuple[int, int]], focus: int, width: int) -> SafeString:
    start, end = _window(text, focus, width)
    inside = [(s, e) for s, e in matches if s >= start and e <= end]
    html = _marked(text[start:end], inside, offset=start)
    prefix = ELLIPSIS + " " if start > 0 else ""
    suffix = " " + ELLIPSIS if end < len(text) else ""
    return mark_safe(prefix + html + suffix)


def _best_paragraph(body: str, paragraphs: Iterable[Paragraph], stems: frozenset[str]):
    """The paragraph with the most distinct searched stems; on a tie running text
    before headings and footnotes, then the earliest.

    Paragraphs are read in order and reading stops at the first running-text
    paragraph that has every stem: no later paragraph can beat it. For a common
    word that is usually one of the first paragraphs, instead of the whole letter
    (stemming all paragraphs of 20 letters of ~30 KB took over a second).
    Once some paragraph matches, reading also stops after SCAN_LIMIT
    characters: words that rarely share a paragraph otherwise still meant
    stemming whole letters.
    """
    best, best_score, best_matches = None, None, []
    scanned = 0
    for paragraph in paragraphs:
        if best is not None and scanned > SCAN_LIMIT:
            break
        scanned += paragraph.end - paragraph.start
        text = body[paragraph.start : paragraph.end]
        matches = find_matches(text, stems)
        if not matches:
            continue
        distinct = {stem for s, e in matches for stem in word_stems(text[s:e]) if stem in stems}
        running_text = paragraph.kind not in (HEADING, FOOTNOTE)
        score = (len(distinct), running_text, -paragraph.number)
        if best_score is None or score > best_score:
            best, best_score, best_matches = paragraph, score, matches
        if running_text and len(distinct) == len(stems):
            break
    return best, best_matches


def _opening(paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    """The first running-text paragraph, else the first paragraph (None: no paragraph)."""
    first = None
    for paragraph in paragraphs:
        if paragraph.kind not in (HEADING, FOOTNOTE):
            return paragraph
        first = first or paragraph
    return first


def make_snippet(
    body: str, structure, stems: frozenset[str], width: int = SNIPPET_WIDTH
) -> Snippet | None:
    """The paragraph with the most searched words, cut around the first of them;
    without search words (or none in the body) the start of the letter."""
    body = body or ""
    if stems:
        best, matches = _best_paragraph(body, iter_paragraphs(body, structure), stems)
        if best is not None:
            text = body[best.start : best.end]
            return Snippet(_excerpt(text, matches, matches[0][0], width), best.number)
    first = _opening(iter_paragraphs(body, structure))
    if first is None:
        return None
    return Snippet(_excerpt(body[first.start : first.end], [], 0, width), None)


def teaser_text(body: str, structure, width: int = SNIPPET_WIDTH) -> str:
    """The start of the letter's first running paragraph, as plain text."""
    body = body or ""
    first = _opening(iter_paragraphs(body, structure))
    if first is None:
        return ""
    text = body[first.start : first.end]
    start, end = _window(text, 0, width)
    return " ".join(text[start:end].split()) + (" " + ELLIPSIS if end < len(text) else "")
