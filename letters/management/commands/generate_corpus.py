"""Build a reproducible synthetic archive on whatever DATABASE_URL points at.

The text comes from ``letters.corpus`` (pure Python). This command stores it
through the write path every import uses (``services.write_letters``), a batch of
letters at a time, so memory stays bounded at any corpus size; with ``--jobs``
several forked processes write batches side by side.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries
from django.db.models import Max

from letters.corpus import CorpusGenerator, LetterSpec, MissionInfo, Vocabulary
from letters.corpus.reference import EXTRA_MISSIONS, MINISTERS
from letters.kamerstuk import KamerstukKey
from letters.models import Citation, Dossier, Letter, Mission, MissionAlias, Person, Report
from letters.services import (
    BudgetLineData,
    CitationData,
    LetterGraph,
    MissionLinkData,
    RecommendationData,
    SignatoryData,
    resolve_citations,
    write_letters,
)


class Command(BaseCommand):
    help = (
        "Bouwt een reproduceerbaar synthetisch archief (tekst uit de seed-brieven, dossiers, "
        "verwijzingen, missies, bedragen, aanbevelingen) in de database van DATABASE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--letters", type=int, required=True, help="Aantal brieven")
        parser.add_argument("--seed", type=int, default=1, help="Zelfde seed, zelfde corpus")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Parallelle schrijvers (alleen PostgreSQL; SQLite schrijft altijd met één)",
        )
        parser.add_argument(
            "--seeds-dir",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "seeds"),
            help="Map met de seed-brieven (*.txt)",
        )

    def handle(self, *args, letters, seed, batch_size, jobs, seeds_dir, **options):
        if letters < 1:
            raise CommandError("Geef met --letters een aantal van minstens 1.")
        if batch_size < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.")
        started = time.perf_counter()
        missions = ensure_missions()
        try:
            vocabulary = Vocabulary.from_directory(
                Path(seeds_dir),
                forbidden=[s for m in missions for s in (m.name, *m.spellings())],
                seed=seed,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        generator = CorpusGenerator(
            count=letters,
            seed=seed,
            vocabulary=vocabulary,
            missions=missions,
            existing_dossiers=list(Dossier.objects.values_list("number", "title")),
            taken_numbers=taken_numbers(),
        )
        if Letter.objects.filter(source_name=generator.letter(0).source_name).exists():
            raise CommandError(
                f"Het corpus met seed {seed} staat al in deze database; kies een andere --seed."
            )
        writer = CorpusWriter(generator)
        batches = [(first, min(letters, first + batch_size)) for first in range(0, letters, batch_size)]
        if connection.vendor != "postgresql":
            jobs = 1  # SQLite has one writer at a time
        done = 0
        for counts in _run_batches(writer, batches, jobs):
            writer.add(counts)
            done += counts["letters"]
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{done:>8} / {letters} brieven  ({done / elapsed:,.0f} per seconde)")
        # Each batch resolved its citations; parallel writers cannot see each other's
        # uncommitted letters, so the citations between their batches wait until here.
        resolve_citations()
        resolved = Citation.objects.filter(
            letter__source_name__startswith=f"corpus-{seed}-", target__isnull=False
        ).count()
        analyze()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{letters} brieven, {writer.citations} verwijzingen ({resolved} gekoppeld aan een "
                f"brief in het archief), {writer.mission_links} missievermeldingen, "
                f"{writer.budget_lines} bedragen, {writer.recommendations} aanbevelingen "
                f"in {elapsed:,.0f} s ({letters / elapsed:,.0f} brieven per seconde)."
            )
        )


_WRITER: CorpusWriter | None = None


def _write_batch(bounds: tuple[int, int]) -> dict[str, int]:
    first, last = bounds
    counts = _WRITER.write([_WRITER.generator.letter(i) for i in range(first, last)])
    # With DEBUG on, Django keeps the SQL of the last 9 000 queries: with letter
    # bodies in them that is gigabytes. Keep memory bounded.
    reset_queries()
    return counts


def _start_worker() -> None:
    # A forked worker must not share the parent's database connection.
    for conn in connections.all(initialized_only=True):
        conn.inc_thread_sharing()
        conn.close()
    if connection.vendor == "postgresql":
        # Parameters sent apart from the SQL: with client-side binding psycopg
        # quotes every letter body in Python (bulk_create passes them as
        # arrays), a fifth of the writer's time.
        connection.settings_dict.setdefault("OPTIONS", {})["server_side_binding"] = True
    with connection.cursor() as cursor:
        # A crash loses at most the last batches of a rebuildable corpus.
        cursor.execute("SET synchronous_commit TO off")


def _run_batches(writer: CorpusWriter, batches, jobs: int):
    """Write the batches, in ``jobs`` forked processes when more than one."""
    global _WRITER
    _WRITER = writer
    if jobs <= 1:
        yield from map(_write_batch, batches)
        return
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker) as pool:
        yield from pool.imap_unordered(_write_batch, batches)
    connections.close_all()


def ensure_missions() -> list[MissionInfo]:
    """The archive's missions (reference data plus well-known older ones) with their aliases."""
    Mission.objects.bulk_create(
        [
            Mission(
                slug=slug,
                name=name,
                short_name=short,
                organisation=organisation,
                region=region,
                country=country,
                start_date=start,
                end_date=end,
            )
            for slug, name, short, organisation, region, country, start, end, _ in EXTRA_MISSIONS
        ],
        ignore_conflicts=True,
    )
    ids = dict(Mission.objects.values_list("slug", "id"))
    MissionAlias.objects.bulk_create(
        [
            MissionAlias(mission_id=ids[slug], alias=alias)
            for slug, *_, aliases in EXTRA_MISSIONS
            if slug in ids
            for alias in aliases
        ],
        ignore_conflicts=True,
    )
    aliases: dict[int, list[str]] = {}
    for mission_id, alias in MissionAlias.objects.order_by("id").values_list("mission_id", "alias"):
        aliases.setdefault(mission_id, []).append(alias)
    return [
        MissionInfo(
            slug=m.slug,
            name=m.name,
            short_name=m.short_name,
            aliases=tuple(aliases.get(m.pk, ())),
            first_year=m.start_date.year if m.start_date else None,
            last_year=m.end_date.year if m.end_date else None,
        )
        for m in Mission.objects.order_by("id")
    ]


def taken_numbers() -> dict[str, int]:
    rows = (
        Letter.objects.filter(dossier__isnull=False, number__isnull=False)
        .values("dossier__number")
        .annotate(highest=Max("number"))
    )
    return {row["dossier__number"]: row["highest"] for row in rows}


class CorpusWriter:
    """Stores batches of ``LetterSpec`` through the write path (``services.write_letters``)."""

    def __init__(self, generator: CorpusGenerator):
        self.generator = generator
        # Dossiers and reports with their titles, and the signing ministers, made
        # before any batch: the write path finds them by number, title and name, and
        # parallel writers never wait for each other to create one.
        Dossier.objects.bulk_create(
            [Dossier(number=d.number, title=d.title[:300]) for d in generator.new_dossiers],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Report.objects.bulk_create(
            [Report(title=r.title, author=r.author, year=r.year, slug=r.slug) for r in generator.reports],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Person.objects.bulk_create(
            [Person(name=name) for name in {name for _, name, _, _ in MINISTERS}], ignore_conflicts=True
        )
        self.citations = self.mission_links = self.budget_lines = self.recommendations = 0

    def add(self, counts: dict[str, int]) -> None:
        self.citations += counts["citations"]
        self.mission_links += counts["mission_links"]
        self.budget_lines += counts["budget_lines"]
        self.recommendations += counts["recommendations"]

    def write(self, specs: list[LetterSpec]) -> dict[str, int]:
        graphs = [letter_graph(spec) for spec in specs]
        write_letters(graphs=graphs)
        return {
            "letters": len(graphs),
            "citations": sum(len(g.citations) for g in graphs),
            "mission_links": sum(len(g.mission_links) for g in graphs),
            "budget_lines": sum(len(g.budget_lines) for g in graphs),
            "recommendations": sum(len(g.recommendations) for g in graphs),
        }


def letter_graph(spec: LetterSpec) -> LetterGraph:
    """What the write path stores of a generated letter."""
    key = KamerstukKey(spec.dossier, spec.number) if spec.key else None
    return LetterGraph(
        title=spec.title,
        body=spec.body,
        structure=spec.structure,
        # The generated text is already clean: it is also what was "imported".
        original_text=spec.body,
        dossier=spec.dossier,
        number=spec.number,
        other_dossiers=tuple(spec.other_dossiers),
        date=spec.date,
        vergaderjaar=spec.vergaderjaar,
        kind=spec.kind,
        slug=spec.slug,
        source_url=key.official_url if key else "",
        source_name=spec.source_name,
        signatories=tuple(SignatoryData(s.name, s.function) for s in spec.signatories),
        citations=tuple(
            CitationData(
                kind=c.kind,
                key=c.key,
                dossier=c.dossier,
                number=c.number,
                text=c.text,
                start=c.start,
                end=c.end,
                in_footnote=c.in_footnote,
            )
            for c in spec.citations
        ),
        mission_links=tuple(
            MissionLinkData(m.slug, m.sentence, m.start, m.end, m.decision) for m in spec.missions
        ),
        budget_lines=tuple(
            BudgetLineData(
                amount=a.euro,
                text=a.text,
                start=a.start,
                end=a.end,
                instrument=a.instrument,
                nature=a.nature,
                year_from=a.year_from,
                year_to=a.year_to,
                purpose=a.sentence,
                mission=a.mission_slug,
            )
            for a in spec.amounts
        ),
        recommendations=tuple(
            RecommendationData(spec.report, r.number, r.text, r.response, r.response_text)
            for r in spec.recommendations
        )
        if spec.report
        else (),
    )


def analyze() -> None:
    """Fresh planner statistics: after a bulk load the planner otherwise guesses.
    On PostgreSQL also VACUUM: indexing updated every new row once, leaving a
    dead copy behind, and index-only scans need the visibility map it sets."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
