"""One door into the archive: every entry point (text import, the admin's "Nieuwe
brief uit tekst", the admin's change form, the restore, the corpus writer) leaves
the same state for the same letter: rows, copied dates, resolved citations both
ways, search hits, a new archive generation, and no control characters."""

from __future__ import annotations

import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from letters.exchange.export import write_archive
from letters.exchange.restore import restore_archive
from letters.ingest.pipeline import extract
from letters.models import Citation, Letter, Ministry, Mission, Person
from letters.page_cache import current_generation
from letters.search import search
from letters.services import LetterOverrides, after_write, import_letter_text, mission_names
from tests.factories import make_letter
from tests.test_admin_locking import _form_data
from tests.test_exchange import empty_the_archive

pytestmark = pytest.mark.django_db

# A letter with a control character in its title and body, and Windows line ends.
TITLE = "Bijdrage aan MINUSMA\x01 in 2019"
RAW_TEXT = (
    "Den Haag, 1 februari 2019\r\n\r\n"
    "Bijdrage aan MINUSMA in 2019\r\n\r\n"
    "Zoals eerder gemeld (Kamerstuk 33 694, nr. 12) zet het kabinet de inzet\x0b in Timboektoe "
    "voort. Zie ook Kamerstuk 29 521, nr. 360 over de VN-missie in Mali. Het kabinet\r\n"
    "trekt daarvoor 30 miljoen euro uit het BIV uit.\x1f\r\n\r\n"
    "De Minister van Defensie,\r\n"
    "A.Th.B. Bijleveld-Schouten\r\n"
)
OVERRIDES = LetterOverrides(title=TITLE, dossier="29521", number=400, date=date(2019, 2, 1))
# Already in the archive: the letter it cites, and a letter waiting for it.
WAITING_TEXT = "Den Haag, 3 maart 2020\n\nZie Kamerstuk 29 521, nr. 400 over Mali.\n"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


@pytest.fixture
def archive():
    cited = make_letter(dossier="33694", number=12, title="GBVS")
    after_write(letter_ids=[cited.pk])
    import_letter_text(raw_text=WAITING_TEXT, source_name="wacht.txt")


def _by_text_import():
    import_letter_text(raw_text=RAW_TEXT, overrides=OVERRIDES, source_name="brief.txt")


def _by_admin_from_text(client):
    url = reverse("admin:letters_letter_from_text")
    review = client.post(url, {"text": RAW_TEXT})
    extraction = review.context["extraction"]
    items = {
        kind: [str(i) for i in range(len(getattr(extraction, kind)))]
        for kind in ("citations", "proceedings", "amounts", "missions", "recommendations")
    }
    form = review.context["form"].initial
    data = {**form, "confirm": "1", "title": TITLE, "dossier": "29521", "number": "400"}
    data = {**{k: "" if v is None else v for k, v in data.items()}, **items}
    assert client.post(url, data).status_code == 302


def _by_admin_change_form(client):
    """An editor types the letter in the add form, with what the import finds in inlines."""
    found = extract(RAW_TEXT, mission_names())
    data = _form_data(client.get(reverse("admin:letters_letter_add")))
    defence = Ministry.objects.get(slug="defensie")
    person = Person.objects.get_or_create(name="A.Th.B. Bijleveld-Schouten")[0]
    data.update(
        title=TITLE,
        slug="bijdrage-aan-minusma-in-2019",
        dossier=_dossier_id("29521"),
        number="400",
        date="2019-02-01",
        year="2019",
        ministries=[str(defence.pk)],
        # A browser posts a textarea with \r\n line ends.
        body=found.clean.text.replace("\n", "\r\n"),
    )
    rows = {
        "signatures": [
            {"person": person.pk, "function": "Minister van Defensie", "ministry": defence.pk, "position": 0}
        ],
        "citations": [
            {"kind": "kamerstuk", "key": c.key.key, "dossier": c.key.dossier, "number": c.key.number,
             "text": c.text, "start": c.start, "end": c.end}
            for c in found.citations
        ],
        "mission_links": [
            {"mission": Mission.objects.get(slug=m.slug).pk, "text": m.text} for m in found.missions
        ],
        "budget_lines": [
            {"amount": a.euro, "instrument": a.instrument, "text": a.text,
             "mission": Mission.objects.get(slug="minusma").pk}
            for a in found.amounts
        ],
    }
    for prefix, forms in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(forms))
        for n, fields in enumerate(forms):
            data.update({f"{prefix}-{n}-{name}": str(value) for name, value in fields.items()})
    response = client.post(reverse("admin:letters_letter_add"), data)
    assert response.status_code == 302, response.context and [
        (f.prefix, f.errors) for fs in response.context["inline_admin_formsets"] for f in fs.formset.forms
    ] + [response.context["adminform"].form.errors]


def _dossier_id(number: str) -> str:
    from letters.models import Dossier

    return str(Dossier.objects.get_or_create(number=number)[0].pk)


def _by_restore():
    """The archive as the import left it, exported with control characters put back
    in (a file from elsewhere), restored into an empty database."""
    _by_text_import()
    out = io.StringIO()
    write_archive(out)
    text = out.getvalue().replace(" in 2019", "\\u0001in 2019").replace("Timboektoe ", "Timboektoe\\u000b")
    empty_the_archive()
    connection.run_on_commit.clear()  # as above: only the restore's own bump counts
    restore_archive(text.splitlines())


def _by_corpus_writer():
    from devtools.corpus.types import LetterSpec
    from devtools.corpus_writer import CorpusWriter
    from letters.services import BudgetLineData, CitationData, MissionLinkData, SignatoryData

    found = extract(RAW_TEXT, mission_names())
    blocks = [{"kind": b.kind, "start": b.start, "end": b.end} for b in found.clean.blocks]
    spec = LetterSpec(
        index=0,
        title=TITLE,
        slug="bijdrage-aan-minusma-in-2019",
        dossier="29521",
        number=400,
        other_dossiers=[],
        date=date(2019, 2, 1),
        vergaderjaar="",
        kind="",
        signatories=[SignatoryData(s.name, s.function) for s in found.metadata.signatories],
        body=found.clean.text,
        structure={"blocks": blocks, "footnote_refs": []},
        source_name="brief.txt",
        citations=[
            CitationData(c.key.key, c.text, c.start, c.end, dossier=c.key.dossier, number=c.key.number)
            for c in found.citations
        ],
        missions=[MissionLinkData(m.slug, m.text, m.start, m.end) for m in found.missions],
        amounts=[
            BudgetLineData(a.euro, a.text, a.start, a.end, a.instrument, mission="minusma")
            for a in found.amounts
        ],
    )
    CorpusWriter(SimpleNamespace(new_dossiers=(), reports=())).write([spec])


def state() -> dict:
    """What every path must agree on (fields an editor does not type, such as a
    citation's sentence, aside)."""
    letter = Letter.objects.get(dossier__number="29521", number=400)

    def key(target):
        return target.kamerstuk_key.key if target else None

    return {
        "letter": (letter.title, letter.date, letter.year, letter.slug, "\r" in letter.body),
        "ministries": sorted(letter.ministries.values_list("slug", flat=True)),
        "signatories": list(letter.signatures.values_list("person__name", "function", "ministry__slug")),
        "citations": sorted(
            (c.key, key(c.target), c.letter_date, c.letter_year, c.text, letter.body[c.start : c.end])
            for c in letter.citations.select_related("target__dossier")
        ),
        "cited_by": sorted(Citation.objects.filter(target=letter).values_list("letter__source_name", flat=True)),
        "missions": sorted(letter.mission_links.values_list("mission__slug", flat=True)),
        "budget": sorted(
            letter.budget_lines.values_list("amount", "instrument", "budget_year", "letter_date", "mission__slug")
        ),
        "found": list(search(Letter.objects.all(), "Timboektoe").values_list("pk", flat=True)) == [letter.pk],
        "control_characters": [
            f"{row._meta.model_name}.{name}"
            for row in [letter, *letter.citations.all(), *letter.signatures.all(), *letter.budget_lines.all()]
            for name in ("title", "body", "text", "context", "function", "purpose")
            if CONTROL.search(str(getattr(row, name, "")).replace("\n", ""))
        ],
    }


def _written(entry, capture) -> tuple[dict, int]:
    # One bump per transaction, and the test's transaction already has one pending
    # from the set-up: start from none, as a real request or command does.
    connection.run_on_commit.clear()
    before = current_generation()
    with capture(execute=True):
        entry()
    return state(), current_generation() - before


@pytest.mark.parametrize("entry", ["admin_from_text", "admin_change_form", "restore", "corpus_writer"])
def test_every_entry_point_leaves_the_state_of_the_text_import(
    entry, archive, editor_client, django_capture_on_commit_callbacks
):
    expected, bumped = _written(_by_text_import, django_capture_on_commit_callbacks)
    assert bumped == 1
    # One citation of a letter in the archive (resolved), one of a letter not in it.
    assert [c[:2] for c in expected["citations"]] == [("29521-360", None), ("33694-12", "33694-12")]
    assert expected["cited_by"] == ["wacht.txt"], "resolves the citation waiting for it"
    assert expected["found"] and expected["control_characters"] == []
    assert "\x01" not in expected["letter"][0]

    Letter.objects.filter(number=400).delete()
    entries = {
        "admin_from_text": lambda: _by_admin_from_text(editor_client),
        "admin_change_form": lambda: _by_admin_change_form(editor_client),
        "restore": _by_restore,
        "corpus_writer": _by_corpus_writer,
    }
    assert Citation.objects.get(letter__source_name="wacht.txt").target is None
    got, bumped = _written(entries[entry], django_capture_on_commit_callbacks)
    assert got == expected
    assert bumped >= 1


def test_a_letter_pasted_with_control_characters_keeps_the_feeds_up(archive, editor_client, client):
    _by_admin_from_text(editor_client)
    for url in ("/feeds/brieven/", "/feeds/dossiers/29521/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not CONTROL.search(response.content.decode().replace("\n", "").replace("\t", ""))
    assert "Bijdrage aan MINUSMA" in client.get("/feeds/brieven/").content.decode()


def test_an_editor_changing_or_reverting_a_date_in_the_admin_moves_the_copies(editor_client):
    from tests.factories import make_budget_line, make_citation, stale_letter_copies

    letter = make_letter(dossier="33694", number=13, letter_date=date(2016, 3, 1))
    make_citation(letter, "33694", 12)
    make_budget_line(letter)
    url = reverse("admin:letters_letter_change", args=[letter.pk])
    data = _form_data(editor_client.get(url))
    data.update(date="2017-01-05", year="2017")
    assert editor_client.post(url, data).status_code == 302
    assert set(letter.citations.values_list("letter_year", flat=True)) == {2017}
    assert stale_letter_copies() == []

    first = letter.history.order_by("history_date").first()
    revert = reverse("admin:letters_letter_simple_history", args=[letter.pk, first.history_id])
    form = editor_client.get(revert).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["version_seen"] = Letter.objects.get(pk=letter.pk).version
    assert editor_client.post(revert, data).status_code == 302
    assert Letter.objects.get(pk=letter.pk).date == date(2016, 3, 1)
    assert set(letter.budget_lines.values_list("budget_year", flat=True)) == {2016}
    assert stale_letter_copies() == []


def test_every_admin_form_cleans_control_characters(editor_client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.get(username="redacteur")
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["add_person", "add_report"]))
    assert editor_client.post(reverse("admin:letters_person_add"), {"name": "A.\x0bde Vries"}).status_code == 302
    assert Person.objects.filter(name="A. de Vries").exists()
    report = {"title": "Rapport\x1f over Mali", "author": "A\x02IV", "slug": "rapport-mali"}
    assert editor_client.post(reverse("admin:letters_report_add"), report).status_code == 302
    from letters.models import Report

    assert Report.objects.filter(title="Rapport  over Mali", author="A IV").exists()
