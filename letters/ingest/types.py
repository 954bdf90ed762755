"""The values the ingest pipeline produces. Every found item carries the text as
written and its [start, end) offsets in ``CleanText.text``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from letters.kamerstuk import KamerstukKey

if TYPE_CHECKING:
    from letters.ingest.segments import Segments

# Paragraph kinds
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Block:
    """One paragraph of cleaned text: ``text[start:end]``."""

    kind: str  # HEADING | PARAGRAPH | LIST_ITEM | FOOTNOTE
    start: int
    end: int
    marker: str = ""  # the footnote number for FOOTNOTE blocks


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker in the body ("Toetsingskader¹"): the marker was cut from the
    word; ``offset`` is where it stood in the cleaned text."""

    marker: str
    offset: int


@dataclass(frozen=True)
class DossierName:
    """A dossier as the header names it: "29 521 Nederlandse deelname aan vredesmissies"."""

    number: str  # normalised: "29521", "33000-X", "21501-28"
    title: str = ""


@dataclass(frozen=True)
class Header:
    """What the top of a letter says about it, in whichever form it came: the
    official web page or PDF ("29 521 … Nr. 209 BRIEF VAN DE MINISTERS …"), the
    Tweede Kamer's page ("Brief regering : …") or a ministry's letterhead
    ("Datum", "Betreft", "Ons kenmerk")."""

    key: KamerstukKey | None = None
    dossiers: tuple[DossierName, ...] = ()  # the main dossier first
    vergaderjaar: str | None = None  # "2012-2013"
    chamber: str = ""  # "Tweede Kamer" | "Eerste Kamer"
    heading: str = ""  # "BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN VAN DEFENSIE"
    document_type: str = ""  # "brief", "verslag", "motie", … (the heading's first word)
    senders: tuple[str, ...] = ()  # "Minister van Buitenlandse Zaken", "Minister van Defensie"
    subject: str = ""  # "Betreft" of a letterhead, or the Tweede Kamer page's title
    date: date | None = None  # "Datum" of a letterhead
    date_text: str = ""
    reference: str = ""  # "Ons kenmerk" / "Onze referentie" / "Kenmerk"
    ministry: str = ""  # "Buitenlandse Zaken" (from "Ministerie van Buitenlandse Zaken")


@dataclass
class CleanText:
    """The cleaned letter: paragraphs joined by a blank line, footnotes last."""

    text: str
    blocks: list[Block]
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    # What the removed page furniture told us.
    own_key: KamerstukKey | None = None
    vergaderjaar: str | None = None  # "2015-2016"
    print_year: int | None = None  # "’s-Gravenhage 2016"
    # More dossiers in the header or the running line ("33 694 en 29 521, nr. 11" → ["29521"]).
    other_dossiers: list[str] = field(default_factory=list)
    header: Header = field(default_factory=Header)


@dataclass(frozen=True)
class Signatory:
    name: str
    function: str  # "Minister van Defensie"
    ministry: str = ""  # "Defensie"


@dataclass
class Metadata:
    key: KamerstukKey | None = None
    other_dossiers: list[str] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)  # every dossier, the main one first
    dossier_titles: dict[str, str] = field(default_factory=dict)  # "29521" → its title
    date: date | None = None
    date_text: str = ""
    year: int | None = None
    vergaderjaar: str | None = None
    title: str = ""
    kind: str = ""  # one of letters.models.LetterKind values, "" when unknown
    document_type: str = ""  # "brief", "verslag", … from the official heading
    senders: list[str] = field(default_factory=list)  # "Minister van Defensie", from the heading
    reference: str = ""  # the ministry's reference ("Ons kenmerk")
    signatories: list[Signatory] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CitationFound:
    key: KamerstukKey
    text: str
    start: int
    end: int
    in_footnote: bool = False
    # Dossiers named beside the first ("Kamerstukken 33 694 en 26 643, nr. 47" → ("26643",)):
    # context of the citation, never a Kamerstuk of their own.
    other_dossiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProceedingFound:
    """Handelingen: "Handelingen II 2019/20, nr. 23, item 4"."""

    chamber: str  # "II" or "I"
    vergaderjaar: str  # "2019-2020"
    number: int
    item: int | None
    text: str
    start: int
    end: int
    in_footnote: bool = False

    @property
    def key(self) -> str:
        years = self.vergaderjaar.replace("-", "")
        chamber = "tk" if self.chamber == "II" else "ek"
        base = f"h-{chamber}-{years}-{self.number}"
        return f"{base}-{self.item}" if self.item is not None else base


@dataclass(frozen=True)
class AmountFound:
    euro: Decimal
    text: str
    start: int
    end: int
    qualifiers: tuple[str, ...] = ()  # "structureel", "incidenteel", "per jaar", "extra", …
    years: tuple[int, ...] = ()
    sentence: str = ""
    instrument: str = ""  # a budget named in the sentence: "BIV", "BZ", "Defensie", …


@dataclass(frozen=True)
class MissionNames:
    """What the pipeline matches missions against (loaded from the database)."""

    slug: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MissionFound:
    slug: str
    name: str
    text: str  # the sentence that mentions the mission
    start: int  # of the matched name/alias
    end: int
    matched: str = ""  # the alias as written
    decision: str | None = None  # start|extension|intensification|end|report


@dataclass(frozen=True)
class RecommendationFound:
    number: str
    text: str
    start: int = 0
    end: int = 0
    report: str = ""  # the report it comes from, when the text names it


@dataclass
class Extraction:
    clean: CleanText
    metadata: Metadata
    citations: list[CitationFound]
    proceedings: list[ProceedingFound]
    amounts: list[AmountFound]
    missions: list[MissionFound]
    recommendations: list[RecommendationFound]
    segments: Segments | None = None  # the paragraphs and sentences every extractor read
