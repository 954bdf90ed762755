"""Issue 19 #3: reading a PDF is bounded in pages, decompressed content and time, so
a small hostile PDF answers quickly with a message in Dutch (admin upload,
``extract_letter``, ``import_letters``), while a real letter of 100 pages is read."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from letters.ingest import pdf
from letters.ingest.sources import UnreadableSource, read_letter_source
from letters.models import Letter
from tests.pdfs import build_pdf, inflating_pdf, letter_pdf, text_content

# What the issue measured: 9 KB, 16 pages, one shared stream of 2.25 MB of text
# operators; about 60 s to read before these bounds.
HOSTILE = inflating_pdf(pages=16, inflated_bytes=2_250_000)


def hundred_page_letter() -> bytes:
    pages = [
        [f"Pagina {n} van de brief over de inzet in Mali."]
        + [f"Regel {line} van pagina {n}: het kabinet informeert uw Kamer over de missie." for line in range(40)]
        for n in range(1, 101)
    ]
    return letter_pdf(pages)


def test_the_hostile_pdf_is_small():
    assert len(HOSTILE) < 10_000


def test_a_hostile_pdf_is_refused_within_seconds_in_dutch():
    started = time.monotonic()
    with pytest.raises(UnreadableSource, match="meer tekstopdrachten dan er gelezen worden"):
        read_letter_source(HOSTILE, filename="brief.pdf")
    # Refused before any text is drawn: far within the web worker's 30 s timeout.
    assert time.monotonic() - started < pdf.TIME_BUDGET_SECONDS


def test_a_real_letter_of_100_pages_is_read_whole():
    text = read_letter_source(hundred_page_letter(), filename="lange-brief.pdf")
    for n in (1, 50, 100):
        assert f"Pagina {n} van de brief" in text
    assert text.count("het kabinet informeert uw Kamer") == 4000


def test_reading_stops_at_the_time_budget(monkeypatch):
    """Work the content check cannot see (here: two pages under the content bound,
    each taking seconds) is cut off by the wall-time budget."""
    monkeypatch.setattr(pdf, "TIME_BUDGET_SECONDS", 1)
    slow = inflating_pdf(pages=3, inflated_bytes=2_000_000)
    started = time.monotonic()
    with pytest.raises(UnreadableSource, match="duurde langer dan 1 seconden en is afgebroken"):
        read_letter_source(slow, filename="traag.pdf")
    assert time.monotonic() - started < 5


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 5)
    six = build_pdf([0] * 6, [text_content(["Een regel tekst over de missie in Mali."] * 5)])
    with pytest.raises(UnreadableSource, match="heeft 6 pagina's; er worden er hoogstens 5 gelezen"):
        read_letter_source(six, filename="dik.pdf")


@pytest.mark.django_db
def test_the_admin_upload_answers_the_hostile_pdf_with_the_message(editor_client):
    upload = SimpleUploadedFile("vijandig.pdf", HOSTILE, content_type="application/pdf")
    response = editor_client.post(reverse("admin:letters_letter_from_text"), {"upload": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "vijandig.pdf: Het PDF-bestand bevat meer tekstopdrachten dan er gelezen worden" in page


@pytest.mark.django_db
def test_extract_letter_refuses_the_hostile_pdf(tmp_path):
    path = tmp_path / "vijandig.pdf"
    path.write_bytes(HOSTILE)
    with pytest.raises(CommandError, match="vijandig.pdf: Het PDF-bestand bevat meer tekstopdrachten"):
        call_command("extract_letter", str(path))


@pytest.mark.django_db
def test_import_letters_reports_the_hostile_pdf_and_goes_on(tmp_path, capsys):
    (tmp_path / "vijandig.pdf").write_bytes(HOSTILE)
    (tmp_path / "lange-brief.pdf").write_bytes(hundred_page_letter())
    with pytest.raises(CommandError):
        call_command("import_letters", str(tmp_path))
    out = capsys.readouterr()
    assert "meer tekstopdrachten dan er gelezen worden" in out.out + out.err
    assert Letter.objects.count() == 1
