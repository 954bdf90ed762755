"""The values the official-publications package produces (frozen, plain Python)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from letters.ingest.types import CleanText, Signatory
from letters.kamerstuk import KamerstukKey
from letters.official.kinds import BRIEF
from letters.official.metadata import PublicationMetadata

# What a publisher's link points at (``PublisherLink.kind``).
LINK_KAMERSTUK = "kamerstuk"  # doc="kst-33694-12"
LINK_HANDELING = "handeling"  # doc="h-tk-20192020-23-4"
LINK_URL = "url"  # soort="URL": a web address
LINK_OTHER = "other"  # stb-…, blg-…, dossier/…, an opaque kst-1268678


@dataclass(frozen=True)
class PublisherLink:
    """An ``<extref>`` the publisher put in the text: what it points at, the text it
    covers as ``[start, end)`` in ``CleanText.text``, and whether that is a footnote."""

    target: str  # the doc attribute as written: "kst-33694-12", "https://…"
    kind: str  # LINK_KAMERSTUK | LINK_HANDELING | LINK_URL | LINK_OTHER
    text: str
    start: int
    end: int
    in_footnote: bool = False
    key: KamerstukKey | None = None  # for LINK_KAMERSTUK with a dossier-number id


@dataclass(frozen=True)
class PublicationDates:
    """Every date the publication states; ``letter`` is the one the archive shows and
    ``source`` says which statement gave it (see ``publication._letter_date``)."""

    letter: date | None
    source: str  # "dagtekening", "datumBrief", "datumOndertekening", "datumtekst", "tekst", "issued", ""
    issued: date | None = None  # DCTERMS.issued: the day the publication was issued
    available: date | None = None  # DCTERMS.available: online from
    noted: date | None = None  # the stuk's own date line: "Voorgesteld 30 november 2011"
    noted_as: str = ""  # its first word: "Voorgesteld", "Ontvangen", "Vastgesteld"


@dataclass(frozen=True)
class OfficialPublication:
    identifier: str  # the publisher's id: "kst-33694-9" (newer: "kst-1268678")
    key: KamerstukKey  # main dossier + ondernummer: 33694-9
    other_dossiers: tuple[str, ...]  # joint letters: "29521"; chapters kept: "35300-V"
    kind: str  # one of letters.official.kinds.KINDS: "brief", "motie", …
    kamerstuk_type: str  # as the publisher names it: "Brief regering", "Motie", ""
    title: str  # the document title (OVERHEIDop.documenttitel, else from the XML)
    stuk_title: str  # the heading of the stuk: "BRIEF VAN DE MINISTER VAN …"
    dossier_titles: tuple[str, ...]  # per dossier, in the order of ``dossiers``
    dates: PublicationDates
    vergaderjaar: str  # "2019-2020"
    chamber: str  # "Tweede Kamer der Staten-Generaal"
    signatories: tuple[Signatory, ...]  # from <ondertekening>
    submitters: tuple[str, ...]  # OVERHEIDop.indiener (motions: the members)
    ministries: tuple[str, ...]  # from the signatories' functions: "Buitenlandse Zaken"
    clean: CleanText  # the text as blocks, footnotes last, linked both ways
    links: tuple[PublisherLink, ...]  # the publisher's own links, in text order
    metadata: PublicationMetadata | None  # None when only the XML was given

    @property
    def dossiers(self) -> tuple[str, ...]:
        return (self.key.dossier, *self.other_dossiers)

    @property
    def date(self) -> date | None:
        return self.dates.letter

    @property
    def is_letter(self) -> bool:
        return self.kind == BRIEF

    @property
    def official_url(self) -> str:
        return f"https://zoek.officielebekendmakingen.nl/{self.identifier}.html"
