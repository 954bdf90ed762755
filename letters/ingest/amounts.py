"""Euro amounts in the cleaned text, each a proposed budget line.

"30 miljoen euro", "€ 1,5 miljard", "EUR 10 miljoen", "59,5 miljoen euro",
"€ 2,2 miljoen euro", "€ 15.000" → exact ``Decimal`` euros (never a float).
A bare "3 miljoen per jaar" counts when the sentence is about money and the
next word is not a noun ("3 miljoen mensen" is not an amount); percentages and
other currencies are not amounts.

Each amount carries the qualifiers around it (structureel, incidenteel,
eenmalig, per jaar, extra, …), the years mentioned with it, its sentence and the
budget ("instrument") the sentence names: the name right before a parenthesis
("BZ (30 miljoen euro)") or else the nearest one in the sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from letters.ingest.segments import Segments
from letters.ingest.types import AmountFound, CleanText

# Bounded: no budget has more than 15 digits, and a longer run of digits is no amount.
_NUMBER = r"(?:\d{1,3}(?:\.\d{3}){1,5}(?:,\d{1,4})?|\d{1,12}(?:[.,]\d{1,4})?)(?![.,]?\d)"
_UNIT = r"miljard|mld\.?|miljoen|mln\.?|duizend"
_EURO_BEFORE = rf"(?:€|EUR\b)\s?(?P<n1>{_NUMBER})(?:\s*(?P<u1>{_UNIT}))?(?:\s+(?:euro|EUR)\b)?"
# Only the word "euro" after a number: "in 2018 € 5 miljoen" must not read "2018 €".
_EURO_AFTER = rf"(?P<n2>{_NUMBER})\s*(?:(?P<u2>{_UNIT})\s*)?euro\b"
_BARE = rf"(?P<n3>{_NUMBER})\s+(?P<u3>miljard|miljoen|mln\.?|mld\.?)(?![\w-])"
# The leading lookahead is a cheap test that spares most positions the full match.
_AMOUNT = re.compile(
    rf"(?=[€E\d])(?:(?<![\w.,]){_EURO_BEFORE}|(?<![\w.,€]){_EURO_AFTER}|(?<![\w.,€]){_BARE})"
)
# "€ 10 tot 20 miljoen": the unit of the second number is the unit of the first.
_RANGE_TAIL = re.compile(rf"\s*(?:tot|à|en|[-–])\s*(?:€\s?)?(?:{_NUMBER})\s*(?P<unit>{_UNIT})")

_MULTIPLIERS = {
    "miljard": Decimal(10) ** 9,
    "mld": Decimal(10) ** 9,
    "miljoen": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "duizend": Decimal(1000),
}
_MONEY_CONTEXT = re.compile(
    r"€|\beuro\b|\bEUR\b|budget|begrot|financ|middelen|investe|kosten|uitgave|bedrag|\bgeld\b|"
    r"subsidie|bijdrage|beschikbaar|amendement|uitgetrokken|vrijgemaakt|geoormerkt|dekking|"
    r"toegevoegd|bezuinig|intensiver",
    re.I,
)
# What may follow a bare "3 miljoen" that is money (not "3 miljoen mensen").
_BARE_NEXT_WORDS = frozenset(
    "per extra structureel structurele incidenteel incidentele eenmalig eenmalige additioneel "
    "additionele jaarlijks beschikbaar voor aan uit in op bij ten tot te en of is wordt werd "
    "worden zijn was waren vanaf naar over af toe meer minder gemoeid geoormerkt gereserveerd "
    "vrijgemaakt besteed geïnvesteerd bijgedragen uitgetrokken toegevoegd".split()
)
_QUALIFIERS = (
    ("structureel", re.compile(r"\bstructure(?:el|le)\b", re.I)),
    ("incidenteel", re.compile(r"\bincidente(?:el|le)\b", re.I)),
    ("eenmalig", re.compile(r"\beenmalige?\b", re.I)),
    ("jaarlijks", re.compile(r"\bjaarlijkse?\b", re.I)),
    ("extra", re.compile(r"\bextra\b", re.I)),
    ("additioneel", re.compile(r"\badditione(?:el|le)\b", re.I)),
    ("oplopend", re.compile(r"\boplop(?:end|en)\b", re.I)),
    ("gemiddeld", re.compile(r"\bgemiddeld\b", re.I)),
    ("in totaal", re.compile(r"\bin totaal\b", re.I)),
)
_PER_YEAR = re.compile(r"\bper jaar\b", re.I)
_YEAR = re.compile(r"(?<![\d,.])(19[5-9]\d|20\d\d)(?:\s*[–-]\s*(19[5-9]\d|20\d\d))?(?![\d,])")
# Words around an amount that still describe it; the window stops at the
# sentence edge, a parenthesis, and between two amounts at the "tot"/"en" that
# separates them ("EUR 10 miljoen in 2018 tot EUR 40 miljoen structureel").
_WINDOW_WORDS = 5
# Qualifiers after an amount sit right behind it ("€ 162 miljoen extra per jaar");
# further on they describe something else ("… voor de additionele financiering").
_QUALIFIER_WORDS_AFTER = 3
_WINDOW_STOP = re.compile(r"[();]")
_BETWEEN_AMOUNTS_STOP = re.compile(r"[();]|\s(?:tot|en)\s")

# The budget an amount belongs to, longest names first.
_INSTRUMENTS = (
    (
        "BHOS",
        r"BH&OS|BHOS|Buitenlandse Handel en Ontwikkelingssamenwerking|ontwikkelingssamenwerking",
    ),
    ("BIV", r"BIV|Budget Internationale Veiligheid"),
    ("JenV", r"JenV|J&V|Justitie en Veiligheid"),
    ("BZ", r"BZ|Buitenlandse Zaken"),
    ("Defensie", r"Defensie|defensiebegroting|defensiebudget|defensie-uitgaven"),
)
_INSTRUMENT = re.compile(
    "|".join(rf"(?P<{name}>(?<![\w-])(?:{names})(?![\w-]))" for name, names in _INSTRUMENTS)
)
_INSTRUMENT_BEFORE_PARENTHESIS = re.compile(rf"(?:{_INSTRUMENT.pattern})\s*\(\s*$")


def find_amounts(source: CleanText | Segments) -> list[AmountFound]:
    doc = Segments.of(source)
    text = doc.text
    matches = [m for m in _AMOUNT.finditer(text) if _is_money(doc, m)]
    found = []
    for index, match in enumerate(matches):
        try:
            euro = _euro(match, text)
        except InvalidOperation:  # defensive: a number Decimal cannot hold
            continue
        sentence = doc.sentence_at(match.start())
        previous_end = matches[index - 1].end() if index else 0
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        before = _window_before(text, sentence.start, previous_end, match.start())
        after = _window_after(text, match.end(), min(sentence.end, next_start))
        found.append(
            AmountFound(
                euro=euro,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                qualifiers=_qualifiers(before, after),
                years=tuple(dict.fromkeys(_years(before) + _years(after))),
                sentence=text[sentence.start : sentence.end],
                instrument=_instrument(text, sentence.start, sentence.end, match.start()),
            )
        )
    return found


def parse_amount(written: str) -> Decimal | None:
    """The euros of one written amount ("€ 1,5 miljard" → 1500000000), or None."""
    match = _AMOUNT.search(written)
    try:
        return _euro(match, written) if match else None
    except InvalidOperation:
        return None


def _is_money(doc: Segments, match: re.Match) -> bool:
    if match.group("n3") is None:
        return True
    text = doc.text
    sentence = doc.sentence_at(match.start())
    if not _MONEY_CONTEXT.search(text, sentence.start, sentence.end):
        return False
    following = re.match(r"\s*([\w’-]+)", text[match.end() : match.end() + 40])
    return not following or following.group(1).lower() in _BARE_NEXT_WORDS


def _euro(match: re.Match, text: str) -> Decimal:
    number = match.group("n1") or match.group("n2") or match.group("n3")
    unit = match.group("u1") or match.group("u2") or match.group("u3")
    if unit is None and match.group("n1"):
        if tail := _RANGE_TAIL.match(text, match.end()):
            unit = tail.group("unit")
    value = _decimal(number)
    if unit:
        value *= _MULTIPLIERS[unit.rstrip(".")]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _decimal(number: str) -> Decimal:
    """Dutch notation: "1.500.000" (thousands), "1,5" (decimal comma); an
    English "1.5" (a dot not followed by three digits) is read as a decimal too."""
    if "," in number:
        return Decimal(number.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        return Decimal(number.replace(".", ""))
    return Decimal(number)


def _window_before(text: str, sentence_start: int, previous_end: int, start: int) -> str:
    after_amount = previous_end > sentence_start
    chunk = text[max(sentence_start, previous_end) : start]
    stop_pattern = _BETWEEN_AMOUNTS_STOP if after_amount else _WINDOW_STOP
    stops = list(stop_pattern.finditer(chunk))
    if stops:
        chunk = chunk[stops[-1].end() :]
    return " ".join(chunk.split()[-_WINDOW_WORDS:])


def _window_after(text: str, end: int, ceiling: int) -> str:
    chunk = text[end:ceiling]
    if stop := _BETWEEN_AMOUNTS_STOP.search(chunk):
        chunk = chunk[: stop.start()]
    return " ".join(chunk.split()[: _WINDOW_WORDS + 1])


def _qualifiers(before: str, after: str) -> tuple[str, ...]:
    after = " ".join(after.split()[:_QUALIFIER_WORDS_AFTER])
    both = f"{before} | {after}"
    found = [name for name, pattern in _QUALIFIERS if pattern.search(both)]
    if _PER_YEAR.search(after) and "per jaar" not in found:
        found.append("per jaar")
    return tuple(found)


def _years(window: str) -> list[int]:
    years: list[int] = []
    for match in _YEAR.finditer(window):
        years.append(int(match.group(1)))
        if match.group(2):
            years.append(int(match.group(2)))
    return years


def _instrument(text: str, sentence_start: int, sentence_end: int, amount_start: int) -> str:
    if named := _INSTRUMENT_BEFORE_PARENTHESIS.search(text, sentence_start, amount_start):
        return named.lastgroup or ""
    nearest = min(
        _INSTRUMENT.finditer(text, sentence_start, sentence_end),
        key=lambda m: abs(m.start() - amount_start),
        default=None,
    )
    return nearest.lastgroup if nearest else ""
