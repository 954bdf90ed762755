"""Citation lookup: every Kamerstuk (and Handelingen) a pasted text cites, with its
position in that text and where it resolves in the archive.

The ingest finder (``letters.ingest.citations.find_citations``) expects cleaned text,
where a reference broken over two lines is whole again. A pasted text is not a
cleaned letter, so it is cleaned only lightly: every run of whitespace becomes one
space and invisible characters (soft hyphens, zero-width spaces) go. That keeps a
simple map back to the text as pasted, so every position we return points into the
user's own text, and the page can show that text with the citations as links.

Positions count Unicode code points (Python string indices).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from itertools import islice

from letters.ingest.citations import find_citations
from letters.ingest.types import CleanText
from letters.kamerstuk import KamerstukKey
from letters.models import Citation, CitationKind, Letter
from letters.selectors.letters import light

MAX_TEXT_BYTES = 1024 * 1024  # 1 MB of UTF-8
MAX_CITATIONS = 10_000  # far beyond any real document; keeps a response bounded
_BATCH = 400  # keys per query: well under every database's parameter limit
# The finder's cost grows with the square of the citations in one text (it checks each
# match against all earlier ones), so a long paste is read in windows of WINDOW
# characters, each running on MARGIN more so a citation that starts in it ends in it.
WINDOW = 5_000
MARGIN = 1_000

# A run of whitespace and invisible characters becomes one space (or nothing, when
# it holds no whitespace: a soft hyphen inside a word).
_RUN = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_SPACE = re.compile(r"\s")


class TextTooLarge(ValueError):
    pass


@dataclass
class LightText:
    """The lightly cleaned text and a map from its offsets back to the original."""

    text: str
    # (offset in text, offset in original) at the start of each unedited stretch
    anchors: list[tuple[int, int]]
    _keys: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._keys = [clean for clean, _ in self.anchors]

    def original(self, offset: int) -> int:
        index = bisect.bisect_right(self._keys, offset) - 1
        clean, raw = self.anchors[index]
        return raw + (offset - clean)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        # Map the last character, not the end: a collapsed run after it must not count.
        return self.original(start), self.original(end - 1) + 1


def lightly_clean(raw: str) -> LightText:
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = [(0, 0)]
    clean_at = raw_at = 0
    for match in _RUN.finditer(raw):
        run = match.group(0)
        if run == " ":  # already clean: no edit, no anchor
            continue
        replacement = " " if _SPACE.search(run) else ""
        pieces.append(raw[raw_at : match.start()])
        pieces.append(replacement)
        clean_at += match.start() - raw_at + len(replacement)
        raw_at = match.end()
        anchors.append((clean_at, raw_at))
    pieces.append(raw[raw_at:])
    return LightText("".join(pieces), anchors)


@dataclass
class Found:
    kind: str  # "kamerstuk" | "handelingen"
    key: str
    text: str  # as pasted
    start: int
    end: int
    kamerstuk: KamerstukKey | None = None
    letter: Letter | None = None  # the cited letter, when it is in the archive
    cited_in_archive: bool = False  # some archived letter cites it

    @property
    def display(self) -> str:
        return self.kamerstuk.display if self.kamerstuk else self.text

    @property
    def href(self) -> str:
        """Our page for it: the letter, else the page of the cited Kamerstuk; "" when we have none."""
        if self.letter is not None:
            return self.letter.get_absolute_url()
        if self.kamerstuk is not None and self.cited_in_archive:
            return self.kamerstuk.path
        return ""

    @property
    def link(self) -> str:
        """Where a reader should go: our page, else the official publication."""
        if self.href:
            return self.href
        return self.kamerstuk.official_url if self.kamerstuk else ""


@dataclass
class Lookup:
    text: str
    citations: list[Found]
    truncated: bool  # more than MAX_CITATIONS were found

    @property
    def segments(self) -> list[tuple[str, list[Found]]]:
        """The text cut into pieces: plain text (no citations) and cited spans, each
        with the citations written there (one span can name several Kamerstukken:
        "Kamerstukken 33 694 en 29 521, nr. 11")."""
        groups: dict[tuple[int, int], list[Found]] = {}
        for found in self.citations:
            groups.setdefault((found.start, found.end), []).append(found)
        segments: list[tuple[str, list[Found]]] = []
        cursor = 0
        for (start, end), group in sorted(groups.items()):
            if start < cursor:  # overlaps the previous span: listed, not linked twice
                continue
            if start > cursor:
                segments.append((self.text[cursor:start], []))
            segments.append((self.text[start:end], group))
            cursor = end
        if cursor < len(self.text):
            segments.append((self.text[cursor:], []))
        return segments

    @property
    def in_archive(self) -> int:
        return sum(1 for found in self.citations if found.letter is not None)


def _after_space(text: str, index: int) -> int:
    """The position just after the first space at or after ``index`` (or the end):
    a window starting there sees what the whole text shows after a space."""
    space = text.find(" ", index)
    return len(text) if space < 0 else space + 1


def find_in_windows(text: str) -> tuple[list, list]:
    """``find_citations`` on the lightly cleaned text, window by window, with the same
    result as on the whole text but in time linear in its length."""
    found: tuple[list, list] = ([], [])  # citations, proceedings
    reach = [0, 0]  # where the last kept item of each kind ends
    start = 0
    while start < len(text):
        end = _after_space(text, start + WINDOW)
        stop = _after_space(text, end + MARGIN)
        in_window = find_citations(CleanText(text=text[start:stop], blocks=[]), None)
        for kind, items in enumerate(in_window):
            # Keep what starts in this window, unless an earlier window found a
            # citation over it (a window may take the tail of one for a citation).
            kept = [
                replace(item, start=item.start + start, end=item.end + start)
                for item in items
                if reach[kind] <= item.start + start < end
            ]
            found[kind].extend(kept)
            reach[kind] = max([reach[kind], *(item.end for item in kept)])
        start = end
    return found


def text_size_error(text: str) -> str:
    """A message when the text is over the limit, else ""."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size <= MAX_TEXT_BYTES:
        return ""
    return (
        f"De tekst is {size / 1024 / 1024:.1f} MB; plak hoogstens 1 MB "
        f"({MAX_TEXT_BYTES:,} bytes)".replace(",", ".")
        + "."
    )


def lookup(raw: str) -> Lookup:
    """Find and resolve every citation in ``raw`` (at most two queries per 400
    distinct Kamerstukken)."""
    if text_size_error(raw):
        raise TextTooLarge(text_size_error(raw))
    light_text = lightly_clean(raw)
    citations, proceedings = find_in_windows(light_text.text)
    found: list[Found] = []
    for citation in citations:
        start, end = light_text.original_span(citation.start, citation.end)
        found.append(
            Found(
                CitationKind.KAMERSTUK, citation.key.key, raw[start:end], start, end, citation.key
            )
        )
    for proceeding in proceedings:
        start, end = light_text.original_span(proceeding.start, proceeding.end)
        found.append(Found(CitationKind.HANDELINGEN, proceeding.key, raw[start:end], start, end))
    found.sort(key=lambda f: (f.start, f.kind != CitationKind.KAMERSTUK, f.key))
    truncated = len(found) > MAX_CITATIONS
    found = found[:MAX_CITATIONS]
    _resolve(found)
    return Lookup(text=raw, citations=found, truncated=truncated)


def _batches(items: list, size: int = _BATCH):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _resolve(found: list[Found]) -> None:
    keys = sorted({f.kamerstuk for f in found if f.kamerstuk is not None})
    letters: dict[KamerstukKey, Letter] = {}
    cited: set[str] = set()
    for batch in _batches(keys):
        numbers_by_dossier: dict[str, set[int]] = {}
        for key in batch:
            numbers_by_dossier.setdefault(key.dossier, set()).add(key.number)
        rows = (
            Letter.objects.filter(
                dossier__number__in=list(numbers_by_dossier),
                number__in=sorted({key.number for key in batch}),
            )
            .select_related("dossier")
            .defer(*light())
        )
        for letter in rows:
            key = letter.kamerstuk_key
            if key is not None and key.number in numbers_by_dossier.get(key.dossier, ()):
                letters[key] = letter
        missing = [key.key for key in batch if key not in letters]
        if missing:
            cited.update(
                Citation.objects.filter(kind=CitationKind.KAMERSTUK, key__in=missing)
                .values_list("key", flat=True)
                .distinct()
            )
    for item in found:
        if item.kamerstuk is not None:
            item.letter = letters.get(item.kamerstuk)
            item.cited_in_archive = item.kamerstuk.key in cited
