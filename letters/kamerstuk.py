"""The Kamerstuk identifier as one small value type.

A Kamerstuk is named by its dossier (a number with an optional budget chapter,
``35300-V``) and its ondernummer. It is written in four ways, and this type
parses and formats all of them so they stay consistent:

- as written in letters: "Kamerstuk 33 694, nr. 12", "Kamerstuk 35 300 V, nr. 14"
- as our key: ``33694-12``, ``35300-V-14``
- as the official id: ``kst-33694-12``, ``kst-35300-V-14``
- as our URL path: ``/kamerstuk/33694/12/``, ``/kamerstuk/35300-V/14/``

Plain Python, no Django import: the ingest pipeline uses it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OFFICIAL_BASE_URL = "https://zoek.officielebekendmakingen.nl"

# Dossier numbers are five digits today; older ones have fewer. A budget chapter
# is a Roman numeral, optionally with a letter (V, VII, IXB, XVII), or one letter
# for the funds (A Infrastructuurfonds, B Gemeentefonds, …). Some dossiers have a
# numbered sub-dossier instead: 21 501-02 (Raad Algemene Zaken en Buitenlandse Zaken).
_LETTER_CHAPTER = r"(?:[IVXL]{1,6}[A-C]?|[A-Z])"
_CHAPTER = rf"(?:{_LETTER_CHAPTER}|\d{{2}})"
DOSSIER_RE = re.compile(rf"^(?P<base>[1-9]\d{{3,5}})(?:-(?P<chapter>{_CHAPTER}))?$")
KEY_RE = re.compile(
    rf"^(?:kst-)?(?P<base>[1-9]\d{{3,5}})(?:-(?P<chapter>{_CHAPTER}))?-(?P<number>[1-9]\d{{0,4}})$",
    re.IGNORECASE,
)
MAX_NUMBER = 99999


class InvalidKamerstuk(ValueError):
    """A dossier or Kamerstuk identifier that does not have a valid shape."""


def normalise_dossier(value: str) -> str:
    """``"33 694"`` → ``"33694"``, ``"35 300 V"``/``"35300-v"`` → ``"35300-V"``."""
    text = re.sub(r"[\s\u00a0.]+", " ", str(value)).strip().upper()
    # A numbered sub-dossier needs its dash ("21 501-02"), else "33694" would read as 336-94.
    match = re.fullmatch(
        r"(\d{1,3}(?: ?\d{3})?)(?:-(\d{2})|[ -]?(" + _LETTER_CHAPTER + r"))?", text
    )
    if not match:
        raise InvalidKamerstuk(f"Ongeldig dossiernummer: {value!r}")
    base = match.group(1).replace(" ", "")
    chapter = match.group(2) or match.group(3)
    dossier = f"{base}-{chapter}" if chapter else base
    if not DOSSIER_RE.match(dossier):
        raise InvalidKamerstuk(f"Ongeldig dossiernummer: {value!r}")
    return dossier


def format_dossier(dossier: str) -> str:
    """``"33694"`` → ``"33 694"``; ``"35300-V"`` → ``"35 300 V"`` (as letters write it)."""
    base, _, chapter = dossier.partition("-")
    spaced = f"{base[:-3]} {base[-3:]}" if len(base) > 3 else base
    if not chapter:
        return spaced
    return f"{spaced}-{chapter}" if chapter.isdigit() else f"{spaced} {chapter}"


@dataclass(frozen=True, order=True)
class KamerstukKey:
    dossier: str  # normalised: "33694" or "35300-V"
    number: int

    def __post_init__(self) -> None:
        if not DOSSIER_RE.match(self.dossier):
            raise InvalidKamerstuk(f"Ongeldig dossiernummer: {self.dossier!r}")
        if not isinstance(self.number, int) or not 1 <= self.number <= MAX_NUMBER:
            raise InvalidKamerstuk(f"Ongeldig ondernummer: {self.number!r}")

    # -- parsing -----------------------------------------------------------
    @classmethod
    def from_parts(cls, dossier: str, number: str | int) -> KamerstukKey:
        """From a dossier as written ("33 694", "35300-V") and a number ("12")."""
        try:
            number_int = int(str(number).strip())
        except ValueError as error:
            raise InvalidKamerstuk(f"Ongeldig ondernummer: {number!r}") from error
        return cls(normalise_dossier(dossier), number_int)

    @classmethod
    def parse(cls, value: str) -> KamerstukKey:
        """Parse a key (``33694-12``, ``35300-V-14``) or official id (``kst-33694-12``)."""
        match = KEY_RE.match(str(value).strip())
        if not match:
            raise InvalidKamerstuk(f"Ongeldig Kamerstuknummer: {value!r}")
        chapter = match.group("chapter")
        dossier = match.group("base") + (f"-{chapter.upper()}" if chapter else "")
        return cls(dossier, int(match.group("number")))

    # -- formatting --------------------------------------------------------
    @property
    def key(self) -> str:
        return f"{self.dossier}-{self.number}"

    @property
    def official_id(self) -> str:
        return f"kst-{self.key}"

    @property
    def official_url(self) -> str:
        return f"{OFFICIAL_BASE_URL}/{self.official_id}.html"

    @property
    def path(self) -> str:
        return f"/kamerstuk/{self.dossier}/{self.number}/"

    @property
    def display(self) -> str:
        return f"Kamerstuk {format_dossier(self.dossier)}, nr. {self.number}"

    def __str__(self) -> str:
        return self.key
