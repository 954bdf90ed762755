"""Writes: everything that changes the archive goes through these functions.

The path of a letter: ``ingest.pipeline.extract`` (pure Python) → ``save_extraction``
(one transaction: the letter, its signatories, citations, mission links, budget
lines and recommendations) → ``resolve_waiting_citations`` (earlier citations of
this Kamerstuk now point to it) → ``search.update_index``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from letters import search
from letters.ingest.sentences import SentenceIndex, sentence_index
from letters.ingest.types import Block, CleanText, Extraction, Metadata, MissionAlias
from letters.kamerstuk import KamerstukKey, normalise_dossier
from letters.models import (
    BudgetLine,
    Citation,
    CitationKind,
    Dossier,
    Instrument,
    Letter,
    LetterMission,
    Ministry,
    Mission,
    Nature,
    Person,
    Recommendation,
    Report,
    Signatory,
)
from letters.page_cache import archive_changed

# Function words in "Minister van Defensie" → ministry slug.
MINISTRY_BY_PORTFOLIO = {
    "defensie": "defensie",
    "buitenlandse zaken": "buitenlandse-zaken",
    "buitenlandse handel en ontwikkelingssamenwerking": "bhos",
    "justitie en veiligheid": "justitie-en-veiligheid",
    "veiligheid en justitie": "veiligheid-en-justitie",
    "algemene zaken": "algemene-zaken",
    "financiën": "financien",
    "binnenlandse zaken en koninkrijksrelaties": "binnenlandse-zaken",
}
INSTRUMENT_VALUES = {choice.value for choice in Instrument}


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

    def keeps(self, kind: str, index: int) -> bool:
        chosen = getattr(self, kind)
        return chosen is None or index in chosen


@dataclass
class ImportResult:
    letter: Letter
    status: str  # "nieuw" | "bijgewerkt" | "ongewijzigd"
    counts: dict[str, int] = field(default_factory=dict)


# -- reads the pipeline needs -----------------------------------------------------


def mission_aliases() -> list[MissionAlias]:
    """The missions and their aliases as the pipeline matches them."""
    aliases: dict[int, list[str]] = {}
    for mission_id, alias in Mission.aliases.rel.related_model.objects.values_list(
        "mission_id", "alias"
    ):
        aliases.setdefault(mission_id, []).append(alias)
    return [
        MissionAlias(
            slug=mission.slug,
            name=mission.name,
            aliases=tuple({mission.name, mission.short_name, *aliases.get(mission.pk, [])} - {""}),
        )
        for mission in Mission.objects.all()
    ]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- citations ----------------------------------------------------------------------


def resolve_citation_target(*, dossier: str, number: int) -> Letter | None:
    return Letter.objects.filter(dossier__number=dossier, number=number).first()


def resolve_waiting_citations(*, letter: Letter) -> int:
    """Point every citation of this letter's Kamerstuk to it (and release citations
    that pointed to it under a number it no longer has). Returns how many now resolve."""
    Citation.objects.filter(target=letter).exclude(
        key=letter.kamerstuk_key.key if letter.kamerstuk_key else ""
    ).update(target=None)
    key = letter.kamerstuk_key
    if key is None:
        return 0
    return (
        Citation.objects.filter(kind=CitationKind.KAMERSTUK, key=key.key)
        .exclude(letter=letter)
        .exclude(target=letter)
        .update(target=letter)
    )


# -- saving an extraction -------------------------------------------------------------


def _dossier(number: str) -> Dossier:
    dossier, _ = Dossier.objects.get_or_create(number=normalise_dossier(number))
    return dossier


def _unique_slug(title: str, *, letter: Letter | None) -> str:
    base = slugify(title)[:100] or "brief"
    slug, n = base, 2
    while Letter.objects.filter(slug=slug).exclude(pk=getattr(letter, "pk", None)).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _ministry_for_function(function: str) -> Ministry | None:
    lowered = function.lower()
    for portfolio, slug in sorted(MINISTRY_BY_PORTFOLIO.items(), key=lambda item: -len(item[0])):
        if portfolio in lowered:
            return Ministry.objects.filter(slug=slug).first()
    return None


def _nature(qualifiers: Iterable[str]) -> str:
    qualifiers = {q.lower() for q in qualifiers}
    if "structureel" in qualifiers:
        return Nature.STRUCTURAL
    if "incidenteel" in qualifiers or "eenmalig" in qualifiers:
        return Nature.ONE_OFF
    if "per jaar" in qualifiers or "jaarlijks" in qualifiers:
        return Nature.PER_YEAR
    return Nature.UNKNOWN


def _report_for(name: str) -> Report:
    title = name.strip() or "Onbekend rapport"
    report = Report.objects.filter(title__iexact=title).first()
    if report is None:
        report = Report.objects.create(title=title[:300], slug=slugify(title)[:110] or "rapport")
    return report


@transaction.atomic
def save_extraction(
    *,
    extraction: Extraction,
    original_text: str,
    overrides: LetterOverrides | None = None,
    selection: Selection | None = None,
    letter: Letter | None = None,
    source_name: str = "",
    report: Report | None = None,
) -> Letter:
    """Save a letter and everything extracted from it, replacing what an earlier
    import of the same letter had saved. Returns the saved letter."""
    overrides = overrides or LetterOverrides()
    selection = selection or Selection()
    meta = extraction.metadata
    clean = extraction.clean

    key: KamerstukKey | None = meta.key or clean.own_key
    if overrides.dossier is not None:  # stated; "" (an emptied review field): no number
        dossier_number = overrides.dossier or None
        number = overrides.number
        if number is None and key and key.dossier == dossier_number:
            number = key.number
    else:
        dossier_number = key.dossier if key else None
        number = overrides.number if overrides.number is not None else (key.number if key else None)

    letter = letter or Letter()
    letter.title = (overrides.title or meta.title or "Brief zonder titel")[:500]
    letter.dossier = _dossier(dossier_number) if dossier_number else None
    letter.number = number if letter.dossier else None
    letter.date = overrides.date or meta.date
    letter.year = overrides.year or (letter.date.year if letter.date else meta.year)
    letter.vergaderjaar = overrides.vergaderjaar or meta.vergaderjaar or clean.vergaderjaar or ""
    letter.kind = overrides.kind if overrides.kind is not None else (meta.kind or "")
    letter.body = clean.text
    letter.structure = {
        "blocks": [
            {"kind": b.kind, "start": b.start, "end": b.end, **({"marker": b.marker} if b.marker else {})}
            for b in clean.blocks
        ],
        "footnote_refs": [{"marker": r.marker, "offset": r.offset} for r in clean.footnote_refs],
    }
    letter.original_text = original_text
    letter.text_hash = text_hash(original_text)
    if overrides.source_url is not None:
        letter.source_url = overrides.source_url
    if source_name:
        letter.source_name = source_name[:255]
    if not letter.slug:
        letter.slug = _unique_slug(letter.title, letter=letter)
    if letter.pk:
        letter.version += 1
    letter.full_clean(exclude=["slug"])
    letter.save()

    other = overrides.other_dossiers if overrides.other_dossiers is not None else meta.other_dossiers
    letter.other_dossiers.set(
        [_dossier(d) for d in other if normalise_dossier(d) != getattr(letter.dossier, "number", None)]
    )
    _fill_dossier_titles(meta.dossier_titles)
    if letter.dossier and not letter.dossier.title:
        letter.dossier.title = meta.dossier_titles.get(letter.dossier.number, "")[:300]

    # Signatories and ministries
    letter.signatures.all().delete()
    signatories = (
        overrides.signatories
        if overrides.signatories is not None
        else [{"name": s.name, "function": s.function} for s in meta.signatories]
    )
    ministries = []
    for position, signatory in enumerate(signatories):
        person, _ = Person.objects.get_or_create(name=signatory["name"].strip())
        ministry = _ministry_for_function(signatory["function"])
        if ministry:
            ministries.append(ministry)
        Signatory.objects.get_or_create(
            letter=letter,
            person=person,
            defaults={"function": signatory["function"].strip(), "ministry": ministry, "position": position},
        )
    letter.ministries.set(ministries)

    _replace_citations(letter, extraction, selection)
    _replace_mission_links(letter, extraction, selection)
    _replace_budget_lines(letter, extraction, selection)
    _replace_recommendations(letter, extraction, selection, report)

    resolve_waiting_citations(letter=letter)
    # In the same transaction: the letter and its index entry commit (or roll back) together.
    search.update_index([letter.pk])
    archive_changed()
    return letter


def _replace_citations(letter: Letter, extraction: Extraction, selection: Selection) -> None:
    letter.citations.all().delete()
    text = extraction.clean.text
    sentences = extraction.segments.sentences if extraction.segments else None
    own = letter.kamerstuk_key
    # Only the cited (dossier, number) pairs, and only their ids: at 100 000 letters,
    # "every letter numbered 12" is thousands of rows with their bodies.
    pairs = {(c.key.dossier, c.key.number) for c in extraction.citations}
    dossier_ids = dict(
        Dossier.objects.filter(number__in={d for d, _ in pairs}).values_list("number", "pk")
    )
    wanted = Q(pk__in=[])
    for dossier, number in pairs:
        if dossier in dossier_ids:  # each pair is one lookup in the (dossier, number) index
            wanted |= Q(dossier_id=dossier_ids[dossier], number=number)
    numbers_by_id = {pk: number for number, pk in dossier_ids.items()}
    targets = {
        (numbers_by_id[dossier_id], number): Letter(pk=pk)
        for pk, dossier_id, number in Letter.objects.filter(wanted).values_list(
            "pk", "dossier_id", "number"
        )
    }
    rows, seen = [], set()
    for index, found in enumerate(extraction.citations):
        if not selection.keeps("citations", index) or found.key == own:
            continue
        if (found.key.key, found.start) in seen:
            continue
        seen.add((found.key.key, found.start))
        rows.append(
            Citation(
                letter=letter,
                kind=CitationKind.KAMERSTUK,
                key=found.key.key,
                dossier=found.key.dossier,
                number=found.key.number,
                target=targets.get((found.key.dossier, found.key.number)),
                text=found.text[:500],
                start=found.start,
                end=found.end,
                in_footnote=found.in_footnote,
                context=sentence_around(text, found.start, found.end, sentences=sentences),
                other_dossiers=list(found.other_dossiers),
                letter_date=letter.date,
                letter_year=letter.year,
            )
        )
    for index, found in enumerate(extraction.proceedings):
        if not selection.keeps("proceedings", index) or (found.key, found.start) in seen:
            continue
        seen.add((found.key, found.start))
        rows.append(
            Citation(
                letter=letter,
                kind=CitationKind.HANDELINGEN,
                key=found.key,
                text=found.text[:500],
                start=found.start,
                end=found.end,
                in_footnote=found.in_footnote,
                context=sentence_around(text, found.start, found.end, sentences=sentences),
                letter_date=letter.date,
                letter_year=letter.year,
            )
        )
    # bulk_create skips Citation.save: the copies of the letter's date and year are set above.
    Citation.objects.bulk_create(rows)


def _replace_mission_links(letter: Letter, extraction: Extraction, selection: Selection) -> None:
    letter.mission_links.all().delete()
    missions = {m.slug: m for m in Mission.objects.filter(slug__in={f.slug for f in extraction.missions})}
    rows, seen = [], set()
    for index, found in enumerate(extraction.missions):
        mission = missions.get(found.slug)
        if mission is None or not selection.keeps("missions", index) or (found.slug, found.start) in seen:
            continue
        seen.add((found.slug, found.start))
        rows.append(
            LetterMission(
                letter=letter,
                mission=mission,
                decision=found.decision or "",
                text=found.text,
                start=found.start,
                end=found.end,
            )
        )
    LetterMission.objects.bulk_create(rows)


def _replace_budget_lines(letter: Letter, extraction: Extraction, selection: Selection) -> None:
    letter.budget_lines.all().delete()
    mission_at = sorted(
        (link.start or 0, link.mission_id) for link in letter.mission_links.all()
    )
    rows = []
    for index, found in enumerate(extraction.amounts):
        if not selection.keeps("amounts", index):
            continue
        years = sorted(found.years)
        # A mission named in the same sentence as the amount is what the money is for.
        sentence_start = found.start - len(found.sentence) if found.sentence else found.start
        mission_id = next(
            (m for start, m in mission_at if sentence_start - 300 <= start <= found.end + 300), None
        ) if found.sentence else None
        rows.append(
            BudgetLine(
                letter=letter,
                amount=found.euro,
                instrument=found.instrument if found.instrument in INSTRUMENT_VALUES else Instrument.OVERIG,
                year_from=years[0] if years else None,
                year_to=years[-1] if len(years) > 1 else None,
                nature=_nature(found.qualifiers),
                purpose=found.sentence,
                text=found.text[:200],
                start=found.start,
                end=found.end,
                mission_id=mission_id,
                budget_year=years[0] if years else letter.year,
                letter_date=letter.date,
            )
        )
    # bulk_create skips BudgetLine.save: the copies from the letter are set above.
    BudgetLine.objects.bulk_create(rows)


def _replace_recommendations(
    letter: Letter, extraction: Extraction, selection: Selection, report: Report | None
) -> None:
    kept = [
        found
        for index, found in enumerate(extraction.recommendations)
        if selection.keeps("recommendations", index)
    ]
    letter.recommendations.update(letter=None)
    for found in kept:
        target_report = report or _report_for(found.report or f"Rapport besproken in: {letter.title}")
        Recommendation.objects.update_or_create(
            report=target_report,
            number=found.number,
            defaults={"text": found.text, "letter": letter},
        )
    Recommendation.objects.filter(letter__isnull=True, response="", response_text="").exclude(
        report__recommendations__letter__isnull=False
    ).delete()


def _fill_dossier_titles(titles: dict[str, str]) -> None:
    """The header names each dossier with its title ("29 521 Nederlandse deelname aan
    vredesmissies"): it becomes the dossier's title where the record has none yet
    (an editor's title is never overwritten)."""
    for number, title in titles.items():
        Dossier.objects.filter(number=number, title="").update(title=title[:300])


# -- re-reading the citations of stored letters ------------------------------------------


@dataclass
class CitationChanges:
    letter: Letter
    removed: list[str]
    added: list[str]


@transaction.atomic
def reanalyse_citations(*, letter: Letter, dry_run: bool = False) -> CitationChanges:
    """Read the citations of a stored letter again from its stored text, with today's
    rules, and replace them (after an improvement of the citation rules: "Kamerstukken
    33 694 en 26 643, nr. 47" is one citation, kst-33694-47, no longer two). Offsets
    stay those of the stored body. Citations an editor unticked at review come back;
    the returned changes say what to check."""
    from letters.ingest.citations import find_citations

    clean = CleanText(
        text=letter.body,
        blocks=[Block(**block) for block in (letter.structure or {}).get("blocks", [])],
        own_key=letter.kamerstuk_key,
    )
    citations, proceedings = find_citations(clean, letter.kamerstuk_key)
    before = {(c.key, c.start) for c in letter.citations.all()}
    after = {(c.key.key, c.start) for c in citations} | {(p.key, p.start) for p in proceedings}
    changes = CitationChanges(
        letter,
        removed=sorted(key for key, _ in before - after),
        added=sorted(key for key, _ in after - before),
    )
    if dry_run or before == after:
        return changes
    extraction = Extraction(clean, Metadata(), citations, proceedings, [], [], [])
    _replace_citations(letter, extraction, Selection())
    search.update_index([letter.pk])
    archive_changed()
    return changes


def sentence_around(
    text: str, start: int, end: int, limit: int = 400, *, sentences: SentenceIndex | None = None
) -> str:
    """The sentence that holds text[start:end] (abbreviation-aware: "nr." does not end
    it), trimmed to ``limit`` characters. ``sentences``: the text's index when the
    caller has it (an extraction does)."""
    index = sentences or sentence_index(text)
    first = index.at(start)
    last = index.at(max(start, end - 1))
    sentence = " ".join(text[first.start : max(last.end, end)].split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence


# -- importing files ------------------------------------------------------------------


def read_overrides(path: Path) -> LetterOverrides | None:
    """A seed or import file may have a ``.json`` sidecar with hand-entered metadata."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return None
    try:
        return LetterOverrides.from_json(json.loads(sidecar.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise ImportRefused(f"De metadata in {sidecar.name} is ongeldig: {error}") from error


def import_letter_text(
    *,
    raw_text: str,
    overrides: LetterOverrides | None = None,
    source_name: str = "",
    missions: list[MissionAlias] | None = None,
    force: bool = False,
) -> ImportResult:
    """Import one letter's text idempotently: the same text changes nothing; a changed
    text updates the letter it was imported as (matched by file name or number)."""
    from letters.ingest.pipeline import extract

    extraction = extract(raw_text, missions if missions is not None else mission_aliases())
    overrides = overrides or LetterOverrides()
    digest = text_hash(raw_text)
    existing = _existing_letter(extraction, overrides, source_name, digest)
    unchanged = existing and existing.text_hash == digest and not _overrides_differ(existing, overrides)
    if unchanged and not force:
        return ImportResult(letter=existing, status="ongewijzigd")
    letter = save_extraction(
        extraction=extraction,
        original_text=raw_text,
        overrides=overrides,
        letter=existing,
        source_name=source_name,
    )
    return ImportResult(
        letter=letter,
        status="bijgewerkt" if existing else "nieuw",
        counts={
            "verwijzingen": len(extraction.citations) + len(extraction.proceedings),
            "bedragen": len(extraction.amounts),
            "missies": len({m.slug for m in extraction.missions}),
            "aanbevelingen": len(extraction.recommendations),
        },
    )


def _existing_letter(
    extraction: Extraction, overrides: LetterOverrides, source_name: str, digest: str
) -> Letter | None:
    key = extraction.metadata.key or extraction.clean.own_key
    dossier = overrides.dossier or (key.dossier if key else None)
    number = overrides.number if overrides.number is not None else (key.number if key else None)
    if dossier and number is not None:
        found = Letter.objects.filter(dossier__number=normalise_dossier(dossier), number=number).first()
        if found:
            return found
    if source_name:
        found = Letter.objects.filter(source_name=source_name).first()
        if found:
            return found
    return Letter.objects.filter(text_hash=digest).first()


def _overrides_differ(letter: Letter, overrides: LetterOverrides) -> bool:
    if overrides.title is not None and overrides.title != letter.title:
        return True
    if overrides.date is not None and overrides.date != letter.date:
        return True
    if overrides.kind is not None and overrides.kind != letter.kind:
        return True
    return False


def import_letter_file(
    path: Path | str, *, missions: list[MissionAlias] | None = None, force: bool = False
) -> ImportResult:
    from letters.ingest.sources import UnreadableSource, read_letter_source

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path}: kan het bestand niet lezen ({error.strerror}).") from error
    try:
        raw_text = read_letter_source(data, filename=path.name)
    except UnreadableSource as error:
        raise ImportRefused(f"{path.name}: {error}") from error
    return import_letter_text(
        raw_text=raw_text,
        overrides=read_overrides(path),
        source_name=path.name,
        missions=missions,
        force=force,
    )
