"""From what the text pipeline found (``letters.ingest``) to a ``LetterGraph``:
what an editor states (``LetterOverrides``) wins over what was extracted, and only
the items the editor kept (``Selection``) are written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from letters.ingest.types import AmountFound, Extraction, MissionFound
from letters.models import CitationKind, Instrument, Nature
from letters.services.graph import (
    BudgetLineData,
    CitationData,
    LetterGraph,
    MissionLinkData,
    RecommendationData,
    SignatoryData,
)

INSTRUMENT_VALUES = {choice.value for choice in Instrument}
# An amount is for the mission named this close to its sentence (in characters).
MISSION_REACH = 300


class ImportRefused(Exception):
    """A file that is not a letter we can import; the message is for the user (Dutch)."""


@dataclass
class LetterOverrides:
    """What an editor (or a seed sidecar file) states about a letter; wins over extraction.

    ``None`` means "not given": the extracted value is used."""

    title: str | None = None
    dossier: str | None = None
    number: int | None = None
    other_dossiers: list[str] | None = None
    date: date | None = None
    year: int | None = None
    vergaderjaar: str | None = None
    kind: str | None = None
    signatories: list[dict] | None = None  # [{"name": ..., "function": ...}]
    source_url: str | None = None

    @classmethod
    def from_json(cls, data: dict) -> LetterOverrides:
        known = {name for name in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ImportRefused(f"Onbekende velden in metadata: {', '.join(sorted(unknown))}")
        values = dict(data)
        if values.get("date"):
            values["date"] = date.fromisoformat(values["date"])
        return cls(**values)


@dataclass
class Selection:
    """Which extracted items an editor kept on the review page (indexes into the
    extraction's lists); ``None`` keeps everything."""

    citations: set[int] | None = None
    proceedings: set[int] | None = None
    amounts: set[int] | None = None
    missions: set[int] | None = None
    recommendations: set[int] | None = None

    def kept(self, kind: str, items: list) -> list:
        chosen = getattr(self, kind)
        return list(items) if chosen is None else [x for i, x in enumerate(items) if i in chosen]


def graph_from_extraction(
    extraction: Extraction,
    *,
    original_text: str,
    overrides: LetterOverrides | None = None,
    selection: Selection | None = None,
    source_name: str = "",
    report: str | None = None,
    replaces: int | None = None,
) -> LetterGraph:
    """The letter an extraction describes, with the editor's corrections and choices.
    ``report``: the title of the report the recommendations come from."""
    overrides, selection = overrides or LetterOverrides(), selection or Selection()
    meta, clean = extraction.metadata, extraction.clean
    key = meta.key or clean.own_key
    dossier, number = _dossier_and_number(key, overrides)
    letter_date = overrides.date or meta.date
    title = (overrides.title or meta.title or "Brief zonder titel")[:500]
    signatories = (
        [SignatoryData(s["name"], s["function"]) for s in overrides.signatories]
        if overrides.signatories is not None
        else [SignatoryData(s.name, s.function) for s in meta.signatories]
    )
    missions = selection.kept("missions", extraction.missions)
    return LetterGraph(
        title=title,
        body=clean.text,
        structure=_structure(extraction),
        original_text=original_text,
        dossier=dossier,
        number=number,
        dossier_titles=dict(meta.dossier_titles),
        other_dossiers=tuple(
            overrides.other_dossiers if overrides.other_dossiers is not None else meta.other_dossiers
        ),
        date=letter_date,
        year=overrides.year or (letter_date.year if letter_date else meta.year),
        vergaderjaar=overrides.vergaderjaar or meta.vergaderjaar or clean.vergaderjaar or "",
        kind=overrides.kind if overrides.kind is not None else (meta.kind or ""),
        source_url=overrides.source_url,
        source_name=source_name,
        signatories=tuple(signatories),
        citations=citations_of(extraction, selection),
        mission_links=tuple(
            MissionLinkData(m.slug, m.text, m.start, m.end, m.decision or "") for m in missions
        ),
        budget_lines=tuple(
            _budget_line(found, missions) for found in selection.kept("amounts", extraction.amounts)
        ),
        recommendations=tuple(
            RecommendationData(
                report=report or found.report or f"Rapport besproken in: {title}",
                number=found.number,
                text=found.text,
            )
            for found in selection.kept("recommendations", extraction.recommendations)
        ),
        replaces=replaces,
    )


def _dossier_and_number(key, overrides: LetterOverrides) -> tuple[str | None, int | None]:
    """The editor's dossier and number win; a dossier stated as "" (an emptied review
    field) means the letter has no number, and the extracted number only goes with
    the extracted dossier."""
    if overrides.dossier is None:
        number = overrides.number if overrides.number is not None else (key.number if key else None)
        return (key.dossier if key else None), number
    dossier = overrides.dossier or None
    number = overrides.number
    if number is None and key and key.dossier == dossier:
        number = key.number
    return dossier, (number if dossier else None)


def _structure(extraction: Extraction) -> dict:
    clean = extraction.clean
    return {
        "blocks": [
            {"kind": b.kind, "start": b.start, "end": b.end, **({"marker": b.marker} if b.marker else {})}
            for b in clean.blocks
        ],
        "footnote_refs": [{"marker": r.marker, "offset": r.offset} for r in clean.footnote_refs],
    }


def citations_of(extraction: Extraction, selection: Selection) -> tuple[CitationData, ...]:
    """The citations and Handelingen an extraction found that the editor kept."""
    kamerstukken = [
        CitationData(
            key=found.key.key,
            dossier=found.key.dossier,
            number=found.key.number,
            text=found.text,
            start=found.start,
            end=found.end,
            in_footnote=found.in_footnote,
        )
        for found in selection.kept("citations", extraction.citations)
    ]
    proceedings = [
        CitationData(
            kind=CitationKind.HANDELINGEN,
            key=found.key,
            text=found.text,
            start=found.start,
            end=found.end,
            in_footnote=found.in_footnote,
        )
        for found in selection.kept("proceedings", extraction.proceedings)
    ]
    return (*kamerstukken, *proceedings)


def _budget_line(found: AmountFound, missions: list[MissionFound]) -> BudgetLineData:
    years = sorted(found.years)
    mission = None
    if found.sentence:
        # A mission named in (or next to) the sentence of the amount is what the money is for.
        sentence_start = found.start - len(found.sentence)
        mission = next(
            (
                slug
                for start, slug in sorted((m.start or 0, m.slug) for m in missions)
                if sentence_start - MISSION_REACH <= start <= found.end + MISSION_REACH
            ),
            None,
        )
    return BudgetLineData(
        amount=found.euro,
        text=found.text,
        start=found.start,
        end=found.end,
        instrument=found.instrument if found.instrument in INSTRUMENT_VALUES else Instrument.OVERIG,
        nature=_nature(found.qualifiers),
        year_from=years[0] if years else None,
        year_to=years[-1] if len(years) > 1 else None,
        purpose=found.sentence,
        mission=mission,
    )


def _nature(qualifiers: Iterable[str]) -> str:
    qualifiers = {q.lower() for q in qualifiers}
    if "structureel" in qualifiers:
        return Nature.STRUCTURAL
    if "incidenteel" in qualifiers or "eenmalig" in qualifiers:
        return Nature.ONE_OFF
    if "per jaar" in qualifiers or "jaarlijks" in qualifiers:
        return Nature.PER_YEAR
    return Nature.UNKNOWN
