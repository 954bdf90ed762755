"""``manage.py benchmark`` on a tiny corpus: a table with latencies and query counts."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from letters.models import Letter

pytestmark = pytest.mark.django_db
ROW = re.compile(
    r"(?P<label>.+?)\s+(?P<p50>\d+\.\d)\s+(?P<p95>\d+\.\d)\s+(?P<target>\S+)\s+"
    r"(?P<queries>\d+)\s+(?P<errors>\d+)\s+(?P<url>/\S*)"
)


def test_benchmark_prints_latency_and_query_count_per_page():
    call_command("generate_corpus", letters=8, seed=2, stdout=StringIO())
    out = StringIO()
    call_command("benchmark", requests=2, warmup=0, import_letters=2, stdout=out)
    lines = out.getvalue().splitlines()

    header = next(line for line in lines if line.startswith("pagina"))
    assert header.split()[:6] == ["pagina", "p50", "ms", "p95", "ms", "doel"]
    assert "queries" in header
    rows = {m["label"].strip(): m for m in map(ROW.match, lines) if m}
    assert any(label.startswith("zoeken") for label in rows)
    assert any(label.startswith("begroting") for label in rows)
    for row in rows.values():
        assert float(row["p95"]) >= float(row["p50"]) > 0
        assert int(row["queries"]) > 0
    assert any(line.startswith("import_letters: 2 brieven") for line in lines)
    # The import measurement is rolled back.
    assert Letter.objects.count() == 8


def test_benchmark_refuses_an_empty_archive():
    with pytest.raises(CommandError, match="generate_corpus"):
        call_command("benchmark", requests=2, stdout=StringIO())


def test_benchmark_measures_only_the_pages_asked_for():
    call_command("generate_corpus", letters=8, seed=2, stdout=StringIO())
    out = StringIO()
    call_command("benchmark", requests=1, warmup=0, import_letters=0, pages="budget", stdout=out)
    labels = [m["label"].strip() for m in map(ROW.match, out.getvalue().splitlines()) if m]
    assert labels == ["begroting + grafiek"]

    with pytest.raises(CommandError, match="Onbekende pagina"):
        call_command("benchmark", requests=1, import_letters=0, pages="nope", stdout=StringIO())
