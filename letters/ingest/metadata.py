"""What a letter says about itself: its number (from the page furniture), date,
signatories and their ministries, a title suggestion and its kind.

The title and kind come from the sentences in which a letter describes itself
("Hierbij informeert het kabinet uw Kamer over …", "Middels deze brief vindt uw
Kamer … de kabinetsreactie op …"); when no such sentence is found the kind is
left empty rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date

from letters.ingest.sentences import sentences_in
from letters.ingest.types import FOOTNOTE, HEADING, CleanText, Metadata, Signatory

MONTHS = {
    name: number
    for number, name in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(),
        start=1,
    )
}
_DATE = re.compile(
    r"(?:Den Haag|[’'‘]s-Gravenhage|Datum)[,:]?\s+(?P<day>\d{1,2})\s+(?P<month>"
    + "|".join(MONTHS)
    + r")\s+(?P<year>\d{4})\b",
    re.I,
)
_NAME = (
    r"(?:[A-Z][a-z]{0,2}\.\s?){1,6}(?:(?:van|de|der|den|ter|te|’t|'t)\s+)*"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
)
_SIGNATURE = re.compile(
    r"De\s+(?P<function>(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b.{0,200}?),"
    rf"\s*(?P<name>{_NAME})\s*$"
)
_PORTFOLIO = re.compile(r"\b(?:van|voor)\s+(?P<portfolio>[A-Z][^,]*)$")

# Self-descriptions that give a title: (pattern, how to build the title).
_SELF_TITLES = (
    # "… de kabinetsreactie op het rapport «…»" / "… op de beleidsdoorlichting."
    re.compile(r"kabinetsreactie op (?P<object>(?:het|de)\s+[^«.;]*?(?:«[^»]+»|(?=[.;,])))", re.I),
    # "Hierbij informeert het kabinet uw Kamer over de voorziene besluitvorming …"
    re.compile(
        r"(?:Hierbij|Met deze brief|Middels deze brief)\s+informeer(?:t|en)?\s+"
        r"(?:ik|wij|het kabinet)\s+(?:u|uw Kamer)(?:,[^,]{0,80},)?\s+over\s+(?P<subject>.+?)"
        r"(?=[.;,]| en de (?:tijdlijn|stand)| conform )"
    ),
    # "Deze tussenrapportage informeert uw Kamer over de voortgang …"
    re.compile(
        r"(?:Deze|De voorliggende|Voorliggende)\s+(?P<kind>tussenrapportage|voortgangsrapportage|"
        r"rapportage)\s+informeert\s+(?:u|uw Kamer)\s+over\s+(?P<subject>.+?)(?=[.;])"
    ),
    # "… is een Kamerbrief toegezegd over de samenhang tussen …"
    re.compile(r"(?:Kamer)?brief\s+(?:toegezegd\s+)?over\s+(?P<subject>.+?)(?=[.;])"),
)
# Kind, judged from the self-describing sentences first, then the opening.
_KINDS = (
    (
        "kabinetsreactie",
        re.compile(r"kabinetsreactie|reactie van het kabinet|kabinetsstandpunt", re.I),
    ),
    (
        "voortgangsrapportage",
        re.compile(r"voortgangsrapportage|tussenrapportage|over de voortgang", re.I),
    ),
    ("besluitvorming", re.compile(r"\bbesluitvorming\b", re.I)),
    ("artikel-100", re.compile(r"artikel[ -]100|conform artikel 100", re.I)),
    (
        "beantwoording",
        re.compile(r"beantwoording|antwoorden op|schriftelijke vragen|feitelijke vragen", re.I),
    ),
    ("verslag", re.compile(r"\bverslag van\b|\bgeannoteerde agenda\b", re.I)),
    (
        "beleidsbrief",
        re.compile(r"beleidsbrief|beleidskader|Kamerbrief (?:toegezegd )?over|toezegging", re.I),
    ),
)
_SELF_REFERENCE = re.compile(
    r"\b(?:hierbij|middels deze|met deze|deze brief|voorliggende brief|deze (?:tussen|voortgangs)?rapportage)\b",
    re.I,
)
_OPENING_PARAGRAPHS = 4
_MAX_TITLE = 250
_ACRONYM_AT_END = re.compile(r"\b(?P<acronym>[A-Z]{2,6})$")


def extract_metadata(clean: CleanText) -> Metadata:
    body = [clean.text[b.start : b.end] for b in clean.blocks if b.kind != FOOTNOTE]
    found_date, date_text = _date(body)
    signatories = _signatories(body)
    opening = _opening(clean)
    return Metadata(
        key=clean.own_key,
        other_dossiers=list(clean.other_dossiers),
        date=found_date,
        date_text=date_text,
        year=found_date.year if found_date else clean.print_year,
        vergaderjaar=clean.vergaderjaar,
        title=_title(opening, clean.text),
        kind=_kind(opening),
        signatories=signatories,
        ministries=list(dict.fromkeys(s.ministry for s in signatories if s.ministry)),
    )


def _date(body: list[str]) -> tuple[date | None, str]:
    for text in body:
        if not ("Haag" in text or "Gravenhage" in text or "atum" in text):
            continue
        if match := _DATE.search(text):
            try:
                value = date(
                    int(match.group("year")),
                    MONTHS[match.group("month").lower()],
                    int(match.group("day")),
                )
            except ValueError:
                continue
            return value, match.group(0)
    return None, ""


def _signatories(body: list[str]) -> list[Signatory]:
    found = []
    for text in body:
        match = _SIGNATURE.match(text)
        if not match:
            continue
        function = " ".join(match.group("function").split())
        function = function[0].upper() + function[1:]
        portfolio = _PORTFOLIO.search(function)
        found.append(
            Signatory(
                name=" ".join(match.group("name").split()),
                function=function,
                ministry=portfolio.group("portfolio").strip() if portfolio else "",
            )
        )
    return found


def _opening(clean: CleanText) -> list[str]:
    """The first paragraphs of the letter (no headings, no date line)."""
    paragraphs = []
    for block in clean.blocks:
        if block.kind in (HEADING, FOOTNOTE):
            continue
        text = clean.text[block.start : block.end]
        if _DATE.search(text) and len(text) < 60:
            continue
        paragraphs.append((block.start, block.end))
        if len(paragraphs) == _OPENING_PARAGRAPHS:
            break
    return [
        clean.text[s.start : s.end]
        for start, end in paragraphs
        for s in sentences_in(clean.text, start, end)
    ]


def _title(opening: list[str], text: str) -> str:
    ordered = [s for s in opening if _SELF_REFERENCE.search(s)] + opening
    for pattern in _SELF_TITLES:
        for sentence in ordered:
            if match := pattern.search(sentence):
                return _clip(_title_from(match, text))
    return _clip(opening[0]) if opening else ""


def _title_from(match: re.Match, text: str) -> str:
    groups = match.groupdict()
    if groups.get("object") is not None:
        subject = _expand_acronym(groups["object"].strip(), text)
        return f"Kabinetsreactie op {subject}"
    subject = _expand_acronym(match.group("subject").strip(), text)
    if groups.get("kind"):
        return f"{groups['kind'].capitalize()} over {subject}"
    subject = re.sub(r"^(?:de|het|een)\s+", "", subject)
    return subject[:1].upper() + subject[1:]


def _expand_acronym(subject: str, text: str) -> str:
    """ "… de GBVS" → "… de Geïntegreerde Buitenland- en Veiligheidsstrategie (GBVS)";
    "de beleidsdoorlichting" of the BIV → "… van het Budget Internationale Veiligheid (BIV)"."""
    acronym = None
    if match := _ACRONYM_AT_END.search(subject):
        acronym = match.group("acronym")
        subject = subject[: match.start()].rstrip()
        prefix = ""
    elif subject.endswith("beleidsdoorlichting") and (
        named := re.search(r"beleidsdoorlichting\s+([A-Z]{2,6})\b", text)
    ):
        acronym = named.group(1)
        prefix = " van"
    if not acronym:
        return subject
    expansion = _expansion(acronym, text)
    if not expansion:
        return f"{subject}{prefix} {acronym}" if prefix else f"{subject} {acronym}"
    article, words = expansion
    if prefix:
        return f"{subject}{prefix} {article} {words} ({acronym})".replace("  ", " ")
    return f"{subject} {words} ({acronym})"


def _expansion(acronym: str, text: str) -> tuple[str, str] | None:
    word = r"[A-ZÀ-Þ][\w’-]*"
    pattern = re.compile(
        rf"\b(?P<article>[Hh]et|[Dd]e)?\s*(?P<words>{word}(?:\s+(?:(?:en|van|voor|de|het|der|op)\s+)*{word})*)"
        rf"\s+\({re.escape(acronym)}\)"
    )
    for match in pattern.finditer(text):
        words = re.sub(r"^(?:Het|De|Een)\s+", "", match.group("words"))
        if words[:1].lower() == acronym[:1].lower():
            return (match.group("article") or "de").lower(), words
    return None


def _clip(title: str) -> str:
    title = " ".join(title.split()).rstrip(" .,;:")
    if len(title) <= _MAX_TITLE:
        return title
    return title[: _MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"


def _kind(opening: list[str]) -> str:
    own = [s for s in opening if _SELF_REFERENCE.search(s)]
    for candidates in (own, opening[:2]):
        for kind, pattern in _KINDS:
            if any(pattern.search(s) for s in candidates):
                return kind
    return ""
