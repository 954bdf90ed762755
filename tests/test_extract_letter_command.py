"""``manage.py extract_letter``: what an editor sees on the command line."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from letters.models import Mission, MissionAlias
from tests.test_sources import PDF_LINES, make_pdf

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run(*args) -> str:
    out = StringIO()
    call_command("extract_letter", *args, stdout=out)
    return out.getvalue()


def test_readable_dutch_summary(db):
    output = run(str(seed("001")))
    assert "Brief: Kamerstuk 33 694, nr. 9 (vergaderjaar 2015-2016)" in output
    assert "Soort: beleidsbrief" in output
    assert "Minister van Defensie: J.A. Hennis-Plasschaert" in output
    assert "29521-226" in output and "(voetnoot)" in output
    assert "besluit: verlenging" in output
    assert "7 voetnoten" in output


def test_summary_shows_amounts_in_euros(db):
    output = run(str(seed("000")))
    assert "€ 59.500.000" in output and "«59,5 miljoen euro» (Defensie)" in output
    assert "Aanbevelingen (3):" in output


def test_json_is_one_object_with_the_documented_shape(db):
    data = json.loads(run(str(seed("004")), "--json"))
    assert (
        data["title"]
        == "Voorziene besluitvorming over toekomstige Nederlandse militaire bijdragen aan missies en operaties"
    )
    assert data["identifier"] is None
    keys = {c["key"] for c in data["citations"]}
    assert keys >= {"33694-11", "29521-360"} and "29521-11" not in keys
    joint = next(c for c in data["citations"] if c["key"] == "33694-11")
    assert joint["other_dossiers"] == ["29521"]  # "Kamerstukken 33694 en 29 521, nr. 11"
    assert data["dossiers"] == [] and data["kind"] == "besluitvorming"
    assert {m["slug"] for m in data["missions"]} >= {
        "minusma",
        "resolute-support",
        "nato-mission-iraq",
    }
    minusma_end = [m for m in data["missions"] if m["slug"] == "minusma" and m["decision"] == "end"]
    assert minusma_end
    assert data["footnotes"] == 3


def test_json_of_a_word_file_and_a_web_page(db):
    real = Path(__file__).resolve().parent / "fixtures" / "real"
    data = json.loads(run(str(real / "kst-26488-72.docx"), "--json"))
    assert data["identifier"] == "26488-72" and data["dossiers"] == ["26488"]
    assert data["document_type"] == "brief" and data["footnotes"] == 1
    joint = json.loads(run(str(real / "kst-29383-405.web-excerpt.txt"), "--json"))
    assert joint["dossiers"] == ["29383", "28973"]


def test_missions_are_read_from_the_database(db, tmp_path):
    mission = Mission.objects.create(
        name="Operatie Testvogel", slug="testvogel", organisation="overig"
    )
    MissionAlias.objects.create(mission=mission, alias="missie Testvogel")
    letter = tmp_path / "brief.txt"
    letter.write_text(
        "Hierbij informeert het kabinet uw Kamer over het besluit om bij te dragen aan de missie "
        "Testvogel in het noorden. Het kabinet heeft besloten de bijdrage aan MINUSMA te beëindigen.\n",
        encoding="utf-8",
    )
    data = json.loads(run(str(letter), "--json"))
    assert {m["slug"] for m in data["missions"]} == {"testvogel", "minusma"}
    # Nothing was saved.
    from letters.models import Letter

    assert not Letter.objects.exists()


def test_falls_back_to_the_reference_file_without_database_tables(monkeypatch):
    def no_tables():
        raise OperationalError("no such table: letters_mission")

    monkeypatch.setattr("letters.services.mission_names", no_tables)
    data = json.loads(run(str(seed("002")), "--json"))
    assert [m["slug"] for m in data["missions"]] == ["minusma"]


def test_pdf_file(db, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf(PDF_LINES))
    data = json.loads(run(str(path), "--json"))
    assert data["date"] == "2018-03-28"


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "kan het bestand niet lezen"),
        (b"", "leeg"),
        (b"\x00\x01\x02binary" * 40, "geen tekst"),
        (b"%PDF-1.7\n%broken", "PDF-bestand is beschadigd"),
    ],
)
def test_unreadable_files_give_a_clear_error(tmp_path, content, message):
    path = tmp_path / "brief.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(CommandError, match="kan het bestand niet lezen"):
        run(str(tmp_path))


def test_command_line_exit_status_without_traceback(tmp_path):
    env = {**os.environ, "DEBUG": "1"}
    missing = tmp_path / "bestaat-niet.txt"
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_letter", str(missing)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "kan het bestand niet lezen" in result.stderr
    assert "Traceback" not in result.stderr
