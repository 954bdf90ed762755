"""What a letter says about itself: its number and dossiers (from the header and
page furniture), date, signatories and their ministries, a title and its kind.

The title is, in this order: the subject the letter states ("Betreft" of a
letterhead, the Tweede Kamer page's title); the sentence in which the letter
describes itself ("Hierbij informeert het kabinet uw Kamer over …", "Middels deze
brief vindt uw Kamer … de kabinetsreactie op …"); the official heading and the
dossier ("Brief van de minister van Defensie — Defensienota"); the first sentence.
The kind follows the self-describing sentences; when none matches it is left
empty rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date

from letters.ingest.dutch import DAY_MONTH_YEAR, make_date, sentence_case
from letters.ingest.segments import Segments
from letters.ingest.types import HEADING, CleanText, Header, Metadata, Signatory
from letters.ingest.vergaderjaar import vergaderjaar_of

_DATE = re.compile(r"(?:Den Haag|[’'‘]s-Gravenhage|Datum)[,:]?\s+" + DAY_MONTH_YEAR, re.I)
_NAME = (
    r"(?:[A-Z][a-z]{0,2}\.\s?){1,6}(?:(?:van|de|der|den|ter|te|’t|'t)\s+)*"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
)
_SIGNATURE = re.compile(
    r"De\s+(?P<function>(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b.{0,200}?),"
    rf"\s*(?P<name>{_NAME})\s*$"
)
_PORTFOLIO = re.compile(r"\b(?:van|voor)\s+(?P<portfolio>[A-Z][^,]*)$")
# "J. S. J. Hillen" is "J.S.J. Hillen": one person, however the initials are spaced.
_SPACED_INITIALS = re.compile(r"\b(?:[A-Z][a-z]{0,2}\.\s*){2,}")
# Lines of a letter that do not describe it: the addressee and the salutation.
_NOT_OPENING = re.compile(r"Aan de [Vv]oorzitter\b|(?:Zeer )?[Gg]eachte\b[^.]{0,60}$")

# Self-descriptions that give a title: (pattern, how to build the title).
_SELF_TITLES = (
    # "… de kabinetsreactie op het rapport «…»" / "… op de beleidsdoorlichting."
    re.compile(r"kabinetsreactie op (?P<object>(?:het|de)\s+[^«.;]*?(?:«[^»]+»|(?=[.;,])))", re.I),
    # "Hierbij informeert het kabinet uw Kamer over de voorziene besluitvorming …"
    re.compile(
        r"(?:Hierbij|Met deze brief|Middels deze brief|In deze brief)\s+informeer(?:t|en)?\s+"
        r"(?:ik|wij|het kabinet)\s+(?:u|uw Kamer)(?:,[^,]{0,80},)?\s+over\s+(?P<subject>.+?)"
        r"(?=[.;,]| en de (?:tijdlijn|stand)| conform )"
    ),
    # "… informeer ik u met deze brief over de wijze van openbaarmaking …"
    re.compile(
        r"informeer(?:t|en)?\s+(?:ik|wij|het kabinet)\s+(?:u|uw Kamer)\s+"
        r"(?:met deze brief|middels deze brief|hierbij)\s+over\s+(?P<subject>.+?)(?=[.;,]|$)"
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


def extract_metadata(source: CleanText | Segments) -> Metadata:
    doc = Segments.of(source)
    clean, header = doc.clean, doc.clean.header
    body = [doc.block_text(b) for b in doc.body]
    found_date, date_text = _date(body)
    if found_date is None and header.date:
        found_date, date_text = header.date, header.date_text
    signatories = _signatories(body)
    opening = _opening(doc)
    main = [clean.own_key.dossier] if clean.own_key else []
    official = bool(clean.own_key or header.dossiers)
    return Metadata(
        key=clean.own_key,
        other_dossiers=list(clean.other_dossiers),
        dossiers=main + list(clean.other_dossiers),
        dossier_titles={d.number: d.title for d in header.dossiers if d.title},
        date=found_date,
        date_text=date_text,
        year=found_date.year if found_date else clean.print_year,
        vergaderjaar=clean.vergaderjaar or (vergaderjaar_of(found_date) if official else None),
        title=_clip(header.subject) or _title(opening, clean.text, header),
        kind=_kind(opening, official) or ("verslag" if header.document_type == "verslag" else ""),
        document_type=header.document_type,
        senders=list(header.senders),
        reference=header.reference,
        signatories=signatories,
        ministries=_ministries(signatories, header),
    )


def _ministries(signatories: list[Signatory], header: Header) -> list[str]:
    """The signatories' ministries; without signatories, those of the senders the
    heading names or of the letterhead."""
    found = [s.ministry for s in signatories if s.ministry]
    if not found:
        found = [m["portfolio"] for s in header.senders if (m := _PORTFOLIO.search(s))]
    if not found and header.ministry:
        found = [header.ministry]
    return list(dict.fromkeys(found))


def _date(body: list[str]) -> tuple[date | None, str]:
    for text in body:
        if not ("Haag" in text or "Gravenhage" in text or "atum" in text):
            continue
        if match := _DATE.search(text):
            value = make_date(match["day"], match["month"], match["year"])
            if value is not None:
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
                name=_compact_initials(" ".join(match.group("name").split())),
                function=function,
                ministry=portfolio.group("portfolio").strip() if portfolio else "",
            )
        )
    return found


def _compact_initials(name: str) -> str:
    return _SPACED_INITIALS.sub(lambda m: m.group(0).replace(" ", "") + " ", name).replace("  ", " ")


def _opening(doc: Segments) -> list[str]:
    """The first paragraphs of the letter (no headings, addressee, date line or
    salutation)."""
    paragraphs = []
    for block in doc.body:
        if block.kind == HEADING:
            continue
        text = doc.block_text(block)
        if (_DATE.search(text) and len(text) < 60) or _NOT_OPENING.match(text):
            continue
        paragraphs.append((block.start, block.end))
        if len(paragraphs) == _OPENING_PARAGRAPHS:
            break
    return [
        doc.text[s.start : s.end] for start, end in paragraphs for s in doc.sentences_in(start, end)
    ]


def _title(opening: list[str], text: str, header: Header) -> str:
    """With an official heading to fall back on, only the sentences in which the
    letter speaks of itself give a title ("… heeft verzocht de kabinetsreactie op
    … te ontvangen" is about another document)."""
    own = [s for s in opening if _SELF_REFERENCE.search(s)]
    ordered = own if header.heading else own + opening
    for pattern in _SELF_TITLES:
        for sentence in ordered:
            if match := pattern.search(sentence):
                return _clip(_title_from(match, text))
    if header.heading:
        return _clip(heading_title(header))
    return _clip(opening[0]) if opening else ""


def heading_title(header: Header) -> str:
    """ "Brief van de ministers van Buitenlandse Zaken en van Defensie — Nederlandse
    deelname aan vredesmissies" (the heading, and the main dossier's title)."""
    heading = sentence_case(header.heading)
    dossier_title = header.dossiers[0].title if header.dossiers else ""
    return f"{heading} — {dossier_title}" if dossier_title else heading


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


def _kind(opening: list[str], official: bool = False) -> str:
    own = [s for s in opening if _SELF_REFERENCE.search(s)]
    for candidates in (own,) if official else (own, opening[:2]):
        for kind, pattern in _KINDS:
            if any(pattern.search(s) for s in candidates):
                return kind
    return ""
