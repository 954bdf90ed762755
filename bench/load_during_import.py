#!/usr/bin/env python3
"""Reads keep working while letters are imported.

Starts gunicorn (2 workers, production settings) on 127.0.0.1 against a database of
its own, imports the seed letters, then lets reader threads request a mix of public
pages for ``--seconds`` while ``manage.py import_letters`` imports ``--letters``
generated letters. Prints requests/s, latency percentiles and every failed request,
then checks that each generated letter is in the database exactly once and that the
search finds them.

    .venv/bin/python bench/load_during_import.py                 # temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive \\
        .venv/bin/python bench/load_during_import.py            # database archive_loadtest

``tests/test_load_during_import.py`` runs the same and asserts on the outcome.
Only 127.0.0.1 is ever requested. Standard library only (plus psycopg for PostgreSQL).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SEEDS = ROOT / "fixtures" / "seeds"

# Its own name per checkout when several test runs share one PostgreSQL server.
LOADTEST_DATABASE = os.environ.get("LOADTEST_DATABASE", "archive_loadtest")
DOSSIER = "33694"
FIRST_NUMBER = 5001  # far above the real Kamerstukken of dossier 33 694
COMMON_MARKER = "laadproefbrief"  # in every generated letter


def marker(n: int) -> str:
    """A word only letter ``n`` contains (one token, its own stem)."""
    return f"laadproef{n:03d}"


def number(n: int) -> int:
    return FIRST_NUMBER + n


# -- the letters ------------------------------------------------------------------------


def _seed_paragraphs() -> list[str]:
    """Running text from the real letters: paragraphs without page furniture."""
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = paragraph.strip()
            if 200 <= len(text) <= 1500 and "kst-" not in text and "ISSN" not in text:
                paragraphs.append(text)
    return paragraphs


def write_letters(directory: Path, count: int) -> list[int]:
    """``count`` letters of dossier 33 694 (numbers FIRST_NUMBER…), each a few seed
    paragraphs around its own marker word, with a ``.json`` sidecar (title, date,
    kind) as editors write them. Returns the Kamerstuk numbers."""
    paragraphs = _seed_paragraphs()
    numbers = []
    for n in range(count):
        rng = random.Random(n)  # the same letters on every run
        nr = number(n)
        year = 2016 + n % 8
        body = "\n\n".join(
            [
                f"Hierbij informeer ik uw Kamer, in brief {marker(n)} van de {COMMON_MARKER}reeks "
                f"en als {COMMON_MARKER}, over de stand van zaken.",
                *rng.sample(paragraphs, k=3),
            ]
        )
        text = (
            f"{body}\n\n"
            f"kst-{DOSSIER}-{nr}\n"
            "ISSN 0921 - 7371\n"
            f"’s-Gravenhage {year} Tweede Kamer, vergaderjaar {year - 1}–{year}, 33 694, nr. {nr} 1\n"
        )
        name = f"laadproef_{n:03d}"
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
        sidecar = {
            "title": f"Laadproef {n + 1}: stand van zaken internationale veiligheid",
            "date": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "kind": "beleidsbrief",
        }
        (directory / f"{name}.json").write_text(json.dumps(sidecar), encoding="utf-8")
        numbers.append(nr)
    return numbers


# -- the database and the server -----------------------------------------------------------


def _postgres_admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def loadtest_database(base_url: str, workdir: Path):
    """A fresh database: a SQLite file in ``workdir``, or, when ``base_url`` names a
    PostgreSQL server, database ``archive_loadtest`` there (dropped afterwards)."""
    if not base_url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{workdir / 'loadtest.sqlite3'}"
        return
    import psycopg

    admin = _postgres_admin_url(base_url)

    def execute(sql: str) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql)

    execute(f"DROP DATABASE IF EXISTS {LOADTEST_DATABASE} WITH (FORCE)")
    execute(f"CREATE DATABASE {LOADTEST_DATABASE}")
    try:
        yield _with_database(base_url, LOADTEST_DATABASE)
    finally:
        execute(f"DROP DATABASE IF EXISTS {LOADTEST_DATABASE} WITH (FORCE)")


def server_env(database_url: str) -> dict:
    """Production settings, except for static files: without ``collectstatic`` the
    hashed-name storage cannot render a page, so ``archive.settings_bench`` (production
    settings with plain static storage) is used."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "GUNICORN_", "TEST_DATABASE"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="loadtest-" + "k7Q!x" * 10,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="archive.settings_bench",
        PAGE_CACHE_ENABLED="1",
        LOG_LEVEL="WARNING",
        REDIS_URL="",
    )
    env.pop("DATABASE_REPLICA_URL", None)
    return env


def manage(env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, log_path: Path, workers: int = 2, while_starting=lambda: None):
    """gunicorn on a free port of 127.0.0.1; yields the base URL once /healthz answers
    (and ``while_starting``, run meanwhile, is done)."""
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "archive.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            while_starting()
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn stopped at start; see {log_path}")
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer /healthz; see {log_path}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- the readers -----------------------------------------------------------------------------


@dataclass
class Result:
    path: str
    status: int  # 0: no HTTP answer (connection error, timeout)
    seconds: float
    error: str = ""


@dataclass
class Load:
    results: list[Result] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def failures(self) -> list[Result]:
        """No answer, a server error, or a status the page should never give (404 is
        expected only for a generated letter that is not imported yet)."""
        return [
            r
            for r in self.results
            if r.status == 0
            or r.status >= 500
            or (r.status != 200 and not (r.status == 404 and "/kamerstuk/" in r.path))
        ]

    @property
    def per_second(self) -> float:
        return len(self.results) / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction: float) -> float:
        times = sorted(r.seconds for r in self.results)
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(fraction * len(times)))]

    def summary(self) -> str:
        statuses = Counter(r.status for r in self.results)
        return (
            f"{len(self.results)} requests in {self.elapsed:.1f} s = {self.per_second:.1f}/s; "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms, "
            f"max {self.percentile(1.0) * 1000:.0f} ms; statuses {dict(sorted(statuses.items()))}; "
            f"{len(self.failures)} failed"
        )


READ_PATHS = [
    "/",
    "/brieven/",
    "/brieven/?q=missie",
    "/brieven/?q=veiligheid+OR+defensie&sorteer=nieuwste",
    f"/brieven/?q={COMMON_MARKER}",
    f"/brieven/?dossier={DOSSIER}&page=2",
    "/missies/",
    "/missies/minusma/",
    "/begroting/",
    "/aanbevelingen/",
    f"/dossiers/{DOSSIER}/",
    "/kamerstuk/33694/9/",
    "/kamerstuk/29521/226/",
    "/feeds/brieven/",
    f"/feeds/zoeken/?q={COMMON_MARKER}",
    "/sitemap.xml",
    "/healthz",
]
# The API counts requests per address (120 a minute); the readers stay well below.
API_PATHS = [f"/api/letters/?q={COMMON_MARKER}", "/api/missions/", "/api/dossiers/"]
API_INTERVAL = 1.5


def _get(base: str, path: str, timeout: float = 15) -> Result:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            response.read()
            status = response.status
        error = ""
    except urllib.error.HTTPError as http_error:
        http_error.read()
        status, error = http_error.code, ""
    except (OSError, urllib.error.URLError) as other:
        status, error = 0, repr(other)
    return Result(path, status, time.monotonic() - started, error)


def read_pages(
    base: str,
    seconds: float,
    *,
    threads: int = 4,
    numbers: list[int] = (),
    max_requests: int = 20_000,
) -> Load:
    """Reader threads request a mix of pages (and, now and then, a generated letter
    and the API) until ``seconds`` have passed (or each has made ``max_requests``)."""
    assert urlsplit(base).hostname == "127.0.0.1", "the load generator only targets 127.0.0.1"
    load = Load()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    next_api = [time.monotonic()]

    def reader(index: int) -> None:
        rng = random.Random(index)
        mine: list[Result] = []
        while time.monotonic() < deadline and len(mine) < max_requests:
            path = rng.choice(READ_PATHS)
            if numbers and rng.random() < 0.2:
                path = f"/kamerstuk/{DOSSIER}/{rng.choice(numbers)}/"
            with lock:
                if time.monotonic() >= next_api[0]:
                    next_api[0] = time.monotonic() + API_INTERVAL
                    path = rng.choice(API_PATHS)
            mine.append(_get(base, path))
        with lock:
            load.results.extend(mine)

    started = time.monotonic()
    workers = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 30)
    load.elapsed = time.monotonic() - started
    return load


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Search:
    """What the site's search says once the import is done."""

    total: int | None  # letters /brieven/?q=<common marker> reports
    api_numbers: list[int]  # Kamerstuk numbers /api/letters/?q=<common marker> lists
    by_marker: dict[int, bool]  # a sample: does /brieven/?q=<marker n> find letter n?


def _read(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.read().decode()


def check_search(base: str, count: int, sample: int = 12) -> Search:
    html = _read(base, f"/brieven/?q={COMMON_MARKER}")
    heading = re.search(r'<h2 id="resultaten-kop">(\d+) brie', html)
    api_numbers, path = [], f"/api/letters/?q={COMMON_MARKER}&page_size=100"
    while path:
        page = json.loads(_read(base, path))
        api_numbers += [item["number"] for item in page["results"]]
        path = (
            urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
            if page.get("next")
            else ""
        )
    rng = random.Random(0)
    chosen = sorted({0, count - 1, *rng.sample(range(count), k=min(sample, count))})
    by_marker = {
        n: f'href="/kamerstuk/{DOSSIER}/{number(n)}/"' in _read(base, f"/brieven/?q={marker(n)}")
        for n in chosen
    }
    return Search(int(heading.group(1)) if heading else None, sorted(api_numbers), by_marker)


@dataclass
class Outcome:
    setup_seconds: float  # letters written, database migrated and seeded, server up
    load: Load
    import_seconds: float
    import_returncode: int
    import_output: str
    numbers: list[int]
    found_numbers: list[int]  # Kamerstuk numbers of the letters holding the common marker
    letter_count: int
    search: Search
    server_log: str


def count_letters(database_url: str) -> tuple[list[int], int]:
    """Straight from the database: the Kamerstuk numbers of the letters holding the
    common marker (a number twice if a letter was saved twice), and all letters."""
    numbers_sql = "SELECT number FROM letters_letter WHERE body LIKE '%%' || %s || '%%'"
    total_sql = "SELECT COUNT(*) FROM letters_letter"
    if database_url.startswith("sqlite:///"):
        import sqlite3

        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        try:
            numbers_sql = numbers_sql.replace("%%", "%").replace("%s", "?")
            numbers = [row[0] for row in connection.execute(numbers_sql, (COMMON_MARKER,))]
            total = connection.execute(total_sql).fetchone()[0]
        finally:
            connection.close()
    else:
        import psycopg

        with psycopg.connect(database_url) as connection:
            numbers = [row[0] for row in connection.execute(numbers_sql, (COMMON_MARKER,))]
            total = connection.execute(total_sql).fetchone()[0]
    return sorted(numbers), total


def run(
    *,
    letters: int = 200,
    seconds: float = 60,
    threads: int = 4,
    import_after: float = 3,
    database_url: str | None = None,
    workdir: Path | None = None,
) -> Outcome:
    database_url = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
    begun = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        work = workdir or Path(tmp)
        letter_dir = work / "brieven"
        letter_dir.mkdir(exist_ok=True)
        numbers = write_letters(letter_dir, letters)
        with loadtest_database(database_url, work) as url:
            env = server_env(url)

            def manage_or_fail(*args: str) -> None:
                done = manage(env, *args)
                if done.returncode:
                    raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")

            manage_or_fail("migrate", "--noinput")
            log_path = work / "gunicorn.log"
            seed = lambda: manage_or_fail("import_letters", str(SEEDS))  # noqa: E731
            with gunicorn(env, log_path, while_starting=seed) as base:
                setup_seconds = time.monotonic() - begun
                box: dict = {}

                def load_in_background() -> None:
                    box["load"] = read_pages(base, seconds, threads=threads, numbers=numbers)

                reading = threading.Thread(target=load_in_background)
                reading.start()
                time.sleep(import_after)
                started = time.monotonic()
                imported = manage(env, "import_letters", str(letter_dir), timeout=seconds + 60)
                import_seconds = time.monotonic() - started
                reading.join()
                found, total = count_letters(url)
                search = check_search(base, letters)
                server_log = log_path.read_text(errors="replace")
            return Outcome(
                setup_seconds=setup_seconds,
                load=box["load"],
                import_seconds=import_seconds,
                import_returncode=imported.returncode,
                import_output=imported.stdout + imported.stderr,
                numbers=numbers,
                found_numbers=found,
                letter_count=total,
                search=search,
                server_log=server_log,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()
    outcome = run(letters=options.letters, seconds=options.seconds, threads=options.threads)
    print(f"setup {outcome.setup_seconds:.1f} s")
    print(outcome.load.summary())
    print(
        f"import of {options.letters} letters: {outcome.import_seconds:.1f} s, "
        f"exit code {outcome.import_returncode}"
    )
    for failure in outcome.load.failures[:20]:
        print("FAILED", failure)
    duplicates = [n for n, c in Counter(outcome.found_numbers).items() if c > 1]
    missing = sorted(set(outcome.numbers) - set(outcome.found_numbers))
    print(
        f"letters: {len(outcome.found_numbers)} generated found, missing {missing}, "
        f"duplicated {duplicates}"
    )
    search = outcome.search
    print(
        f"search: /brieven/ reports {search.total}, the API lists {len(search.api_numbers)}, "
        f"sample by marker {sum(search.by_marker.values())}/{len(search.by_marker)}"
    )
    ok = not outcome.load.failures and not missing and not duplicates
    ok = ok and search.total == options.letters and search.api_numbers == outcome.numbers
    ok = ok and all(search.by_marker.values())
    ok = ok and outcome.import_returncode == 0
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
