"""A ministry's own letter: its letterhead → ``Header``.

The version a ministry sends (its PDF or Word file) opens with a letterhead
instead of the official header: the ministry's name, the return and postal
addresses, and labelled fields, in either layout::

    Datum 27 januari 1999            Datum
    Kenmerk DEU-33/99                12 februari 2017
    Betreft Bezoeken parlementariërs Betreft
                                     Internationale Cyberstrategie

"Betreft" (or "Onderwerp") is the letter's subject, "Datum" its date, "Ons
kenmerk"/"Onze referentie"/"Kenmerk" its reference. The whole letterhead leaves
the text; the letter starts at the salutation ("Geachte voorzitter,").
"""

from __future__ import annotations

import re
from itertools import islice

from letters.ingest.dutch import parse_date, proper_portfolio
from letters.ingest.types import Header

_LABEL = re.compile(
    r"(?P<label>Datum|Betreft|Onderwerp|Ons kenmerk|Onze referentie|Onze Referentie|Kenmerk|"
    r"Uw kenmerk|Uw brief|Uw referentie|Bijlagen?|Bijlage\(n\)|Blad|Pagina|Contactpersoon|"
    r"Behandeld door|Doorkiesnummer|Telefoon)\b\s*:?\s*(?P<value>.*)"
)
_FIELDS = {
    "Datum": "date",
    "Betreft": "subject",
    "Onderwerp": "subject",
    "Ons kenmerk": "reference",
    "Onze referentie": "reference",
    "Onze Referentie": "reference",
    "Kenmerk": "reference",
}
_MINISTRY = re.compile(r"Ministerie van (?P<portfolio>[A-ZÀ-Þ][\w ,’'-]+)")
_SALUTATION = re.compile(r"(?:Zeer )?[Gg]eachte\b.{0,60},?")
_FIRST_LINES = 60


def read_letterhead(lines: list[str]) -> tuple[Header, set[int]]:
    """The letterhead's fields and the lines it takes; an empty ``Header`` and no
    lines when the text has no letterhead (a "Betreft" beside a "Datum" or a
    ministry's name in its first lines)."""
    fields: dict[str, str] = {}
    ministry = ""
    last_field = -1
    content = list(islice((i for i, line in enumerate(lines) if line.strip()), _FIRST_LINES))
    position = 0
    while position < len(content):
        index = content[position]
        line = " ".join(lines[index].split())
        if not ministry and (match := _MINISTRY.fullmatch(line)):
            ministry = proper_portfolio(match["portfolio"])
        label = _LABEL.fullmatch(line)
        if label:
            value = label["value"]
            if not value and position + 1 < len(content):
                position += 1  # the value stands on the next line
                value = " ".join(lines[content[position]].split())
            name = _FIELDS.get(label["label"])
            if name and name not in fields:
                fields[name] = value.strip()
            last_field = content[position]
        position += 1
    if "subject" not in fields or not ("date" in fields or ministry or "reference" in fields):
        return Header(), set()
    end = _letterhead_end(lines, last_field)
    date_text = fields.get("date", "")
    return (
        Header(
            subject=fields["subject"],
            date=parse_date(date_text),
            date_text=date_text,
            reference=fields.get("reference", ""),
            ministry=ministry,
        ),
        set(range(end + 1)),
    )


def _letterhead_end(lines: list[str], last_field: int) -> int:
    """The last line of the letterhead: before the salutation when one follows
    soon (the right-hand column often comes after "Betreft"), else the last field."""
    for index in range(last_field + 1, min(last_field + 40, len(lines))):
        if _SALUTATION.fullmatch(lines[index].strip()):
            return index - 1
    return last_field
