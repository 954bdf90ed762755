"""``write_letters``: the one function that writes letters and what hangs off them.

One letter or a batch of thousands, in one transaction: related rows are looked up
or created by natural key once per batch and inserted with ``bulk_create``, so the
corpus generator writes through here as fast as it did with a path of its own.
Ends with ``after_write`` for every letter written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from letters.ingest.sentences import sentence_index
from letters.kamerstuk import normalise_dossier
from letters.models import (
    BudgetLine,
    Citation,
    CitationKind,
    Dossier,
    Letter,
    LetterMission,
    Ministry,
    Mission,
    Person,
    Signatory,
)
from letters.services.after_write import _db, after_write, budget_line_copies, citation_copies
from letters.services.graph import CitationData, LetterGraph
from letters.services.recommendations import write_recommendations
from letters.services.text import clean_instance, clean_text, text_hash, unique_slug

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
_LONGEST_FIRST = sorted(MINISTRY_BY_PORTFOLIO.items(), key=lambda item: -len(item[0]))


def ministry_for_function(function: str) -> str | None:
    """The slug of the ministry a signatory's function names; the longest portfolio
    named wins ("Buitenlandse Handel en Ontwikkelingssamenwerking" over "Buitenlandse Zaken")."""
    lowered = function.lower()
    return next((slug for portfolio, slug in _LONGEST_FIRST if portfolio in lowered), None)


def write_letters(*, graphs: Sequence[LetterGraph]) -> list[Letter]:
    """Write each graph: a new letter, or (``replaces``) a new version of an existing
    one whose related rows are replaced. Returns the letters, in the graphs' order."""
    if not graphs:
        return []
    with transaction.atomic(using=_db()):
        keys = _Keys(graphs)
        letters = _write_letter_rows(graphs, keys)
        replaced = [graph.replaces for graph in graphs if graph.replaces is not None]
        _delete_related(replaced)
        _write_related(graphs, letters, keys)
        write_recommendations(graphs, letters, detached_from=replaced)
        after_write(letter_ids=[letter.pk for letter in letters])
    return letters


class _Keys:
    """Database ids of the rows the graphs name by natural key, created when missing
    (dossiers, people); ministries and missions must exist."""

    def __init__(self, graphs: Sequence[LetterGraph]):
        db = _db()
        numbers = {
            normalise_dossier(number)
            for graph in graphs
            for number in (graph.dossier, *graph.other_dossiers)
            if number
        }
        self.dossiers = _ids_creating(Dossier, "number", numbers)
        _fill_dossier_titles(graphs)
        names = {clean_text(s.name.strip()) for graph in graphs for s in graph.signatories}
        self.people = _ids_creating(Person, "name", names)
        self.missions = dict(Mission.objects.using(db).values_list("slug", "id"))
        ministries = dict(Ministry.objects.using(db).values_list("slug", "id"))
        functions = {s.function for graph in graphs for s in graph.signatories}
        self.ministry_of = {f: ministries.get(ministry_for_function(f) or "") for f in functions}

    def dossier(self, number: str | None) -> int | None:
        return self.dossiers[normalise_dossier(number)] if number else None


def _fill_dossier_titles(graphs: Sequence[LetterGraph]) -> None:
    """A dossier without a title takes the one a letter's header gives it; a title
    an editor entered is never overwritten."""
    titles = {
        normalise_dossier(number): clean_text(title.strip())[:300]
        for graph in graphs
        for number, title in graph.dossier_titles.items()
        if title.strip()
    }
    for number, title in titles.items():
        Dossier.objects.using(_db()).filter(number=number, title="").update(title=title)


def _ids_creating(model, field: str, values: Iterable[str]) -> dict[str, int]:
    values = set(values)
    if not values:
        return {}
    manager = model.objects.using(_db())
    found = dict(manager.filter(**{f"{field}__in": values}).values_list(field, "id"))
    missing = values - set(found)
    if missing:
        manager.bulk_create([model(**{field: value}) for value in missing], ignore_conflicts=True)
        found = dict(manager.filter(**{f"{field}__in": values}).values_list(field, "id"))
    return found


# -- letters ---------------------------------------------------------------------


def _write_letter_rows(graphs: Sequence[LetterGraph], keys: _Keys) -> list[Letter]:
    db = _db()
    existing = Letter.objects.using(db).in_bulk([g.replaces for g in graphs if g.replaces])
    taken_slugs: set[str] = set()
    letters, new = [], []
    for graph in graphs:
        letter = existing[graph.replaces] if graph.replaces is not None else Letter()
        _fill_letter(letter, graph, keys)
        if not letter.slug:
            letter.slug = unique_slug(Letter, letter.title, fallback="brief", taken=taken_slugs)
        taken_slugs.add(letter.slug)
        # Field and letter rules; the database keeps the constraints. The dossier
        # exists (``_Keys``): checking it again would cost a query per letter.
        letter.full_clean(
            exclude=["slug", "dossier"], validate_unique=False, validate_constraints=False
        )
        if letter.pk:
            letter.version += 1
            letter.save(using=db)  # one history row each; re-imports are few
        else:
            new.append(letter)
        letters.append(letter)
    # Through the history too: a new letter starts with its version 1 recorded.
    if new:
        bulk_create_with_history(new, Letter, batch_size=250)
    return letters


def _fill_letter(letter: Letter, graph: LetterGraph, keys: _Keys) -> None:
    letter.title = graph.title[:500]
    letter.dossier_id = keys.dossier(graph.dossier)
    letter.number = graph.number if letter.dossier_id else None
    letter.date = graph.date
    letter.year = graph.year or (graph.date.year if graph.date else None)
    letter.vergaderjaar = graph.vergaderjaar
    letter.kind = graph.kind
    letter.body = graph.body
    letter.structure = graph.structure
    letter.original_text = graph.original_text
    # Of the text as given, so that importing the same text again is recognised.
    letter.text_hash = text_hash(graph.original_text)
    if graph.source_url is not None or not letter.pk:
        letter.source_url = graph.source_url or ""
    if graph.source_name or not letter.pk:
        letter.source_name = graph.source_name[:255]
    if graph.slug and not letter.pk:
        letter.slug = graph.slug
    clean_instance(letter)


# -- related rows ----------------------------------------------------------------


def _delete_related(letter_ids: list[int]) -> None:
    if not letter_ids:
        return
    db = _db()
    # Through the ORM, not raw SQL: the history records the deleted citations and amounts.
    for model in (Signatory, Citation, LetterMission, BudgetLine):
        model.objects.using(db).filter(letter_id__in=letter_ids).delete()
    for through in (Letter.other_dossiers.through, Letter.ministries.through):
        through.objects.using(db).filter(letter_id__in=letter_ids).delete()


def _write_related(graphs: Sequence[LetterGraph], letters: list[Letter], keys: _Keys) -> None:
    rows: dict[type, list] = {
        Letter.other_dossiers.through: [],
        Letter.ministries.through: [],
        Signatory: [],
        Citation: [],
        LetterMission: [],
        BudgetLine: [],
    }
    for graph, letter in zip(graphs, letters, strict=True):
        rows[Letter.other_dossiers.through] += [
            Letter.other_dossiers.through(letter_id=letter.pk, dossier_id=dossier_id)
            for dossier_id in dict.fromkeys(keys.dossier(d) for d in graph.other_dossiers)
            if dossier_id != letter.dossier_id
        ]
        signatures = _signatures(graph, letter, keys)
        rows[Signatory] += signatures
        rows[Letter.ministries.through] += [
            Letter.ministries.through(letter_id=letter.pk, ministry_id=ministry_id)
            for ministry_id in sorted({s.ministry_id for s in signatures if s.ministry_id})
        ]
        own = f"{normalise_dossier(graph.dossier)}-{letter.number}" if letter.number is not None else None
        rows[Citation] += citation_rows(graph.citations, letter, own_key=own)
        rows[LetterMission] += _mission_links(graph, letter, keys)
        rows[BudgetLine] += _budget_lines(graph, letter, keys)
    for model, batch in rows.items():
        for row in batch:
            clean_instance(row)
        model.objects.using(_db()).bulk_create(batch, batch_size=2000)


def _signatures(graph: LetterGraph, letter: Letter, keys: _Keys) -> list[Signatory]:
    signatures: dict[int, Signatory] = {}
    for position, signatory in enumerate(graph.signatories):
        person_id = keys.people[clean_text(signatory.name.strip())]
        # A person signs a letter once: the first function given is kept.
        signatures.setdefault(
            person_id,
            Signatory(
                letter_id=letter.pk,
                person_id=person_id,
                function=signatory.function.strip(),
                ministry_id=keys.ministry_of[signatory.function],
                position=position,
            ),
        )
    return list(signatures.values())


def replace_citations(*, letter: Letter, citations: Sequence[CitationData]) -> None:
    """Replace a letter's citations, and nothing else of it (citations read again
    with improved rules); ends with ``after_write``."""
    with transaction.atomic(using=_db()):
        Citation.objects.using(_db()).filter(letter_id=letter.pk).delete()
        key = letter.kamerstuk_key
        rows = citation_rows(citations, letter, own_key=key.key if key else None)
        for row in rows:
            clean_instance(row)
        Citation.objects.using(_db()).bulk_create(rows, batch_size=2000)
        after_write(letter_ids=[letter.pk])


def citation_rows(
    citations: Iterable[CitationData], letter: Letter, *, own_key: str | None
) -> list[Citation]:
    """Unsaved ``Citation`` rows of ``letter``: one per place, never its own number
    (``own_key``, "33694-12")."""
    rows, seen = [], set()
    for found in citations:
        place = (found.key, found.start)
        # A letter does not cite its own number; one citation per place.
        if place in seen or (found.kind == CitationKind.KAMERSTUK and found.key == own_key):
            continue
        seen.add(place)
        rows.append(
            Citation(
                letter_id=letter.pk,
                kind=found.kind,
                key=found.key,
                dossier=found.dossier,
                number=found.number,
                text=found.text[:500],
                start=found.start,
                end=found.end,
                in_footnote=found.in_footnote,
                context=(
                    found.context
                    if found.context is not None
                    else sentence_around(letter.body, found.start, found.end)
                ),
                **citation_copies(letter.date, letter.year),
            )
        )
    return rows


def _mission_links(graph: LetterGraph, letter: Letter, keys: _Keys) -> list[LetterMission]:
    rows, seen = [], set()
    for found in graph.mission_links:
        mission_id = keys.missions.get(found.mission)
        if mission_id is None or (found.mission, found.start) in seen:
            continue
        seen.add((found.mission, found.start))
        rows.append(
            LetterMission(
                letter_id=letter.pk,
                mission_id=mission_id,
                decision=found.decision or "",
                text=found.text,
                start=found.start,
                end=found.end,
            )
        )
    return rows


def _budget_lines(graph: LetterGraph, letter: Letter, keys: _Keys) -> list[BudgetLine]:
    return [
        BudgetLine(
            letter_id=letter.pk,
            amount=line.amount,
            instrument=line.instrument,
            year_from=line.year_from,
            year_to=line.year_to,
            nature=line.nature,
            purpose=line.purpose,
            text=line.text[:200],
            start=line.start,
            end=line.end,
            mission_id=keys.missions.get(line.mission) if line.mission else None,
            **budget_line_copies(letter.date, letter.year, line.year_from),
        )
        for line in graph.budget_lines
    ]


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence that holds text[start:end] (abbreviation-aware: "nr." does not end
    it), trimmed to ``limit`` characters."""
    index = sentence_index(text)
    first = index.at(start)
    last = index.at(max(start, end - 1))
    sentence = " ".join(text[first.start : max(last.end, end)].split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence

