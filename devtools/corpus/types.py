"""What the generator produces: one ``LetterSpec`` per letter, every found item
with [start, end) offsets into ``body`` (the same conventions as
``letters.ingest.types``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CitationSpec:
    kind: str  # "kamerstuk" | "handelingen"
    key: str  # "33694-12" or "h-tk-20192020-23-4"
    dossier: str  # "" for Handelingen
    number: int | None
    text: str  # as written: "Kamerstuk 33 694, nr. 12"
    start: int
    end: int
    in_footnote: bool
    context: str  # the sentence around it


@dataclass(frozen=True, slots=True)
class MissionSpec:
    slug: str
    alias: str  # as written
    sentence: str
    start: int
    end: int
    decision: str  # "" or a letters.models.Decision value


@dataclass(frozen=True, slots=True)
class AmountSpec:
    euro: Decimal
    text: str  # "30 miljoen euro"
    start: int
    end: int
    sentence: str
    instrument: str  # letters.models.Instrument value
    nature: str  # letters.models.Nature value
    year_from: int | None
    year_to: int | None
    mission_slug: str | None  # the mission the sentence spends it on


@dataclass(frozen=True, slots=True)
class RecommendationSpec:
    number: str
    text: str
    response: str  # letters.models.Response value
    response_text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SignatorySpec:
    name: str
    function: str


@dataclass(slots=True)
class LetterSpec:
    index: int  # position in the corpus (0-based); the same seed gives the same letter
    title: str
    slug: str
    dossier: str | None
    number: int | None
    other_dossiers: list[str]
    date: date
    vergaderjaar: str
    kind: str
    signatories: list[SignatorySpec]
    body: str
    structure: dict
    source_name: str
    citations: list[CitationSpec] = field(default_factory=list)
    missions: list[MissionSpec] = field(default_factory=list)
    amounts: list[AmountSpec] = field(default_factory=list)
    report: str | None = None  # title of the report this letter responds to
    recommendations: list[RecommendationSpec] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        return f"{self.dossier}-{self.number}" if self.dossier and self.number else None


@dataclass(frozen=True, slots=True)
class DossierSpec:
    number: str
    title: str
    year: int


@dataclass(frozen=True, slots=True)
class ReportSpec:
    title: str
    author: str
    year: int
    slug: str
