"""Citations of Kamerstukken and Handelingen in the cleaned text.

Forms recognised (each as written, with its position):

- "Kamerstuk 33 694, nr. 12", "Kamerstuk 33694, nr 12", "Kamerstuk 35 300 V, nr. 14"
- "Kamerstukken 33 694 en 26 643, nr. 47" → 33694-47: in the official convention the
  number belongs to the first dossier named; the others are kept as the citation's
  ``other_dossiers`` (context, never a key of their own)
- "Kamerstuk 26 643. nr 641" (a full stop for the comma), "(21501-08, nr. 719)"
- "Kamerstukken II 2015/16, 33 694, nr. 9", "Kamerstuk 33 694, nrs. 12 en 13"
- "Bijlage bij Kamerstuk 34 700, nr. 34" (the citation is the Kamerstuk itself)
- bare "33694, nr.12" / "33 694, nr. 12" (five-digit dossier, so "nr. 32" of an
  advice or "2019/20, nr. 23" is not taken for one)
- official ids: "kst-33694-9", "kst-35200-VII-14"
- Handelingen: "Handelingen II 2019/20, nr. 23, item 4"; "items 4 en 7" → two.

A reference broken over a line in the PDF is whole again after cleaning. The
letter's own number is never a citation of itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from letters.ingest.segments import Segments
from letters.ingest.types import CitationFound, CleanText, ProceedingFound
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier

# A dossier as written: "33 694", "35 300 V", or with a numbered sub-dossier "21 501-02".
_DOSSIER = r"\d{1,3}(?: ?\d{3})?(?:-\d{2}(?!\d)|[ -]?[A-Z]{1,5}\b)?"
_NUMBERS = r"\d{1,5}(?:\s*(?:,|en|&|t/m|[-–])\s*\d{1,5})*"
_KEYWORD_FORM = re.compile(
    r"Kamerstuk(?:ken)?"
    r"(?:\s+I{1,2}(?=[\s,]))?"  # chamber: "Kamerstukken II"
    r"(?:\s+\d{4}\s*[/–-]\s*\d{2,4})?,?"  # vergaderjaar: "2015/16"
    rf"\s+(?P<dossiers>{_DOSSIER}(?:\s*(?:,|en|&)\s*{_DOSSIER})*)"
    # ", nr. 12", " nr 12", or ". nr 641" (a full stop typed for the comma)
    rf"(?:\s*,\s*|\.\s+|\s+)(?P<plural>nrs?)\.?\s*(?P<numbers>{_NUMBERS})(?!\d)"
)
_BARE_FORM = re.compile(
    r"(?<![\w/.,€-])(?P<dossiers>\d{2} ?\d{3}(?:-\d{2}(?!\d)|[ -][A-Z]{1,5}\b)?),\s*"
    r"(?P<plural>nrs?)\.?\s*(?P<numbers>\d{1,5})(?![\d,.]\d)"
)
_OFFICIAL_ID = re.compile(
    r"(?<![\w-])kst-(?P<dossier>\d{4,6}(?:-[A-Za-z]{1,5}|-\d{2})?)-(?P<number>\d{1,5})(?![\w-])", re.I
)
_HANDELINGEN = re.compile(
    r"Handelingen\s+(?P<chamber>I{1,2})\s+(?P<y1>\d{4})\s*[/–-]\s*(?P<y2>\d{2,4}),?\s+"
    r"(?:nr\.?\s*)?(?P<number>\d{1,4})(?!\d)"
    r"(?:,?\s+items?\s+(?P<items>\d{1,3}(?:\s*(?:,|en|&)\s*\d{1,3})*))?"
)
_SPLIT_LIST = re.compile(r"\s*(?:,|&|\ben\b)\s*")
_RANGE = re.compile(r"(\d+)\s*(?:t/m|[-–])\s*(\d+)")
_MAX_RANGE = 25


def find_citations(
    source: CleanText | Segments, own_key: KamerstukKey | None = None
) -> tuple[list[CitationFound], list[ProceedingFound]]:
    """Kamerstuk citations and Handelingen in the cleaned text, in text order."""
    doc = Segments.of(source)
    text = doc.text
    own_key = own_key if own_key is not None else doc.clean.own_key
    notes_from = doc.notes_start
    citations: list[CitationFound] = []
    taken = _Spans()

    def add(keys: list[KamerstukKey], others: tuple[str, ...], start: int, end: int) -> None:
        taken.add(start, end)
        for key in keys:
            if key != own_key:
                citations.append(
                    CitationFound(
                        key, text[start:end], start, end, start >= notes_from, others
                    )
                )

    for match in _KEYWORD_FORM.finditer(text):
        keys, others, end = _keys(match)
        if keys:
            add(keys, others, match.start(), end)
    for match in _BARE_FORM.finditer(text):
        if not taken.overlaps(match.start(), match.end()):
            keys, others, end = _keys(match)
            if keys:
                add(keys, others, match.start(), end)
    for match in _OFFICIAL_ID.finditer(text):
        if not taken.overlaps(match.start(), match.end()):
            try:
                add([KamerstukKey.parse(match.group(0))], (), match.start(), match.end())
            except InvalidKamerstuk:
                continue
    citations.sort(key=lambda c: c.start)  # stable: the order of the phrase within one match
    return citations, _proceedings(text, notes_from)


def parse_citation(text: str) -> list[KamerstukKey]:
    """The Kamerstukken one written reference names ("Kamerstuk 33 694, nr. 12")."""
    for pattern in (_KEYWORD_FORM, _BARE_FORM):
        if match := pattern.search(text):
            return _keys(match)[0]
    if match := _OFFICIAL_ID.search(text):
        try:
            return [KamerstukKey.parse(match.group(0))]
        except InvalidKamerstuk:
            return []
    return []


def other_dossiers_in(text: str) -> tuple[str, ...]:
    """The dossiers a written reference names beside its first one
    ("Kamerstukken 33 694 en 26 643, nr. 47" → ("26643",))."""
    for pattern in (_KEYWORD_FORM, _BARE_FORM):
        if match := pattern.search(text):
            return _keys(match)[1]
    return ()


def _keys(match: re.Match) -> tuple[list[KamerstukKey], tuple[str, ...], int]:
    """The keys a match names, the other dossiers it names beside the first, and
    where the citation ends. A singular "nr." takes one number ("nr. 12, 2018" does
    not cite number 2018); the numbers belong to the first dossier named
    ("Kamerstukken 33 694 en 26 643, nr. 47" is kst-33694-47)."""
    numbers_text = match.group("numbers")
    if match.group("plural") == "nrs":
        numbers = _numbers(numbers_text)
        end = match.end("numbers")
    else:
        first = re.match(r"\d+", numbers_text).group(0)
        numbers = [int(first)]
        end = match.start("numbers") + len(first)
    dossiers = []
    for written in _SPLIT_LIST.split(match.group("dossiers")):
        try:
            dossiers.append(normalise_dossier(written))
        except InvalidKamerstuk:
            continue
    if not dossiers:
        return [], (), end
    main, others = dossiers[0], tuple(d for d in dict.fromkeys(dossiers[1:]) if d != dossiers[0])
    try:
        keys = [KamerstukKey(main, number) for number in numbers]
    except InvalidKamerstuk:
        return [], (), end
    return list(dict.fromkeys(keys)), others, end


def _numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for part in _SPLIT_LIST.split(text):
        if match := _RANGE.fullmatch(part):
            low, high = int(match.group(1)), int(match.group(2))
            if low < high <= low + _MAX_RANGE:
                numbers.extend(range(low, high + 1))
                continue
            numbers.extend([low, high])
        elif part.isdigit():
            numbers.append(int(part))
    return [n for n in dict.fromkeys(numbers) if n > 0]


class _Spans:
    """Non-overlapping [start, end) spans, kept sorted: an overlap check costs a
    bisection, not a scan (a pasted text can hold thousands of citations)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._spans, (start, end))
        before = self._spans[index - 1] if index else None
        after = self._spans[index] if index < len(self._spans) else None
        return bool(
            (before and before[1] > start) or (after and after[0] < end)
        )


def _proceedings(text: str, notes_from: int) -> list[ProceedingFound]:
    found = []
    for match in _HANDELINGEN.finditer(text):
        y1 = int(match.group("y1"))
        y2 = int(match.group("y2"))
        if y2 < 100:
            y2 += y1 // 100 * 100 + (100 if y2 < y1 % 100 else 0)
        if y2 != y1 + 1:
            continue
        items = (
            [int(i) for i in _SPLIT_LIST.split(match.group("items"))]
            if match.group("items")
            else [None]
        )
        for item in dict.fromkeys(items):
            found.append(
                ProceedingFound(
                    chamber=match.group("chamber"),
                    vergaderjaar=f"{y1}-{y2}",
                    number=int(match.group("number")),
                    item=item,
                    text=match.group(0),
                    start=match.start(),
                    end=match.end(),
                    in_footnote=match.start() >= notes_from,
                )
            )
    return found
