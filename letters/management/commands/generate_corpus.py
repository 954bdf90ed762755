"""Build a reproducible synthetic archive on whatever DATABASE_URL points at.

The text comes from ``letters.corpus`` (pure Python). This command stores it
through a bulk path that leaves the same state as ``services.save_extraction``
would: letters, signatories and ministries, citations (resolved in bulk against
every letter in the archive afterwards, like ``resolve_waiting_citations``),
mission links, budget lines, reports and recommendations, and the search index
(``letters.search.update_index``). Batches are written one at a time, so memory
stays bounded at any corpus size.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries, transaction
from django.db.models import Exists, Max, OuterRef, Subquery
from simple_history.utils import bulk_create_with_history

from letters import search
from letters.corpus import CorpusGenerator, LetterSpec, MissionInfo, Vocabulary
from letters.corpus.reference import EXTRA_MISSIONS, MINISTERS
from letters.kamerstuk import KamerstukKey
from letters.models import (
    BudgetLine,
    Citation,
    CitationKind,
    Dossier,
    Letter,
    LetterMission,
    Ministry,
    Mission,
    MissionAlias,
    Person,
    Recommendation,
    Report,
    Signatory,
)
from letters.services import MINISTRY_BY_PORTFOLIO, sentence_around, text_hash


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
        resolved = resolve_waiting_citations()
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


def ministry_for_function(function: str, ministry_ids: dict[str, int]) -> int | None:
    """As ``services._ministry_for_function``: the longest portfolio named wins."""
    lowered = function.lower()
    for portfolio, slug in sorted(MINISTRY_BY_PORTFOLIO.items(), key=lambda item: -len(item[0])):
        if portfolio in lowered:
            return ministry_ids.get(slug)
    return None


class CorpusWriter:
    """Stores batches of ``LetterSpec`` with bulk inserts, then indexes them."""

    def __init__(self, generator: CorpusGenerator):
        self.generator = generator
        Dossier.objects.bulk_create(
            [Dossier(number=d.number, title=d.title[:300]) for d in generator.new_dossiers],
            ignore_conflicts=True,
            batch_size=1000,
        )
        self.dossier_ids = dict(Dossier.objects.values_list("number", "id"))
        Report.objects.bulk_create(
            [Report(title=r.title, author=r.author, year=r.year, slug=r.slug) for r in generator.reports],
            ignore_conflicts=True,
            batch_size=1000,
        )
        self.report_ids = dict(
            Report.objects.filter(title__endswith=f"(corpus {generator.seed})").values_list("title", "id")
        )
        Person.objects.bulk_create(
            [Person(name=name) for name in {name for _, name, _, _ in MINISTERS}], ignore_conflicts=True
        )
        self.person_ids = dict(Person.objects.values_list("name", "id"))
        ministry_ids = dict(Ministry.objects.values_list("slug", "id"))
        self.function_ministry = {
            function: ministry_for_function(function, ministry_ids) for function, *_ in MINISTERS
        }
        self.mission_ids = dict(Mission.objects.values_list("slug", "id"))
        self.citations = self.mission_links = self.budget_lines = self.recommendations = 0

    def add(self, counts: dict[str, int]) -> None:
        self.citations += counts["citations"]
        self.mission_links += counts["mission_links"]
        self.budget_lines += counts["budget_lines"]
        self.recommendations += counts["recommendations"]

    @transaction.atomic
    def write(self, specs: list[LetterSpec]) -> dict[str, int]:
        letters = [self._letter(spec) for spec in specs]
        # Through the history too: the save path's Letter.save() records version 1.
        bulk_create_with_history(letters, Letter, batch_size=250)
        other_dossiers, ministries, signatures = [], [], []
        citations, links, amounts, recommendations = [], [], [], []
        for spec, letter in zip(specs, letters, strict=True):
            other_dossiers += [
                Letter.other_dossiers.through(letter_id=letter.pk, dossier_id=self.dossier_ids[number])
                for number in spec.other_dossiers
            ]
            ministry_ids = set()
            for position, signatory in enumerate(spec.signatories):
                ministry_id = self.function_ministry.get(signatory.function)
                if ministry_id:
                    ministry_ids.add(ministry_id)
                signatures.append(
                    Signatory(
                        letter_id=letter.pk,
                        person_id=self.person_ids[signatory.name],
                        function=signatory.function,
                        ministry_id=ministry_id,
                        position=position,
                    )
                )
            ministries += [
                Letter.ministries.through(letter_id=letter.pk, ministry_id=m) for m in sorted(ministry_ids)
            ]
            citations += [
                Citation(
                    letter_id=letter.pk,
                    kind=c.kind,
                    key=c.key,
                    dossier=c.dossier,
                    number=c.number,
                    text=c.text[:500],
                    start=c.start,
                    end=c.end,
                    in_footnote=c.in_footnote,
                    context=sentence_around(spec.body, c.start, c.end),
                    letter_date=letter.date,
                    letter_year=letter.year,
                )
                for c in spec.citations
            ]
            links += [
                LetterMission(
                    letter_id=letter.pk,
                    mission_id=self.mission_ids[m.slug],
                    decision=m.decision,
                    text=m.sentence,
                    start=m.start,
                    end=m.end,
                )
                for m in spec.missions
            ]
            amounts += [
                BudgetLine(
                    letter_id=letter.pk,
                    amount=a.euro,
                    instrument=a.instrument,
                    year_from=a.year_from,
                    year_to=a.year_to,
                    nature=a.nature,
                    purpose=a.sentence,
                    text=a.text[:200],
                    start=a.start,
                    end=a.end,
                    mission_id=self.mission_ids.get(a.mission_slug) if a.mission_slug else None,
                    budget_year=a.year_from if a.year_from is not None else letter.year,
                    letter_date=letter.date,
                )
                for a in spec.amounts
            ]
            if spec.report:
                recommendations += [
                    Recommendation(
                        report_id=self.report_ids[spec.report],
                        number=r.number,
                        text=r.text,
                        response=r.response,
                        response_text=r.response_text,
                        letter_id=letter.pk,
                    )
                    for r in spec.recommendations
                ]
        Letter.other_dossiers.through.objects.bulk_create(other_dossiers, ignore_conflicts=True)
        Letter.ministries.through.objects.bulk_create(ministries)
        Signatory.objects.bulk_create(signatures)
        Citation.objects.bulk_create(citations, batch_size=2000)
        LetterMission.objects.bulk_create(links, batch_size=2000)
        BudgetLine.objects.bulk_create(amounts, batch_size=2000)
        if recommendations:
            bulk_create_with_history(recommendations, Recommendation)
        search.update_index([letter.pk for letter in letters])
        return {
            "letters": len(letters),
            "citations": len(citations),
            "mission_links": len(links),
            "budget_lines": len(amounts),
            "recommendations": len(recommendations),
        }

    def _letter(self, spec: LetterSpec) -> Letter:
        key = KamerstukKey(spec.dossier, spec.number) if spec.key else None
        return Letter(
            dossier_id=self.dossier_ids[spec.dossier] if spec.dossier else None,
            number=spec.number,
            slug=spec.slug,
            title=spec.title[:500],
            date=spec.date,
            year=spec.date.year,
            vergaderjaar=spec.vergaderjaar,
            kind=spec.kind,
            body=spec.body,
            structure=spec.structure,
            # The generated text is already clean: it is also what was "imported".
            original_text=spec.body,
            text_hash=text_hash(spec.body),
            source_url=key.official_url if key else "",
            source_name=spec.source_name,
        )


def resolve_waiting_citations() -> int:
    """Point every unresolved Kamerstuk citation at the archived letter with that
    number (what ``services.resolve_waiting_citations`` does letter by letter)."""
    targets = Letter.objects.filter(
        dossier__number=OuterRef("dossier"), number=OuterRef("number")
    ).exclude(pk=OuterRef("letter_id"))
    return (
        Citation.objects.filter(kind=CitationKind.KAMERSTUK, target__isnull=True)
        .filter(Exists(targets))
        .update(target=Subquery(targets.values("pk")[:1]))
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
