"""The top of a letter → ``Header``, and the text without it.

Editors paste letters in several forms; each announces the letter differently:

- the official web page: an optional furniture block ("Kamerstuk", "Datum
  publicatieOrganisatieVergaderjaarDossier- en ondernummer", "Tweede Kamer der
  Staten-Generaal2012-201329521 nr. 209"), the dossier line(s) ("29 521
  Nederlandse deelname aan vredesmissies"; a joint letter has one per dossier)
  and "Nr. 209 BRIEF VAN DE MINISTERS VAN …"; older pages put the title on its
  own line and write "nr. 106"; footnotes come as "X Noot / 1 / text" and every
  section ends in "Naar boven";
- the official PDF: "Tweede Kamer der Staten-Generaal 2", "Vergaderjaar 2014–2015",
  then the same dossier and number lines (the page footers are furniture for
  ``clean``);
- the Tweede Kamer's own page: "Brief regering : <subject>", the dossier line,
  "Nr. 173" and the heading on separate lines, an "Ondertekenaars" trailer;
- the Eerste Kamer's documents, lettered instead of numbered ("C BRIEF VAN …");
- a ministry's own letter: its letterhead (``letterhead.py``).

What the header says is kept in ``Header``; the header itself, like all page
furniture, leaves the text. The addressee and the date line stay: they are the
letter's own first lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from letters.ingest.dutch import portfolio_at, proper_portfolio, sentence_case
from letters.ingest.letterhead import read_letterhead
from letters.ingest.types import DossierName, Header
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier

_CHAMBER = r"(?P<chamber>Tweede|Eerste) Kamer der Staten-Generaal"
_YEARS = r"(?P<y1>\d{4})\s*[–-]\s*(?P<y2>\d{4})"
_WEB_TITLE = re.compile(r"Kamerstuk(?:ken)?|Datum publicatie.*")
_WEB_DATA = re.compile(
    rf"(?:\d{{1,2}}-\d{{1,2}}-\d{{4}}\s*)?{_CHAMBER}\s*{_YEARS}\s*"
    r"(?P<dossiers>\d[\dA-Z;,/ -]*?)\s*nr\.?\s*(?P<number>[\dA-Z]{1,5})"
)
_CHAMBER_LINE = re.compile(rf"{_CHAMBER}(?:\s+\d)?")
_VERGADERJAAR_LINE = re.compile(rf"Vergaderjaar\s+{_YEARS}")
_TK_PAGE_TITLE = re.compile(r"Brief regering\s*:\s*(?P<subject>.+)")
# "33 000 X Vaststelling …", "21 501-28 Defensieraad", "26 488" (title on the next line).
_DOSSIER_LINE = re.compile(
    r"(?P<dossier>\d{1,3} ?\d{3}(?:-\d{2}|\s[IVXL]{1,6}[A-C]?|\s[A-Z])?)(?=\s|$)\s*(?P<title>.*)"
)
_DOCUMENT_WORDS = (
    "BRIEF|VERSLAG|MOTIE|NOTA|MEMORIE|AMENDEMENT|VOORSTEL|LIJST|NADER|VOORLOPIG|EINDVERSLAG|"
    "ADVIES|GEWIJZIGD|BIJLAGE|RAPPORT|JAARVERSLAG|VERSLAG"
)
# "Nr. 209 BRIEF VAN …", "nr. 106", "Nr. 7 HERDRUK1"; the Eerste Kamer's "C BRIEF VAN …".
_NUMBER_LINE = re.compile(
    r"(?:[Nn]r\.?\s*(?P<number>\d{1,5})|(?P<letter>[A-Z]{1,2})(?=\s+(?:" + _DOCUMENT_WORDS + r")\b))"
    r"(?:\s+(?P<rest>.*))?"
)
_REPRINT = re.compile(r"(?:HERDRUK|RECTIFICATIE)\d*\s*")
_ADDRESSEE = re.compile(r"Aan de [Vv]oorzitter\b")
_DATE_LINE = re.compile(r"(?:Den Haag|[’'‘]s-Gravenhage)\s*,")
_FIRST_LINES = 30
_TOP_LINES = 200  # raw lines searched for a header or letterhead (blank lines included)
_WEB_MARKS = ("Naar boven", "Noot", "Ondertekenaars")
_LEADING_LINES = 3  # lines above the header (a page title) that are left alone


def read_header(text: str) -> tuple[Header, str]:
    """The header of a letter and its text without the header and web furniture."""
    lines = text.split("\n", _TOP_LINES)  # the header is at the top: split no further
    top = lines[:_TOP_LINES]  # the last element holds the rest of the text
    found = _read_official(top)
    if found.dropped:
        header = found.header()
    else:
        header, dropped = read_letterhead(top)
        found.dropped = dropped
    if found.dropped:
        lines = ["" if index in found.dropped else line for index, line in enumerate(lines)]
        text = "\n".join(lines)
    if any(mark in text for mark in _WEB_MARKS):
        text = "\n".join(_without_web_furniture(text.split("\n")))
    return header, text


# -- the official header ------------------------------------------------------------
@dataclass
class _Found:
    dropped: set[int] = field(default_factory=set)
    key: KamerstukKey | None = None
    number: str = ""
    dossiers: list[DossierName] = field(default_factory=list)
    vergaderjaar: str | None = None
    chamber: str = ""
    heading: str = ""
    subject: str = ""

    def header(self) -> Header:
        key = self.key
        if key is None and self.dossiers and self.number.isdigit():
            key = _key(self.dossiers[0].number, self.number)
        dossiers = self.dossiers
        if key and (not dossiers or dossiers[0].number != key.dossier):
            dossiers = [DossierName(key.dossier), *(d for d in dossiers if d.number != key.dossier)]
        heading = " ".join(self.heading.split())
        return Header(
            key=key,
            dossiers=tuple(dossiers),
            vergaderjaar=self.vergaderjaar,
            chamber=self.chamber,
            heading=heading,
            document_type=document_type(heading),
            senders=senders(heading),
            subject=self.subject,
        )


def _read_official(lines: list[str]) -> _Found:
    found = _Found()
    seen, in_heading, title_for = 0, False, None
    header_lines: set[int] = set()
    for index, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            continue
        seen += 1
        if seen > _FIRST_LINES or _ADDRESSEE.match(line) or _DATE_LINE.match(line):
            break
        kind = ""
        if in_heading and _is_upper(line):
            found.heading = f"{found.heading} {line}".strip()
        elif title_for is not None and not (_NUMBER_LINE.fullmatch(line) or _DOSSIER_LINE.fullmatch(line)):
            found.dossiers[title_for] = replace(found.dossiers[title_for], title=line)
        elif kind := _read_line(found, line):
            pass
        elif header_lines or seen > _LEADING_LINES:
            break  # the header has ended, or there is none
        else:
            continue  # a page title above the header: leave it
        header_lines.add(index)
        in_heading = bool(found.number)
        title_for = len(found.dossiers) - 1 if kind == "dossier" and not found.dossiers[-1].title else None
    if found.number or found.key:
        found.dropped = header_lines
    return found


def _read_line(found: _Found, line: str) -> str:
    """Record what one header line says: its kind, "" when it is no header line."""
    if _WEB_TITLE.fullmatch(line):
        return "furniture"
    if match := _WEB_DATA.fullmatch(line):
        found.chamber = f"{match['chamber']} Kamer"
        found.vergaderjaar = f"{match['y1']}-{match['y2']}"
        dossiers = [d for d in re.split(r"[;,/]|\s+en\s+", match["dossiers"]) if d.strip()]
        if dossiers and match["number"].isdigit():
            found.key = _key(dossiers[0], match["number"])
        return "furniture"
    if match := _CHAMBER_LINE.fullmatch(line):
        found.chamber = f"{match['chamber']} Kamer"
        return "furniture"
    if match := _VERGADERJAAR_LINE.fullmatch(line):
        found.vergaderjaar = f"{match['y1']}-{match['y2']}"
        return "furniture"
    if match := _TK_PAGE_TITLE.fullmatch(line):
        found.subject = match["subject"].strip(" ‘’'\"")
        return "subject"
    if not found.number and (match := _DOSSIER_LINE.fullmatch(line)):
        try:
            number = normalise_dossier(match["dossier"])
        except InvalidKamerstuk:
            return ""
        found.dossiers.append(DossierName(number, match["title"].strip()))
        return "dossier"
    if not found.number and (match := _NUMBER_LINE.fullmatch(line)):
        rest = _REPRINT.sub("", match["rest"] or "").strip()
        if rest and not _is_upper(rest):
            return ""
        found.number = match["number"] or match["letter"]
        found.heading = rest
        return "number"
    return ""


def _key(dossier: str, number: str) -> KamerstukKey | None:
    try:
        return KamerstukKey.from_parts(dossier, number)
    except InvalidKamerstuk:
        return None


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


# -- the heading: what kind of document, from whom -------------------------------------
_PREFIXES = ("NADER", "NADERE", "VOORLOPIG", "GEWIJZIGD", "GEWIJZIGDE")


def document_type(heading: str) -> str:
    """ "BRIEF VAN DE MINISTER …" → "brief"; "VOORLOPIG VERSLAG …" → "verslag"."""
    words = heading.split()
    while words and words[0].upper() in _PREFIXES:
        words = words[1:]
    return words[0].lower().strip(",.") if words else ""


_FROM = re.compile(r"BRIEF VAN (?:DE|HET)\s+(?P<who>.+)", re.I)
_FUNCTIONS = re.compile(
    r"(?P<functions>MINISTER-PRESIDENT|MINISTERS?(?:\s+EN\s+(?:DE\s+)?STAATSSECRETARIS(?:SEN)?)?"
    r"|STAATSSECRETARIS(?:SEN)?)(?=[\s,])[\s,]*",
    re.I,
)
_SEPARATOR = re.compile(r"\s*(?:,|\bEN\b)\s*", re.I)
_PREPOSITION = re.compile(r"(?P<prep>VAN|VOOR)\s+", re.I)


def senders(heading: str) -> tuple[str, ...]:
    """Who sends the letter, read from its heading: "BRIEF VAN DE MINISTERS VAN
    BUITENLANDSE ZAKEN EN VAN DEFENSIE" → ("Minister van Buitenlandse Zaken",
    "Minister van Defensie"); "BRIEF VAN DE ALGEMENE REKENKAMER" → ("Algemene Rekenkamer",)."""
    match = _FROM.fullmatch(" ".join(heading.split()))
    if not match:
        return ()
    who = match["who"]
    functions = _FUNCTIONS.match(who)
    if not functions:
        return (sentence_case(who),)
    written = functions["functions"].upper()
    rest = who[functions.end() :]
    if written == "MINISTER-PRESIDENT":
        # "MINISTER-PRESIDENT, MINISTER VAN ALGEMENE ZAKEN" names one person.
        return ("Minister-President",)
    titles = ["Minister", "Staatssecretaris"] if "EN" in written.split() else [
        "Minister" if written.startswith("MINISTER") else "Staatssecretaris"
    ]
    portfolios = _portfolios(rest)
    if len(titles) > 1 and portfolios:
        return tuple(f"{title} {portfolios[0]}" for title in titles)
    return tuple(f"{titles[0]} {portfolio}" for portfolio in portfolios)


def _portfolios(text: str) -> list[str]:
    """ "VAN BUITENLANDSE ZAKEN, VOOR BUITENLANDSE HANDEL EN ONTWIKKELINGSSAMENWERKING EN VAN
    DEFENSIE" → ["van Buitenlandse Zaken", "voor Buitenlandse Handel en …", "van Defensie"]."""
    found: list[str] = []
    position, preposition = 0, "van"
    while position < len(text):
        if separator := _SEPARATOR.match(text, position):
            position = separator.end() if separator.end() > position else position
        if prep := _PREPOSITION.match(text, position):
            preposition = prep["prep"].lower()
            position = prep.end()
        if known := portfolio_at(text, position):
            name, position = known.group(0), known.end()
        else:
            following = _SEPARATOR.search(text, position)
            end = following.start() if following else len(text)
            name, position = text[position:end], max(end, position + 1)
        if name.strip():
            found.append(f"{preposition} {proper_portfolio(name)}")
    return found


# -- web furniture anywhere in the text ------------------------------------------------
_NOTE_MARK = re.compile(r"X ?Noot")
_NOTE_NUMBER = re.compile(r"\d{1,3}")


def _without_web_furniture(lines: list[str]) -> list[str]:
    """Drop "Naar boven" and the Tweede Kamer's "Ondertekenaars" trailer; turn the
    web page's footnotes ("X Noot" / "1" / text) into the typeset form ("1 text"
    at the bottom of a page) that ``clean`` knows."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if line == "Naar boven":
            index += 1
            continue
        if line == "Ondertekenaars" and any(
            following.strip() == "Eerste ondertekenaar" for following in lines[index + 1 : index + 4]
        ):
            break
        if _NOTE_MARK.fullmatch(line):
            number_at = _next_content(lines, index + 1)
            if number_at is not None and _NOTE_NUMBER.fullmatch(lines[number_at].strip()):
                text_at = _next_content(lines, number_at + 1)
                if text_at is not None:
                    out.extend(["", "", "", f"{lines[number_at].strip()} {lines[text_at].strip()}"])
                    index = text_at + 1
                    continue
        out.append(lines[index])
        index += 1
    return out


def _next_content(lines: list[str], start: int) -> int | None:
    for index in range(start, min(start + 4, len(lines))):
        if lines[index].strip():
            return index
    return None
