"""What the generator produces: one ``LetterSpec`` per letter, its parts in the
write path's own types (``letters.services.graph``), every found item with
[start, end) offsets into ``body`` (the conventions of ``letters.ingest.types``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from letters.services.graph import (
    BudgetLineData,
    CitationData,
    MissionLinkData,
    RecommendationData,
    SignatoryData,
)


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
    signatories: list[SignatoryData]
    body: str
    structure: dict
    source_name: str
    citations: list[CitationData] = field(default_factory=list)
    missions: list[MissionLinkData] = field(default_factory=list)
    amounts: list[BudgetLineData] = field(default_factory=list)
    report: str | None = None  # title of the report this letter responds to
    recommendations: list[RecommendationData] = field(default_factory=list)

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
