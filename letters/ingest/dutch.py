"""Small facts of Dutch official writing shared by the header, letterhead and
metadata readers: month names and dates, and the names of ministerial
portfolios as they are spelled in mixed case."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(),
        start=1,
    )
}
DAY_MONTH_YEAR = (
    r"(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b"
)
_DATE_ONLY = re.compile(DAY_MONTH_YEAR, re.I)


def make_date(day: str, month: str, year: str) -> date | None:
    """A date from its written parts ("8", "juli", "2011"); None when impossible."""
    try:
        return date(int(year), MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


def parse_date(text: str) -> date | None:
    """The first "8 juli 2011" in ``text``."""
    match = _DATE_ONLY.search(text)
    return make_date(match["day"], match["month"], match["year"]) if match else None


# Portfolios in the spelling the letters use, longest first so that
# "Buitenlandse Handel en Ontwikkelingssamenwerking" wins over "Ontwikkelingssamenwerking".
PORTFOLIOS = sorted(
    [
        "Algemene Zaken",
        "Asiel en Migratie",
        "Binnenlandse Zaken en Koninkrijksrelaties",
        "Buitenlandse Handel en Ontwikkelingshulp",
        "Buitenlandse Handel en Ontwikkelingssamenwerking",
        "Buitenlandse Zaken",
        "Defensie",
        "Economische Zaken",
        "Economische Zaken en Klimaat",
        "Economische Zaken, Landbouw en Innovatie",
        "Financiën",
        "Infrastructuur en Milieu",
        "Infrastructuur en Waterstaat",
        "Justitie",
        "Justitie en Veiligheid",
        "Klimaat en Groene Groei",
        "Landbouw, Natuur en Voedselkwaliteit",
        "Onderwijs, Cultuur en Wetenschap",
        "Ontwikkelingssamenwerking",
        "Sociale Zaken en Werkgelegenheid",
        "Veiligheid en Justitie",
        "Verkeer en Waterstaat",
        "Volksgezondheid, Welzijn en Sport",
        "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
    ],
    key=len,
    reverse=True,
)
_PORTFOLIO = re.compile("|".join(re.escape(p) for p in PORTFOLIOS), re.I)
_BY_FOLDED = {p.casefold(): p for p in PORTFOLIOS}


def portfolio_at(text: str, position: int = 0) -> re.Match | None:
    """A portfolio name starting exactly at ``position`` (any case)."""
    return _PORTFOLIO.match(text, position)


def proper_portfolio(name: str) -> str:
    """ "BUITENLANDSE ZAKEN" → "Buitenlandse Zaken"; unknown names are title-cased."""
    folded = " ".join(name.split()).casefold()
    if folded in _BY_FOLDED:
        return _BY_FOLDED[folded]
    return " ".join(
        word if word in ("en", "van", "voor") else word[:1].upper() + word[1:]
        for word in folded.split()
    )


def sentence_case(heading: str) -> str:
    """ "BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN VAN DEFENSIE" →
    "Brief van de ministers van Buitenlandse Zaken en van Defensie"."""
    lowered = " ".join(heading.split()).lower()
    pieces, position = [], 0
    for match in _PORTFOLIO.finditer(lowered):
        pieces.append(lowered[position : match.start()])
        pieces.append(_BY_FOLDED[match.group(0).casefold()])
        position = match.end()
    pieces.append(lowered[position:])
    text = "".join(pieces)
    return text[:1].upper() + text[1:]
