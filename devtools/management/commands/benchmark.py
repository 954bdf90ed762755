"""``manage.py benchmark``: p50/p95 latency and SQL queries of the heaviest public
pages, measured in-process with Django's test ``Client`` (the app and the
database, not the network), plus the throughput of ``import_letters``.

The pages are chosen from the data: the most cited letter, the most cited
Kamerstuk that is not in the archive, the mission with the most letters. Run it
on a corpus built with ``generate_corpus``; see docs/performance.md.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from letters.models import Citation, CitationKind, Letter, LetterMission

SEARCH_QUERIES = ("veiligheid", "bijdrage missie", '"internationale veiligheid"', "NAVO", "kabinet -Mali")
# p95 targets in ms at 100 000 letters (docs/performance.md); search on SQLite: 300.
TARGETS = {"search": 150, "facets": 80, "letter": 40, "cited": 80, "mission": 80}


@dataclass
class PageResult:
    page: str
    label: str
    url: str
    requests: int
    p50_ms: float
    p95_ms: float
    queries: int
    errors: int
    target_ms: int | None


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Meet p50/p95 en het aantal SQL-queries van de zwaarste pagina's en de snelheid van "
        "import_letters, op de database van DATABASE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Metingen per pagina")
        parser.add_argument("--warmup", type=int, default=5, help="Verzoeken vooraf, niet gemeten")
        parser.add_argument(
            "--import-letters",
            type=int,
            default=20,
            help="Aantal brieven voor de import_letters-meting (0 slaat haar over); "
            "alles wordt teruggedraaid",
        )
        parser.add_argument("--json", dest="json_path", help="Schrijf de uitkomsten ook als JSON")
        parser.add_argument(
            "--pages",
            default="",
            help="Alleen deze pagina's, met komma's: search,facets,letter,cited,mission,budget",
        )

    def handle(self, *args, requests, warmup, import_letters, json_path, pages, **options):
        if requests < 1 or warmup < 0 or import_letters < 0:
            raise CommandError("--requests moet minstens 1 zijn; --warmup en --import-letters niet negatief.")
        total = Letter.objects.count()
        if total == 0:
            raise CommandError("De database bevat geen brieven: bouw eerst een corpus met generate_corpus.")
        vendor = connection.vendor
        targets = dict(TARGETS)
        if vendor == "sqlite":
            targets["search"] = 300
        wanted = {name.strip() for name in pages.split(",") if name.strip()}
        pages = [page for page in choose_pages() if not wanted or page[0] in wanted]
        if wanted and not pages:
            raise CommandError(f"Onbekende pagina's: {', '.join(sorted(wanted))}.")
        client = Client()
        results = []
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            for page, label, urls in pages:
                results.append(
                    measure(client, page, label, urls, requests, warmup, targets.get(page))
                )
        imported = measure_import(import_letters) if import_letters else None

        self.stdout.write(
            f"Database: {vendor} ({connection.settings_dict['NAME']}), {total:,} brieven, "
            f"{Citation.objects.count():,} verwijzingen; {requests} metingen per pagina na {warmup} "
            f"opwarmverzoeken; DEBUG={settings.DEBUG}."
        )
        self.stdout.write(
            f"{'pagina':<28} {'p50 ms':>8} {'p95 ms':>8} {'doel':>6} {'queries':>8} {'fouten':>7}  url"
        )
        for r in results:
            target = f"{r.target_ms}" if r.target_ms else "-"
            flag = " !" if r.target_ms and r.p95_ms > r.target_ms else ""
            self.stdout.write(
                f"{r.label:<28} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {target:>6} {r.queries:>8} "
                f"{r.errors:>7}  {r.url}{flag}"
            )
        if imported:
            self.stdout.write(
                f"import_letters: {imported['letters']} brieven ({imported['megabytes']:.1f} MB) in "
                f"{imported['seconds']:.1f} s = {imported['letters_per_second']:.1f} brieven/s "
                f"(inclusief zoekindex; teruggedraaid)"
            )
        if json_path:
            Path(json_path).write_text(
                json.dumps(
                    {
                        "vendor": vendor,
                        "letters": total,
                        "requests": requests,
                        "pages": [asdict(r) for r in results],
                        "import": imported,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
        if any(r.errors for r in results):
            raise CommandError("Sommige verzoeken gaven geen 200 OK (zie de kolom fouten).")


def choose_pages() -> list[tuple[str, str, list[str]]]:
    """(page, label, URLs to cycle through), picked as the heaviest cases in the data."""
    pages = [("search", "zoeken + facetten", [f"/brieven/?{urlencode({'q': q})}" for q in SEARCH_QUERIES])]
    top_mission = (
        LetterMission.objects.values("mission__slug")
        .annotate(n=Count("letter_id", distinct=True))
        .order_by("-n", "mission__slug")
        .first()
    )
    if top_mission:
        slug = top_mission["mission__slug"]
        year = (
            Letter.objects.filter(mission_links__mission__slug=slug, year__isnull=False)
            .values("year")
            .annotate(n=Count("id", distinct=True))
            .order_by("-n", "-year")
            .first()
        )
        facet_url = f"/brieven/?missie={slug}" + (f"&jaar={year['year']}" if year else "")
        pages.append(("facets", "facetten (missie + jaar)", [facet_url]))
    cited = (
        Citation.objects.filter(target__isnull=False)
        .values("target_id")
        .annotate(n=Count("id"))
        .order_by("-n", "target_id")
        .first()
    )
    if cited:
        letter = Letter.objects.select_related("dossier").get(pk=cited["target_id"])
        pages.append(("letter", f"brief ({cited['n']}× geciteerd)", [letter.get_absolute_url()]))
    unresolved = (
        Citation.objects.filter(kind=CitationKind.KAMERSTUK, target__isnull=True)
        .values("dossier", "number")
        .annotate(n=Count("id"))
        .order_by("-n", "dossier", "number")
        .first()
    )
    if unresolved:
        url = f"/kamerstuk/{unresolved['dossier']}/{unresolved['number']}/"
        pages.append(("cited", f"verwijspagina ({unresolved['n']}×)", [url]))
    if top_mission:
        pages.append(
            ("mission", f"missie ({top_mission['n']} brieven)", [f"/missies/{top_mission['mission__slug']}/"])
        )
    pages.append(("budget", "begroting + grafiek", ["/begroting/"]))
    return pages


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(client: Client, page: str, label: str, urls: list[str], requests: int, warmup: int, target):
    for n in range(warmup):
        client.get(urls[n % len(urls)], secure=True)
    timings, errors = [], 0
    for n in range(requests):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)], secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        errors += response.status_code != 200
    # Counted on a separate request: capturing SQL costs time of its own.
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0], secure=True)
    return PageResult(
        page=page,
        label=label,
        url=urls[0],
        requests=requests,
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=len(captured),
        errors=errors,
        target_ms=target,
    )


def measure_import(count: int) -> dict:
    """Import ``count`` new synthetic letters through ``import_letters`` and index them,
    inside a transaction that is rolled back: the archive is left as it was."""
    from devtools.corpus import CorpusGenerator, Vocabulary
    from devtools.corpus_writer import ensure_missions

    result = {}
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory() as directory:
            missions = ensure_missions()
            vocabulary = Vocabulary.from_directory(
                Path(settings.BASE_DIR) / "fixtures" / "seeds",
                forbidden=[s for m in missions for s in (m.name, *m.spellings())],
            )
            generator = CorpusGenerator(
                count=count, seed=999_999, vocabulary=vocabulary, missions=missions
            )
            size = 0
            for i in range(count):
                body = generator.letter(i).body
                size += len(body.encode("utf-8"))
                Path(directory, f"benchmark-import-{i:04d}.txt").write_text(body, encoding="utf-8")
            started = time.perf_counter()
            # The write path indexes each letter in its own transaction: counted here.
            call_command("import_letters", directory, stdout=_Null(), stderr=_Null())
            seconds = time.perf_counter() - started
            result = {
                "letters": count,
                "megabytes": size / 1e6,
                "seconds": seconds,
                "letters_per_second": count / seconds,
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
