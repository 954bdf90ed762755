"""Export and restore of the whole archive (manage.py export_archive / import_archive).

The round trips compare the database itself: every row of every table, every
column (read from the models, not from the format's field lists, so a field the
format forgets shows up as a difference), before export and after restore into a
database that was emptied and given fresh reference data (with other ids).
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from letters.exchange import export as export_module
from letters.exchange import restore as restore_module
from letters.exchange.format import (
    DERIVED_FIELDS,
    HISTORY_TABLES,
    NOT_EXPORTED_MODELS,
    TABLES,
    all_tables,
)
from letters.models import (
    BudgetLine,
    Citation,
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
from letters.page_cache import current_generation
from letters.reference import load_reference_data
from letters.search import search
from tests.factories import make_letter, stale_letter_copies

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs" / "export-format.md"
REFERENCE_MODELS = (Ministry, Dossier, Mission, MissionAlias, Report)


# -- helpers ---------------------------------------------------------------------


def table_rows(*, with_history: bool = True) -> dict[str, list[dict]]:
    """Every row of every exported table, every stored column, in id order."""
    snapshot = {}
    for table in all_tables(with_history=with_history):
        model = table.model
        derived = DERIVED_FIELDS.get(model, ())
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in derived]
        snapshot[table.name] = list(model._default_manager.order_by("pk").values(*columns))
    return snapshot


def assert_identical(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        assert len(after[name]) == len(before[name]), name
        for old, new in zip(before[name], after[name], strict=True):
            assert new == old, f"{name}: row differs after restore"


def empty_the_archive() -> None:
    """What a new database looks like: no archive rows, reference data freshly
    loaded by the migration code (so with other ids than before), no history."""
    # Plain DELETEs, children first: a queryset delete() would write a history
    # row per deleted row (slow, and history is emptied anyway).
    with connection.cursor() as cursor:
        for table in reversed(TABLES + HISTORY_TABLES):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table.model._meta.db_table)}")
    load_reference_data({model.__name__: model for model in REFERENCE_MODELS})
    for table in HISTORY_TABLES:  # loading reference data through the models writes history
        table.model.objects.all().delete()


def export(path: Path, *args) -> Path:
    call_command("export_archive", str(path), *args)
    return path


def restore(path: Path) -> None:
    call_command("import_archive", str(path))


def round_trip(tmp_path: Path, *, with_history: bool) -> None:
    before = table_rows(with_history=with_history)
    mission_ids = sorted(Mission.objects.values_list("pk", flat=True))
    archive = export(tmp_path / "archief.jsonl", *(["--with-history"] if with_history else []))
    empty_the_archive()
    # Otherwise keeping ids would prove nothing.
    assert sorted(Mission.objects.values_list("pk", flat=True)) != mission_ids
    restore(archive)
    assert_identical(before, table_rows(with_history=with_history))
    # Not in the file, filled in from the letters.
    assert stale_letter_copies() == []


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, items: list) -> Path:
    path.write_text(
        "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8"
    )
    return path


def refusal(path: Path) -> str:
    with pytest.raises(CommandError) as raised:
        restore(path)
    return str(raised.value)


# -- corpora ---------------------------------------------------------------------

WORDS = (
    "missie",
    "kabinet",
    "Kamer",
    "veiligheid",
    "begroting",
    "één",
    "coördinatie",
    "€",
    "Sahel",
    "NAVO",
    "Straße",
    "naïef",
    "—",
    "“aanhalingstekens”",
    "tab\there",
    "🇳🇱",
)


def build_corpus(letters: int, *, seed: int = 1, body_words: int = 150) -> None:
    """A varied archive built straight through the ORM: every table gets rows,
    with nulls, odd characters, exact amounts, old timestamps with microseconds."""
    rng = random.Random(seed)
    ministries = list(Ministry.objects.all())
    missions = list(Mission.objects.all())
    dossiers = Dossier.objects.bulk_create(
        [Dossier(number=str(40000 + i), title=f"Dossier {i} — ’t beleid") for i in range(25)]
        + [Dossier(number="36410-V", title="Begroting Buitenlandse Zaken 2024")]
    )
    people = Person.objects.bulk_create([Person(name=f"P. de Persoon-{i}") for i in range(40)])
    reports = Report.objects.bulk_create(
        [
            Report(
                title=f"Rapport {i}",
                author="AIV" if i % 2 else "",
                year=2000 + i if i % 3 else None,
                slug=f"rapport-{i}",
            )
            for i in range(5)
        ]
    )
    rows = []
    for i in range(letters):
        dossier = dossiers[i % len(dossiers)] if i % 7 else None
        body = " ".join(rng.choice(WORDS) for _ in range(body_words))
        # (A carriage return cannot be in the archive: every path into it makes it \n.)
        body += "\n\nRegel met U+2028:\u2028 en \n tab\t."
        letter_date = (
            date(1995, 1, 1).fromordinal(date(1995, 1, 1).toordinal() + rng.randrange(11000))
            if i % 11
            else None
        )
        rows.append(
            Letter(
                dossier=dossier,
                number=i + 1 if dossier else None,
                slug=f"brief-{i}",
                title=f"Brief {i} over {rng.choice(WORDS)}",
                date=letter_date,
                year=letter_date.year if letter_date else None,
                vergaderjaar="2015-2016" if i % 3 == 0 else "",
                kind=rng.choice(["", "kabinetsreactie", "artikel-100"]),
                body=body,
                structure={
                    "blocks": [{"kind": "paragraph", "start": 0, "end": 5}],
                    "note": "één",
                    "n": [1, None, True],
                }
                if i % 2
                else {},
                original_text=body.upper() if i % 5 == 0 else "",
                source_url=f"https://zoek.officielebekendmakingen.nl/kst-{i}.html" if i % 4 else "",
                source_name=f"kst-{i}.pdf",
                text_hash=f"{i:064x}",
                version=1 + i % 3,
            )
        )
    created = Letter.objects.bulk_create(rows)
    ids = [letter.pk for letter in created]
    for n, pk in enumerate(ids[::50]):
        # bulk_create stamped "now": give some letters old, exact timestamps.
        Letter.objects.filter(pk=pk).update(
            created_at=datetime(2001, 2, 3, 4, 5, 6, 789012 + n, tzinfo=UTC),
            updated_at=datetime(2019, 12, 31, 23, 59, 59, 999999 - n, tzinfo=UTC),
        )

    citations, links, lines_, signatures, other, ministries_of = [], [], [], [], [], []
    numbered = [letter for letter in created if letter.number is not None]
    for position, letter in enumerate(created):
        for c in range(rng.randrange(4)):
            # A citation points at the letter it names (70 %), or at none in the archive.
            target = rng.choice(numbered) if rng.random() < 0.7 else None
            dossier, number = (
                (target.dossier.number, target.number) if target else (str(30000 + c), position)
            )
            citations.append(
                Citation(
                    letter=letter,
                    kind="kamerstuk" if c % 3 else "handelingen",
                    key=f"{dossier}-{number}" if c % 3 else f"h-tk-20192020-{position}-{c}",
                    dossier=dossier if c % 3 else "",
                    number=number if c % 3 else None,
                    target=target if c % 3 else None,
                    text=f"Kamerstuk {30000 + c}, nr. {position}",
                    start=c * 10,
                    end=c * 10 + 9,
                    in_footnote=bool(c % 2),
                    context="De zin rond de verwijzing." if c else "",
                )
            )
        for m in rng.sample(missions, k=min(len(missions), rng.randrange(3))):
            links.append(
                LetterMission(
                    letter=letter,
                    mission=m,
                    decision=rng.choice(["", "start", "extension"]),
                    text="Zin.",
                    start=rng.randrange(100) if position % 3 else None,
                    end=None,
                )
            )
        for b in range(rng.randrange(3)):
            lines_.append(
                BudgetLine(
                    letter=letter,
                    amount=Decimal(rng.randrange(0, 10**15)) / 100,
                    instrument=rng.choice(["BIV", "Defensie", "overig"]),
                    year_from=2018 if b else None,
                    year_to=2021 if b else None,
                    nature=rng.choice(["", "structural", "one-off"]),
                    purpose="Bijdrage aan de missie" if b else "",
                    text="€ 30 miljoen",
                    start=b * 20,
                    end=b * 20 + 12,
                    mission=rng.choice(missions) if b else None,
                )
            )
        for s, person in enumerate(rng.sample(people, k=rng.randrange(1, 3))):
            signatures.append(
                Signatory(
                    letter=letter,
                    person=person,
                    function="Minister van Defensie",
                    ministry=rng.choice(ministries) if s == 0 else None,
                    position=s,
                )
            )
        if position % 4 == 0:
            other.append(Letter.other_dossiers.through(letter=letter, dossier=rng.choice(dossiers)))
        for ministry in rng.sample(ministries, k=rng.randrange(3)):
            ministries_of.append(Letter.ministries.through(letter=letter, ministry=ministry))
    Citation.objects.bulk_create(citations)
    LetterMission.objects.bulk_create(links)
    BudgetLine.objects.bulk_create(lines_)
    Signatory.objects.bulk_create(signatures)
    Letter.other_dossiers.through.objects.bulk_create(other)
    Letter.ministries.through.objects.bulk_create(ministries_of)
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                report=reports[i % len(reports)],
                number=str(i),
                text=f"Aanbeveling {i}",
                response=rng.choice(["", "adopted", "rejected"]),
                response_text="Het kabinet neemt dit over." if i % 2 else "",
                letter=rng.choice(created) if i % 3 else None,
            )
            for i in range(max(10, letters // 20))
        ]
    )
    for recommendation in recommendations[::2]:
        recommendation.missions.set(rng.sample(missions, k=2))


@pytest.fixture
def corpus_1000():
    """The synthetic 1 000-letter archive (with history: it is written with history rows)."""
    call_command("generate_corpus", letters=1000, seed=1)
    assert Letter.objects.count() == 1000


# -- round trips -----------------------------------------------------------------


def test_seeded_archive_round_trips_identically(seeded, tmp_path):
    assert Citation.objects.exists() and BudgetLine.objects.exists()
    round_trip(tmp_path, with_history=False)
    assert Citation.objects.exclude(letter_year=None).exists()
    assert BudgetLine.objects.exclude(budget_year=None).exists()


def test_seeded_archive_with_history_round_trips_identically(seeded, editor, tmp_path):
    letter = Letter.objects.order_by("pk").first()
    letter._history_user = editor
    letter.title += " (bewerkt)"
    letter.save()
    assert letter.history.filter(history_user=editor).exists()
    round_trip(tmp_path, with_history=True)
    assert Letter.history.filter(history_user=editor).count() == 1


def test_history_of_an_account_that_is_not_there_keeps_no_user(seeded, editor, tmp_path):
    letter = Letter.objects.order_by("pk").first()
    letter._history_user = editor
    letter.save()
    archive = export(tmp_path / "archief.jsonl", "--with-history")
    empty_the_archive()
    editor.delete()
    restore(archive)
    latest = Letter.history.filter(id=letter.pk).latest()
    assert latest.history_type == "~" and latest.history_user is None


@pytest.mark.slow
def test_a_1000_letter_archive_round_trips_identically(corpus_1000, tmp_path):
    assert Letter.history.count() >= 1000 and Citation.objects.count() > 1000
    round_trip(tmp_path, with_history=True)


def test_a_varied_archive_fills_every_table_and_round_trips_identically(tmp_path):
    build_corpus(60)
    empty = [name for name, rows in table_rows(with_history=False).items() if not rows]
    assert empty == []
    round_trip(tmp_path, with_history=False)


def test_compressed_archive_round_trips(seeded, tmp_path):
    before = table_rows(with_history=False)
    archive = export(tmp_path / "archief.jsonl.gz")
    assert archive.read_bytes()[:2] == b"\x1f\x8b"
    empty_the_archive()
    restore(archive)
    assert_identical(before, table_rows(with_history=False))


def test_search_finds_restored_letters(seeded, tmp_path):
    letter = seeded[0]
    word = next(w for w in letter.title.split() if len(w) > 6 and w.isalpha())
    archive = export(tmp_path / "archief.jsonl")
    empty_the_archive()
    assert not search(Letter.objects.all(), word).exists()
    restore(archive)
    assert letter.pk in set(search(Letter.objects.all(), word).values_list("pk", flat=True))


def test_new_rows_after_restore_get_fresh_ids(seeded, tmp_path):
    highest = Letter.objects.order_by("-pk").first().pk
    archive = export(tmp_path / "archief.jsonl")
    empty_the_archive()
    restore(archive)
    # On PostgreSQL this needs the sequences reset past the restored ids.
    letter = make_letter(title="Na het herstel")
    assert letter.pk > highest
    Citation.objects.create(letter=letter, kind="handelingen", key="h-1", text="x", start=0, end=1)
    Mission.objects.create(slug="nieuw", name="Nieuwe missie", organisation="VN")


def test_restore_tells_the_page_cache_that_the_archive_changed(
    seeded, tmp_path, django_capture_on_commit_callbacks
):
    archive = export(tmp_path / "archief.jsonl")
    empty_the_archive()
    # The test's own transaction already holds a pending bump from the set-up
    # above (one per transaction); start from none, as the command does.
    connection.run_on_commit.clear()
    generation = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        restore(archive)
    assert current_generation() > generation


def test_export_to_stdout_and_restore_from_stdin(seeded, capsys, monkeypatch):
    before = table_rows(with_history=False)
    call_command("export_archive", "-")
    captured = capsys.readouterr()
    assert "5 brieven" in captured.err  # the summary stays out of the archive
    empty_the_archive()
    monkeypatch.setattr("sys.stdin", io.StringIO(captured.out))
    call_command("import_archive", "-")
    assert_identical(before, table_rows(with_history=False))


def test_export_summarises_what_it_wrote(seeded, tmp_path, capsys):
    export(tmp_path / "archief.jsonl")
    out = capsys.readouterr().out
    assert "5 brieven" in out and "archief.jsonl" in out


def test_import_summarises_and_reports_the_search_index(seeded, tmp_path, capsys):
    archive = export(tmp_path / "archief.jsonl")
    empty_the_archive()
    capsys.readouterr()
    restore(archive)
    out = capsys.readouterr().out
    assert "Archief hersteld: " in out and "5 brieven" in out
    assert "Zoekindex bijgewerkt voor 5 brieven." in out


# -- the file --------------------------------------------------------------------


def test_file_has_header_rows_and_trailer(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    header, rows, trailer = items[0], items[1:-1], items[-1]
    assert header["format"] == "kamerbrieven-archief" and header["version"] == 1
    assert datetime.fromisoformat(header["exported_at"]).tzinfo is not None
    assert header["counts"]["letters"] == 5
    assert trailer == {"end": "kamerbrieven-archief", "counts": header["counts"]}
    assert len(rows) == sum(header["counts"].values())
    assert list(header["tables"]) == [table.name for table in TABLES]  # no history unless asked


def test_amounts_are_exact_strings_and_references_use_natural_keys(seeded, tmp_path):
    rows = [item for item in lines(export(tmp_path / "archief.jsonl"))[1:-1]]
    budget = [item["row"] for item in rows if item["table"] == "budget_lines"]
    line = BudgetLine.objects.get(pk=budget[0]["id"])
    assert budget[0]["amount"] == str(line.amount) and "." in budget[0]["amount"]
    assert all(isinstance(row["amount"], str) for row in budget)
    letter_row = next(
        item["row"] for item in rows if item["table"] == "letters" and item["row"]["dossier"]
    )
    assert letter_row["dossier"] == Letter.objects.get(pk=letter_row["id"]).dossier.number
    assert "search_vector" not in letter_row


def test_export_and_restore_do_not_hold_the_archive_in_memory(tmp_path, monkeypatch):
    build_corpus(300, body_words=1500)
    monkeypatch.setattr(export_module, "CHUNK_SIZE", 2)
    monkeypatch.setattr(restore_module, "BATCH_SIZE", 2)
    # Indexing has its own batches (letters.search); this measures reading and writing.
    monkeypatch.setattr("letters.search.update_index", lambda ids: None)
    archive = tmp_path / "archief.jsonl"
    tracemalloc.start()
    try:
        export(archive)
        exported_peak = tracemalloc.get_traced_memory()[1]
        empty_the_archive()
        tracemalloc.reset_peak()
        restore(archive)
        restored_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = archive.stat().st_size
    assert size > 5_000_000
    assert exported_peak < size / 4
    assert restored_peak < size / 4


# -- refusals --------------------------------------------------------------------


def test_refuses_a_database_that_has_letters(seeded, tmp_path):
    archive = export(tmp_path / "archief.jsonl")
    before = table_rows()
    message = refusal(archive)
    assert "De database bevat al 5 brieven" in message and "lege database" in message
    assert_identical(before, table_rows())


def test_refuses_history_into_a_database_with_history(seeded, tmp_path):
    archive = export(tmp_path / "archief.jsonl", "--with-history")
    empty_the_archive()
    Mission.objects.create(slug="nieuw", name="Nieuwe missie", organisation="VN")  # writes history
    assert "geschiedenis" in refusal(archive)
    assert not Letter.objects.exists()


def test_refuses_another_format(tmp_path):
    path = write_lines(tmp_path / "ander.jsonl", [{"format": "iets-anders", "version": 1}])
    assert "geen exportbestand van het Kamerbrievenarchief" in refusal(path)


def test_refuses_an_unknown_version(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    items[0]["version"] = 2
    path = write_lines(tmp_path / "v2.jsonl", items)
    empty_the_archive()
    message = refusal(path)
    assert "formaatversie 2" in message and "versie 1" in message


def test_refuses_a_plain_json_file(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('[{"model": "letters.letter", "pk": 1}]', encoding="utf-8")
    assert "geen JSON-object" in refusal(path)


def test_refuses_an_empty_file(tmp_path):
    path = tmp_path / "leeg.jsonl"
    path.write_text("", encoding="utf-8")
    assert "leeg" in refusal(path)


def test_refuses_a_missing_file(tmp_path):
    assert "bestaat niet" in refusal(tmp_path / "nergens.jsonl")


def test_refuses_a_binary_file(tmp_path):
    path = tmp_path / "plaatje.jsonl"
    path.write_bytes(bytes(range(256)) * 10)
    message = refusal(path)
    assert "UTF-8" in message or "geen geldige JSON" in message


@pytest.mark.parametrize("keep", [0.5, 0.999])
def test_a_truncated_file_restores_nothing(seeded, tmp_path, keep):
    archive = export(tmp_path / "archief.jsonl")
    data = archive.read_bytes()
    cut = tmp_path / "afgebroken.jsonl"
    cut.write_bytes(data[: int(len(data) * keep)])
    empty_the_archive()
    before = table_rows()
    message = refusal(cut)
    assert "afgebroken" in message
    # All or nothing: the rows inserted before the cut and the replaced reference
    # data are rolled back.
    assert_identical(before, table_rows())


def test_a_file_cut_at_a_line_end_is_refused(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    path = write_lines(tmp_path / "zonder-slot.jsonl", items[:-1])
    empty_the_archive()
    assert "onvolledig" in refusal(path)
    assert not Letter.objects.exists()


def test_a_truncated_compressed_file_is_refused(seeded, tmp_path):
    data = export(tmp_path / "archief.jsonl.gz").read_bytes()
    cut = tmp_path / "afgebroken.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    empty_the_archive()
    assert "afgebroken" in refusal(cut)
    assert not Letter.objects.exists()


def test_rows_missing_from_the_middle_are_refused(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    citation = next(i for i, item in enumerate(items) if item.get("table") == "citations")
    path = write_lines(tmp_path / "gat.jsonl", items[:citation] + items[citation + 1 :])
    empty_the_archive()
    message = refusal(path)
    assert "verwijzingen" in message or "citations" in message
    assert not Letter.objects.exists()


def test_a_garbled_line_is_named(seeded, tmp_path):
    archive = export(tmp_path / "archief.jsonl")
    text = archive.read_text(encoding="utf-8").splitlines()
    text[3] = text[3][: len(text[3]) // 2]
    archive.write_text("\n".join(text) + "\n", encoding="utf-8")
    empty_the_archive()
    assert "Regel 4 is geen geldige JSON" in refusal(archive)


@pytest.mark.parametrize(
    "table, field, value, message",
    [
        ("budget_lines", "amount", 30000000.5, "bedrag als tekst"),
        ("letters", "created_at", "2020-01-01T10:00:00", "tijdzone"),
        ("letters", "date", "28 maart 2018", "geen geldige datum"),
        ("letters", "dossier", "99999", "staat niet"),
        ("citations", "letter", 987654, "staat niet"),
        ("signatories", "person", "Onbekend Persoon", "staat niet"),
    ],
)
def test_a_bad_value_is_refused_with_its_line(seeded, tmp_path, table, field, value, message):
    items = lines(export(tmp_path / "archief.jsonl"))
    index = next(i for i, item in enumerate(items) if item.get("table") == table)
    items[index]["row"][field] = value
    path = write_lines(tmp_path / "fout.jsonl", items)
    empty_the_archive()
    text = refusal(path)
    assert f"Regel {index + 1} ({table}.{field})" in text and message in text
    assert not Letter.objects.exists()


def test_a_row_with_unknown_fields_is_refused(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    index = next(i for i, item in enumerate(items) if item.get("table") == "letters")
    items[index]["row"]["geheim"] = 1
    del items[index]["row"]["title"]
    path = write_lines(tmp_path / "fout.jsonl", items)
    empty_the_archive()
    text = refusal(path)
    assert "ontbreekt: title" in text and "onbekend: geheim" in text


def test_a_duplicate_row_is_refused_and_nothing_restored(seeded, tmp_path):
    items = lines(export(tmp_path / "archief.jsonl"))
    index = next(i for i, item in enumerate(items) if item.get("table") == "letters")
    items.insert(index, items[index])
    items[0]["counts"]["letters"] += 1
    items[-1]["counts"]["letters"] += 1
    path = write_lines(tmp_path / "dubbel.jsonl", items)
    empty_the_archive()
    assert "De database weigert" in refusal(path)
    assert not Letter.objects.exists()


# -- the format is a contract ------------------------------------------------------


def test_every_model_of_the_app_is_in_the_format():
    exported = {table.model._meta.label for table in TABLES + HISTORY_TABLES}
    models = {
        model._meta.label
        for model in apps.get_app_config("letters").get_models(include_auto_created=True)
    }
    assert models - exported - set(NOT_EXPORTED_MODELS) == set()


@pytest.mark.parametrize("table", TABLES + HISTORY_TABLES, ids=lambda t: t.name)
def test_every_stored_field_is_exported_or_derived(table):
    derived = set(DERIVED_FIELDS.get(table.model, ()))
    stored = {field.name for field in table.model._meta.concrete_fields} - derived
    assert stored == set(table.fields), "add the field to letters/exchange/format.py and the docs"


@pytest.mark.parametrize("table", TABLES + HISTORY_TABLES, ids=lambda t: t.name)
def test_every_table_and_field_is_documented(table):
    docs = DOCS.read_text(encoding="utf-8")
    assert f"`{table.name}`" in docs
    if not table.history:
        section = docs.split(f"### `{table.name}`", 1)[1].split("\n### ", 1)[0]
        for field in table.fields:
            assert f"`{field}`" in section, f"{table.name}.{field}"


def test_gzip_archive_is_readable_by_standard_tools(seeded, tmp_path):
    archive = export(tmp_path / "archief.jsonl.gz")
    with gzip.open(archive, "rt", encoding="utf-8") as stream:
        assert json.loads(stream.readline())["format"] == "kamerbrieven-archief"
