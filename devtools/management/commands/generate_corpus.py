"""Build a reproducible synthetic archive on whatever DATABASE_URL points at.

The text comes from ``devtools.corpus`` (pure Python). This command stores it
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

from devtools.corpus import CorpusGenerator, Vocabulary
from devtools.corpus_writer import CorpusWriter, ensure_missions, taken_numbers
from letters.models import Citation, Dossier, Letter
from letters.services import resolve_citations


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
        # quotes every letter body in Python (bulk_create passes them as arrays).
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


def analyze() -> None:
    """Fresh planner statistics: after a bulk load the planner otherwise guesses.
    On PostgreSQL also VACUUM: indexing updated every new row once, leaving a
    dead copy behind, and index-only scans need the visibility map it sets."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
