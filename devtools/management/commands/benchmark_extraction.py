"""``manage.py benchmark_extraction [PATH …] [--runs N]``: time ``extract`` on the
seed letters (or the given files) and print p50/p95 per letter. Missions come from
the reference file, so no database is needed.

Wall-clock time is what a user waits; CPU time (the last column) is what the
pipeline costs, and stays meaningful on a machine busy with other work."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.cold import forget_ingest_caches
from letters.ingest.missions import load_reference_missions
from letters.ingest.pipeline import extract


class Command(BaseCommand):
    help = "Meet hoe lang het inlezen (extract) per brief duurt: mediaan en 95e percentiel."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Brieven (.txt); standaard fixtures/seeds/*.txt."
        )
        parser.add_argument(
            "--runs", type=int, default=50, help="Aantal metingen per brief (standaard 50)."
        )

    def handle(self, *args, **options):
        runs = options["runs"]
        if runs < 1:
            raise CommandError("--runs moet minstens 1 zijn.")
        paths = [Path(p) for p in options["paths"]] or sorted(
            (Path(settings.BASE_DIR) / "fixtures" / "seeds").glob("*.txt")
        )
        missions = load_reference_missions()
        self.stdout.write(
            f"{'brief':<32} {'kB':>6} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8}  ({runs} metingen)"
        )
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: kan het bestand niet lezen ({error}).") from error
            extract(text, missions)  # warm-up: compiled patterns, imports
            timings, cpu = [], []
            for _ in range(runs):
                forget_ingest_caches()  # measure a cold text every time
                started, started_cpu = time.perf_counter(), time.process_time()
                extract(text, missions)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            timings.sort()
            p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
            self.stdout.write(
                f"{path.name:<32} {len(text.encode()) / 1024:>6.1f} "
                f"{statistics.median(timings):>8.1f} {p95:>8.1f} {statistics.median(cpu):>8.1f}"
            )
