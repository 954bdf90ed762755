"""``manage.py benchmark_extraction``: p50/p95 of the text pipeline per letter, cold."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from devtools.cold import forget_ingest_caches
from letters.ingest import sentences
from letters.ingest.pipeline import extract
from tests.factories import SEEDS_DIR


def test_prints_a_row_per_letter_with_its_timings():
    seeds = sorted(SEEDS_DIR.glob("*.txt"))[:2]
    out = StringIO()
    call_command("benchmark_extraction", *map(str, seeds), runs=2, stdout=out)
    rows = [line.split() for line in out.getvalue().splitlines()[1:]]
    assert [row[0] for row in rows] == [path.name for path in seeds]
    for _, kilobytes, p50, p95, cpu in rows:
        assert float(kilobytes) > 0 and 0 < float(p50) <= float(p95) and float(cpu) >= 0


def test_refuses_no_runs():
    with pytest.raises(CommandError, match="--runs"):
        call_command("benchmark_extraction", runs=0, stdout=StringIO())


def test_each_run_is_cold():
    extract(next(SEEDS_DIR.glob("*.txt")).read_text(encoding="utf-8"))
    caches = [
        value
        for module in (sentences, *_ingest_modules())
        for value in vars(module).values()
        if callable(getattr(value, "cache_info", None))
    ]
    forget_ingest_caches()
    assert all(cache.cache_info().currsize == 0 for cache in caches)


def _ingest_modules():
    import importlib
    import pkgutil

    import letters.ingest

    return [
        importlib.import_module(f"letters.ingest.{info.name}")
        for info in pkgutil.iter_modules(letters.ingest.__path__)
    ]
