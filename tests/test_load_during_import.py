"""Reads survive a concurrent import: real HTTP against gunicorn (2 workers,
production settings) while ``manage.py import_letters`` imports 200 letters.

The database is the test's own: a temporary SQLite file, or, when the suite runs on
PostgreSQL (``DATABASE_URL=postgres://…``), a fresh database ``archive_loadtest`` on
that server, dropped afterwards. The engine is ``bench/load_during_import.py``, which
also runs on its own and prints the same figures. About 70 s.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

from bench.load_during_import import run

pytestmark = pytest.mark.slow  # about 70 s: a load run

LETTERS = 200
SECONDS = 60


@pytest.fixture(scope="module")
def outcome(request):
    database_url = os.environ.get("DATABASE_URL", "")
    result = run(letters=LETTERS, seconds=SECONDS, database_url=database_url)
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    figures = (
        f"load during import [{database}]: {result.load.summary()}; "
        f"import of {LETTERS} letters {result.import_seconds:.1f} s; setup {result.setup_seconds:.1f} s"
    )
    # In the test output even when it passes (requests/s and p95 are what we report).
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("\n" + figures)
    print(figures)
    return result


def test_no_request_failed_while_importing(outcome):
    load = outcome.load
    assert load.elapsed >= SECONDS
    assert len(load.results) > 10 * SECONDS, "the readers hardly read: " + load.summary()
    assert not load.failures, (
        "\n".join(f"{r.status or 'no answer'} {r.path} {r.error}" for r in load.failures[:20])
        + "\n"
        + load.summary()
        + "\n"
        + outcome.server_log[-3000:]
    )


def test_the_readers_saw_the_import_happen(outcome):
    """The generated letters' pages went from 404 to 200 during the run."""
    statuses = Counter(
        r.status for r in outcome.load.results if r.path.startswith("/kamerstuk/33694/5")
    )
    assert statuses[200] and statuses[404], statuses


def test_the_import_saved_every_letter_once(outcome):
    assert outcome.import_returncode == 0, outcome.import_output[-3000:]
    assert outcome.import_output.count("nieuw ") == LETTERS, outcome.import_output[-3000:]
    duplicated = [n for n, count in Counter(outcome.found_numbers).items() if count > 1]
    missing = sorted(set(outcome.numbers) - set(outcome.found_numbers))
    assert not duplicated and not missing, f"duplicated {duplicated}, missing {missing}"
    assert outcome.found_numbers == outcome.numbers
    assert outcome.letter_count == LETTERS + 5  # and the five seed letters


def test_the_search_finds_the_new_letters(outcome):
    """Through the page cache: results cached during the import are not served after it."""
    search = outcome.search
    assert search.total == LETTERS
    assert search.api_numbers == outcome.numbers
    assert search.by_marker and all(search.by_marker.values()), search.by_marker
