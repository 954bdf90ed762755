"""Raw letter text (as copied from the official PDF) → ``CleanText``.

What the raw text looks like (see ``fixtures/seeds``): hard line breaks every
~75 characters, words hyphenated across lines, a blank line between paragraphs
(but sometimes also inside a list item), footnotes at the bottom of each page,
page furniture (``kst-33694-9``, ``ISSN 0921 - 7371``, the "’s-Gravenhage 2016
Tweede Kamer, vergaderjaar …" line) and a new page announced by a line that
starts with a space or by two or more blank lines.

The cleaner works in four steps:

1. split the text into pages, dropping furniture but keeping what it tells
   (own Kamerstuk number, vergaderjaar, print year);
2. cut each page's footnote zone off its bottom: a footnote starts with the
   next expected number ("3 Kamerstuk …") and counts only when the body has a
   matching marker glued to a word ("(IVS)3");
3. join the body lines into paragraphs, list items and headings, undoing
   hyphenation and re-joining paragraphs split by a page or a stray blank line;
4. cut the footnote markers out of the body (recording where they stood) and
   lay out the text: body blocks, then footnotes, joined by blank lines.

Nothing here drops a word of the letter: only furniture and footnote markers
leave the text (``tests/test_clean.py`` property-tests this).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letters.ingest.header import read_header
from letters.ingest.types import (
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    Block,
    CleanText,
    FootnoteRef,
    Header,
)
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier

# -- characters ------------------------------------------------------------------
_INVISIBLE = (
    ("\u00ad", ""),  # soft hyphen
    ("\u200b", ""),  # zero-width space
    ("\ufeff", ""),  # byte order mark
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
    ("\t", " "),
    ("\f", "\n\n\n"),  # form feed: a page break
)
_SPACES = re.compile(r" {2,}")
_HYPHENS = "-\u2010\u2011"  # a hyphen at a line end (an en dash is a dash, not a hyphen)
_TERMINAL = ".!?:;"
_CLOSERS = "\"'»”’)]"
_MARKER_AFTER_STOP = re.compile(r"(?<=[.!?:;])[\"'»”’)]*\d{1,3}$")

# -- page furniture -----------------------------------------------------------------
# The Eerste Kamer letters its documents: "kst-34775-V-C", "…, 34 775 V, C 1".
_KST_LINE = re.compile(
    r"kst-(?P<dossier>\d{3,6}(?:-[A-Za-z]{1,5}|-\d{2})?)-(?P<number>\d{1,5}|[A-Z]{1,3})", re.I
)
_ISSN_LINE = re.compile(r"ISSN\s*\d{4}\s*[-–]\s*\d{3}[\dXx]")
_RUNNING_LINE = re.compile(
    r"(?:[’'‘]s-Gravenhage\s+(?P<print>\d{4})\s+)?(?:Tweede|Eerste) Kamer,\s+vergaderjaar\s+"
    r"(?P<y1>\d{4})\s*[–-]\s*(?P<y2>\d{4}),\s+(?P<dossiers>\d[\dA-Z -]*?(?:\s+en\s+\d[\dA-Z -]*?)*),"
    r"\s+(?:nr\.\s*(?P<number>\d{1,5})|(?P<letter>[A-Z]{1,3}))(?:\s+\d{1,3})?"
)
_HEADER_LINE = re.compile(
    r"(?:Tweede|Eerste) Kamer der Staten-Generaal(?:\s+\d{1,3})?"
    r"|Vergaderjaar\s+(?P<y1>\d{4})\s*[–-]\s*(?P<y2>\d{4})"
)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_FURNITURE_STARTS = frozenset("kKIT’'‘EV")

# -- footnotes ----------------------------------------------------------------------
# "3 Kamerstuk 33 694, nr. 1." — a number, a space and the start of a note.
_FOOTNOTE_START = re.compile(r"(\d{1,3}) +(?=[A-ZÀ-Þ«“\"‘']|http|www|zie |vgl)")
# Words after which a glued number is not a footnote marker ("nr.12", "art.5").
_NOT_BEFORE_MARKER = frozenset({"nr", "nrs", "art", "blz", "p", "pag", "item", "items", "lid"})

# -- lists and headings -------------------------------------------------------------
_BULLET = re.compile(r"([•▪◦●○■□·*])\s*")
_MARKER_STARTS = frozenset("•▪◦●○■□·*–—-")
_DASH_ITEM = re.compile(r"([–—-])\s+(?=\S)")
_ENUMERATED = re.compile(r"(\d{1,2}|[A-Za-z])([.)])\s+(?=\S)")
_FUNCTION_WORDS = frozenset(
    "de het een en of van voor in op tot met aan te bij uit door over naar om als die dat "
    "dan maar ook zijn is wordt worden niet".split()
)
_DATE_LINE = re.compile(
    r"(?:Den Haag|[’'‘]s-Gravenhage|Datum)\b.{0,4}\d{1,2}\s+[a-z]+\s+\d{4}$", re.I
)
_NAME = r"(?:[A-Z][a-z]{0,2}\.\s?){1,5}(?:(?:van|de|der|den|ter|te|in|’t|'t)\s+)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
_NAME_LINE = re.compile(_NAME + r"$")
_SIGNATURE_LINE = re.compile(
    r"De\s+(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b[^,]{0,150},"
)

# Left halves that keep their hyphen before a lowercase word: "niet-statelijke",
# "politiek-strategisch", "ex-minister".
_HYPHEN_PREFIXES = frozenset(
    "niet non ex oud vice co semi mid post pre anti pro politiek sociaal civiel militair "
    "juridisch economisch e".split()
)
_VOWEL_PAIRS = frozenset("aa ae ai au ee ei eu ie ii oe oi oo ou ui uu".split())
_VOWELS = "aeiou"
_GLUE_WORDS = frozenset({"en", "of", "tot", "noch", "als", "dan"})


# -- public -------------------------------------------------------------------------
def clean_text(raw: str) -> CleanText:
    """Clean the raw text of a letter (see the module docstring)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _INVISIBLE:  # str.replace is much faster than translate
        if char in text:
            text = text.replace(char, replacement)
    header, text = read_header(text)
    furniture = _Furniture()
    pages = _split_pages(text, furniture)
    width = _typical_width(pages)
    body_blocks, notes = _separate_footnotes(pages)
    units = _units(_merge_blocks(body_blocks, width), width)
    return _layout(units, notes, furniture, header)


# -- step 1: pages -----------------------------------------------------------------
@dataclass
class _Furniture:
    own_key: KamerstukKey | None = None
    vergaderjaar: str | None = None
    print_year: int | None = None
    other_dossiers: list[str] = field(default_factory=list)

    def read(self, line: str) -> bool:
        """Record what a furniture line says; ``False`` when it is no furniture."""
        if line[0] not in _FURNITURE_STARTS:
            return False
        if match := _KST_LINE.fullmatch(line):
            self._key(match.group("dossier"), match.group("number"))
            return True
        if _ISSN_LINE.fullmatch(line):
            return True
        if match := _HEADER_LINE.fullmatch(line):
            if match.group("y1"):
                self.vergaderjaar = self.vergaderjaar or f"{match.group('y1')}-{match.group('y2')}"
            return True
        if match := _RUNNING_LINE.fullmatch(line):
            if match.group("print"):
                self.print_year = self.print_year or int(match.group("print"))
            self.vergaderjaar = self.vergaderjaar or f"{match.group('y1')}-{match.group('y2')}"
            first, *others = re.split(r"\s+en\s+", match.group("dossiers"))
            self._key(first, match.group("number"))
            for dossier in others:
                try:
                    normalised = normalise_dossier(dossier)
                except InvalidKamerstuk:
                    continue
                if normalised not in self.other_dossiers:
                    self.other_dossiers.append(normalised)
            return True
        return False

    def _key(self, dossier: str, number: str | None) -> None:
        if self.own_key is None and number and number.isdigit():
            try:
                self.own_key = KamerstukKey.from_parts(normalise_dossier(dossier), number)
            except InvalidKamerstuk:
                pass


# A page is a list of lines; ``None`` stands for a blank line.
Page = list


def _split_pages(text: str, furniture: _Furniture) -> list[Page]:
    pages: list[Page] = [[]]
    lines = text.split("\n")
    blank_run = 0
    # A leading space marks a new page in text copied from the PDF, unless the
    # whole text is indented (then it says nothing).
    content = [line for line in lines if line.strip()]
    indented = sum(1 for line in content if line[0] == " ")
    spaces_mark_pages = indented <= max(len(content) // 3, 1)

    def new_page() -> None:
        if any(line is not None for line in pages[-1]):
            pages.append([])

    for index, raw_line in enumerate(lines):
        line = raw_line.rstrip()
        stripped = line.strip()
        if not stripped:
            blank_run += 1
            if blank_run == 2:
                new_page()
            pages[-1].append(None)
            continue
        previous_blank = blank_run > 0
        blank_run = 0
        if furniture.read(stripped) or _is_page_number(stripped, lines, index, previous_blank):
            new_page()
            continue
        if line[0] == " " and spaces_mark_pages:
            new_page()
        pages[-1].append(_SPACES.sub(" ", stripped))
    return [page for page in pages if any(line is not None for line in page)]


def _is_page_number(stripped: str, lines: list[str], index: int, previous_blank: bool) -> bool:
    if not _PAGE_NUMBER.fullmatch(stripped):
        return False
    next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
    return previous_blank or next_blank


def _typical_width(pages: list[Page]) -> int:
    """The width of a full line: the 90th percentile of line lengths."""
    lengths = sorted(len(line) for page in pages for line in page if line is not None)
    if not lengths:
        return 80
    return max(lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0], 20)


# -- step 2: footnotes ----------------------------------------------------------------
@dataclass
class _Note:
    marker: str
    lines: list[str]


@dataclass
class _RawBlock:
    lines: list[str]
    page_start: bool = False


@dataclass
class _RefScanner:
    """Finds footnote markers glued to words, in order, in a growing body text."""

    text: str = ""
    cursor: int = 0

    def add(self, line: str) -> None:
        self.text += line + "\n"

    def consume(self, marker: str) -> bool:
        position = find_marker(self.text, marker, self.cursor)
        if position < 0:
            return False
        self.cursor = position + len(marker)
        return True


def find_marker(text: str, marker: str, start: int = 0) -> int:
    """Where ``marker`` stands glued to a word ("Toetsingskader1", "(IVS)3",
    "proces.2") at or after ``start``; -1 when it does not."""
    position = text.find(marker, start)
    while position >= 0:
        if _is_glued_marker(text, position, len(marker)):
            return position
        position = text.find(marker, position + 1)
    return -1


def _is_glued_marker(text: str, position: int, length: int) -> bool:
    if position == 0:
        return False
    after = text[position + length : position + length + 2]
    if after[:1].isalnum() or (after[:1] in _HYPHENS and after[1:2].isalpha()):
        return False
    before = text[position - 1]
    if before.isalpha():
        return True
    if before in _CLOSERS:
        return True
    if before in ".,;:" and position >= 2:
        ahead = text[position - 2]
        if ahead in _CLOSERS:
            return True
        if ahead.isalpha():
            word = re.search(r"(\w+)$", text[max(0, position - 12) : position - 1])
            return not (word and word.group(1).lower() in _NOT_BEFORE_MARKER)
    return False


def _separate_footnotes(pages: list[Page]) -> tuple[list[_RawBlock], list[_Note]]:
    """Body blocks (split on blank lines) and the footnotes, in order."""
    blocks: list[_RawBlock] = []
    notes: list[_Note] = []
    refs = _RefScanner()
    for page in pages:
        zone_start = len(page)
        for index, line in enumerate(page):
            if line is None:
                continue
            if (index == 0 or page[index - 1] is None) and _starts_note(line, len(notes) + 1, refs):
                zone_start = index
                break
            refs.add(line)
        _add_body_blocks(blocks, page[:zone_start])
        for index in range(zone_start, len(page)):
            line = page[index]
            if line is None:
                continue
            if index == zone_start or _starts_note(line, len(notes) + 1, refs):
                start = _FOOTNOTE_START.match(line)
                notes.append(_Note(start.group(1), [line[start.end() :]]))
            else:
                notes[-1].lines.append(line)
    return blocks, notes


def _starts_note(line: str, expected: int, refs: _RefScanner) -> bool:
    match = _FOOTNOTE_START.match(line)
    return bool(match and int(match.group(1)) == expected and refs.consume(match.group(1)))


def _add_body_blocks(blocks: list[_RawBlock], lines: list[str | None]) -> None:
    current: list[str] = []
    first = True
    for line in [*lines, None]:
        if line is None:
            if current:
                blocks.append(_RawBlock(current, page_start=first))
                first = False
                current = []
            continue
        current.append(line)


# -- step 3: paragraphs ----------------------------------------------------------------
def _merge_blocks(blocks: list[_RawBlock], width: int) -> list[list[str]]:
    """Re-join what a page break or a stray blank line split (a sentence that goes
    on in lowercase, a word hyphenated across the gap)."""
    merged: list[list[str]] = []
    for block in blocks:
        if merged and _continues(merged[-1], block, width):
            merged[-1].extend(block.lines)
        else:
            merged.append(list(block.lines))
    return merged


def _continues(previous: list[str], block: _RawBlock, width: int) -> bool:
    last, first = previous[-1], block.lines[0]
    starts_lower = first[0].islower()
    if last[-1] in _HYPHENS and not last.endswith(" -"):
        return starts_lower or block.page_start
    if _SIGNATURE_LINE.fullmatch(last):
        return bool(_NAME_LINE.match(first))  # "De minister van …," / blank line / "S.A. Blok"
    if ends_sentence(last) or _SIGNATURE_LINE.match(last) or _SIGNATURE_LINE.match(first):
        return False
    if _item_marker(first, previous_line=last):
        return False
    if starts_lower:
        return True
    # A new page that goes on with the sentence of a full last line.
    return block.page_start and len(last) >= 0.75 * width


def ends_sentence(line: str) -> bool:
    """Does the line end a sentence (or a clause that a list follows)?"""
    tail = _sentence_tail(line)
    return bool(tail) and tail in _TERMINAL


def _sentence_tail(line: str) -> str:
    """The last character that matters: closing quotes and a footnote marker
    after the full stop ("proces.2") do not count."""
    tail = line.rstrip(_CLOSERS)
    if tail[-1:].isdigit():
        tail = _MARKER_AFTER_STOP.sub("", tail).rstrip(_CLOSERS)
    return tail[-1:]


@dataclass
class _Unit:
    kind: str
    lines: list[str] = field(default_factory=list)
    text: str = ""


def _units(blocks: list[list[str]], width: int) -> list[_Unit]:
    units: list[_Unit] = []
    list_items: set[str] = set()
    for lines in blocks:
        block_units = _split_heading_line(_split_block(lines, width), width)
        for unit in block_units:
            unit.text = _join_lines(unit.lines)
        if len(block_units) == 1:
            unit = block_units[0]
            in_list = bool(units) and (units[-1].kind == LIST_ITEM or units[-1].text.endswith(":"))
            repeats_item = unit.kind == PARAGRAPH and _normal(unit.text) in list_items
            if repeats_item or (
                not (in_list and unit.kind == LIST_ITEM) and _is_heading(unit, width)
            ):
                unit.kind = HEADING
        for unit in block_units:
            if unit.kind == LIST_ITEM:
                list_items.add(_normal(_strip_marker(unit.text)))
        units.extend(block_units)
    return units


def _split_block(lines: list[str], width: int) -> list[_Unit]:
    """A block's lines → paragraphs and list items."""
    units: list[_Unit] = []
    previous = ""
    for line in lines:
        if _item_marker(line, previous_line=previous):
            units.append(_Unit(LIST_ITEM, [line]))
        elif not units or _paragraph_ends(previous, line, width):
            units.append(_Unit(PARAGRAPH, [line]))
        else:
            units[-1].lines.append(line)
        previous = line
    return units


def _item_marker(line: str, *, previous_line: str) -> str:
    """The list marker a line starts with ("1)", "•", "–"), or ""."""
    if (
        line[0] not in _MARKER_STARTS
        and line[1:2] not in (".", ")")
        and line[2:3] not in (".", ")")
    ):
        return ""
    if match := _BULLET.match(line):
        return match.group(1)
    after_break = not previous_line or ends_sentence(previous_line)
    if (match := _DASH_ITEM.match(line)) and after_break:
        return match.group(1)
    if (match := _ENUMERATED.match(line)) and after_break:
        return match.group(1) + match.group(2)
    return ""


def _paragraph_ends(previous: str, line: str, width: int) -> bool:
    """A short line ending a sentence, followed by a capital: a paragraph break
    that lost its blank line. Text without any blank lines (the Tweede Kamer's
    page) also breaks after the addressee and the date line, and before a
    signature ("De Minister van Defensie," on a line of its own)."""
    if previous[0] in "ADd’'‘" and (
        previous.startswith("Aan de Voorzitter") or _DATE_LINE.match(previous)
    ):
        return True
    tail = _sentence_tail(previous)
    return (
        bool(tail)
        and tail in ".!?"
        and len(previous) < 0.6 * width
        and (line[0].isupper() or line[0].isdigit())
        and (not _SIGNATURE_LINE.match(line) or bool(_SIGNATURE_LINE.fullmatch(line)))
    )


def _split_heading_line(units: list[_Unit], width: int) -> list[_Unit]:
    """A heading on the first line of a block with no blank line after it
    ("Strategische kaders" / "De Geïntegreerde …")."""
    first = units[0]
    if first.kind != PARAGRAPH or len(first.lines) < 2:
        return units
    line, following = first.lines[0], first.lines[1]
    words = line.split()
    if (
        len(line) < 0.85 * width
        and len(words) <= 9
        and line[-1] not in _TERMINAL + ",-–"
        and words[-1].lower() not in _FUNCTION_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and following[0].isupper()
        and not _SIGNATURE_LINE.match(line)
        and not _DATE_LINE.search(line)
    ):
        return [_Unit(HEADING, [line]), _Unit(PARAGRAPH, first.lines[1:]), *units[1:]]
    return units


def _is_heading(unit: _Unit, width: int) -> bool:
    text = unit.text
    if len(unit.lines) > 2 or len(text) > 150 or len(text.split()) > 18:
        return False
    if not text or text[-1] in _TERMINAL + ",-–" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if unit.kind == LIST_ITEM and not _ENUMERATED.match(text):
        return False
    if _DATE_LINE.search(text) or _NAME_LINE.match(text) or _SIGNATURE_LINE.match(text):
        return False
    return True


def _strip_marker(text: str) -> str:
    for pattern in (_BULLET, _DASH_ITEM, _ENUMERATED):
        if match := pattern.match(text):
            return text[match.end() :]
    return text


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".").lower()


def _join_lines(lines: list[str]) -> str:
    """Lines → one paragraph (built from pieces: a paragraph can have thousands)."""
    pieces = [lines[0]]
    for line in lines[1:]:
        previous = pieces[-1]
        if _ends_with_hyphen(previous):
            pieces[-1] = previous[:-1] + _hyphen_joint(previous[:-1], line)
        else:
            pieces.append(" ")
        pieces.append(line)
    return "".join(pieces)


def join_line(text: str, line: str) -> str:
    """Append a line to a paragraph, undoing hyphenation at the line end."""
    if not text:
        return line
    if not _ends_with_hyphen(text):
        return f"{text} {line}"
    return text[:-1] + _hyphen_joint(text[-80:-1], line) + line


def _ends_with_hyphen(text: str) -> bool:
    return len(text) >= 2 and text[-1] in _HYPHENS and text[-2] != " "


def _hyphen_joint(before: str, after: str) -> str:
    """What replaces a hyphen at a line end: "" (a word was split), "-" (a real
    hyphen: "NAVO-vlootverband") or "- " ("oost- en zuidflank")."""
    fragment = before.rsplit(" ", 1)[-1].lstrip("(«“\"'‘[")
    next_word = after.split(" ", 1)[0]
    if not fragment or not next_word:
        return "- "
    if next_word.rstrip(",;:.") in _GLUE_WORDS:
        return "- "
    if not next_word[0].isalpha() or next_word[0].isupper():
        return "-"
    if any(ch.isdigit() or ch in "/@-" for ch in fragment) or "www." in fragment:
        return "-"
    if len(fragment) >= 2 and fragment.isupper():
        return "-"
    lowered = fragment.lower()
    if lowered in _HYPHEN_PREFIXES:
        return "-"
    if _vowels_clash(lowered, next_word[0].lower()):
        return "-"
    return ""


def _vowels_clash(left: str, right_first: str) -> bool:
    """Dutch keeps the hyphen where two vowels would read as one sound:
    "defensie-inspanningen", "zee-eend", "na-apen" (but "geïniti-eerde" is one word)."""
    if right_first not in _VOWELS or not left or left[-1] not in _VOWELS:
        return False
    return left[-2:] in _VOWEL_PAIRS or left[-1] == right_first


# -- step 4: layout --------------------------------------------------------------------
def _layout(
    units: list[_Unit], notes: list[_Note], furniture: _Furniture, header: Header
) -> CleanText:
    texts = [unit.text for unit in units]
    refs = _cut_markers(texts, [note.marker for note in notes])

    blocks: list[Block] = []
    footnote_refs: list[FootnoteRef] = []
    pieces: list[str] = []
    offset = 0
    for index, (unit, text) in enumerate(zip(units, texts, strict=True)):
        blocks.append(Block(unit.kind, offset, offset + len(text)))
        footnote_refs.extend(FootnoteRef(marker, offset + at) for marker, at in refs.get(index, []))
        pieces.append(text)
        offset += len(text) + 2
    for note in notes:
        text = _join_lines(note.lines) if note.lines else ""
        if not text:
            continue
        blocks.append(Block(FOOTNOTE, offset, offset + len(text), marker=note.marker))
        pieces.append(text)
        offset += len(text) + 2
    own_key = header.key or furniture.own_key
    main = own_key.dossier if own_key else None
    others = [d.number for d in header.dossiers] + furniture.other_dossiers
    return CleanText(
        text="\n\n".join(pieces),
        blocks=blocks,
        footnote_refs=footnote_refs,
        own_key=own_key,
        vergaderjaar=header.vergaderjaar or furniture.vergaderjaar,
        print_year=furniture.print_year,
        other_dossiers=[d for d in dict.fromkeys(others) if d != main],
        header=header,
    )


def _cut_markers(texts: list[str], markers: list[str]) -> dict[int, list[tuple[str, int]]]:
    """Remove each footnote marker (in order) from the unit texts; returns, per
    unit, the markers and where they stood."""
    found: dict[int, list[tuple[str, int]]] = {}
    unit, cursor = 0, 0
    for marker in markers:
        for index in range(unit, len(texts)):
            position = find_marker(texts[index], marker, cursor if index == unit else 0)
            if position >= 0:
                texts[index] = texts[index][:position] + texts[index][position + len(marker) :]
                found.setdefault(index, []).append((marker, position))
                unit, cursor = index, position
                break
    return found
