"""What to write: a letter and everything that hangs off it, as plain frozen values.

Every way into the archive (text import, official publications, the admin's
"Nieuwe brief uit tekst", the corpus generator) describes a letter as a
``LetterGraph`` and hands it to ``write_letters``. Related rows are named by
their natural keys (dossier number, person name, mission slug, report title),
never by database id, and choices by their stored values, so a graph can be built
(and this module imported) without Django or a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class SignatoryData:
    name: str
    function: str  # "Minister van Defensie": also gives the letter its ministry


@dataclass(frozen=True)
class CitationData:
    """A Kamerstuk (``dossier``, ``number``) or Handelingen (``key`` only) cited at
    ``[start, end)`` of the body. The target is never given: ``after_write`` resolves it."""

    key: str  # "33694-12", "35300-V-14"; Handelingen: "h-tk-20192020-23-4"
    text: str  # as written
    start: int
    end: int
    kind: str = "kamerstuk"  # or "handelingen" (letters.models.CitationKind)
    dossier: str = ""
    number: int | None = None
    in_footnote: bool = False
    context: str | None = None  # None: the sentence of the body around it


@dataclass(frozen=True)
class MissionLinkData:
    mission: str  # slug; a mission the archive does not know is skipped
    text: str  # the sentence that mentions it
    start: int | None = None
    end: int | None = None
    decision: str = ""  # "" or a letters.models.Decision value


@dataclass(frozen=True)
class BudgetLineData:
    amount: Decimal
    text: str = ""  # as written: "30 miljoen euro"
    start: int | None = None
    end: int | None = None
    instrument: str = "overig"  # a letters.models.Instrument value
    nature: str = ""  # a letters.models.Nature value; "" unknown
    year_from: int | None = None
    year_to: int | None = None
    purpose: str = ""
    mission: str | None = None  # slug of the mission the money is for


@dataclass(frozen=True)
class RecommendationData:
    """A report's recommendation this letter responds to. Recommendations belong to
    their report: writing one again updates it (``response`` only when given)."""

    report: str  # title; a report the archive does not have yet is created
    number: str
    text: str
    response: str = ""  # "" or a letters.models.Response value
    response_text: str = ""


@dataclass(frozen=True)
class LetterGraph:
    """One letter as it should be stored. ``replaces``: the id of the letter this
    graph replaces (a re-import); its related rows are replaced, its slug kept."""

    title: str
    body: str  # the cleaned text; every offset below is into it
    structure: dict = field(default_factory=dict)  # {"blocks": [...], "footnote_refs": [...]}
    original_text: str = ""
    dossier: str | None = None
    number: int | None = None
    other_dossiers: tuple[str, ...] = ()
    # Titles of the dossiers as the letter's header names them ("29521" → "Nederlandse
    # deelname aan vredesmissies"): they fill a dossier record that has no title yet.
    dossier_titles: dict[str, str] = field(default_factory=dict)
    date: date | None = None
    year: int | None = None  # None: the year of ``date``
    vergaderjaar: str = ""
    kind: str = ""
    slug: str = ""  # "" → made from the title, unique
    source_url: str | None = None  # None keeps what a replaced letter has
    source_name: str = ""  # "" keeps what a replaced letter has
    signatories: tuple[SignatoryData, ...] = ()
    citations: tuple[CitationData, ...] = ()
    mission_links: tuple[MissionLinkData, ...] = ()
    budget_lines: tuple[BudgetLineData, ...] = ()
    recommendations: tuple[RecommendationData, ...] = ()
    replaces: int | None = None
