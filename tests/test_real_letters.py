"""Real letters in every form an editor meets them (official web page with and
without its furniture block, official PDF text, the Tweede Kamer's page, a
ministry letterhead, a Word file, older layouts, a budget chapter, a
sub-dossier, a letter in two dossiers) and the five seeds: the targets of
issue 17 on the figures ``python -m tests.real_letters`` prints."""

from datetime import date

import pytest

from letters.ingest.pipeline import extract, extraction_to_json
from tests.real_letters import REAL, Case, load_cases, measure


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_cases()


def test_targets_over_all_real_letters(cases):
    figures = measure(cases)
    assert figures.letters >= 20
    assert figures.identifier_right / figures.letters >= 0.95
    assert figures.date_right == figures.letters
    assert figures.signatories_right == figures.letters
    assert figures.precision >= 0.98 and figures.recall >= 0.98
    assert figures.titles_with_furniture == []


@pytest.mark.parametrize("name", [
    "kst-21501-28-73.web.txt", "kst-31243-16.web.txt", "kst-29521-291.pdf.txt",
    "kst-34919-3.web.txt", "kst-26488-106.web.txt", "tk-2025D50472.web.txt",
])
def test_each_form_gives_its_identifier_dossiers_and_heading(cases, name):
    case = next(c for c in cases if c.name == name)
    meta = case.extraction.metadata
    assert case.identifier_right(), (case.found_identifier(), meta.dossiers)
    assert meta.vergaderjaar == case.expected["vergaderjaar"]
    assert meta.document_type == case.expected["document_type"]
    assert meta.senders == case.expected["senders"]


def test_no_page_furniture_in_any_body(cases):
    for case in cases:
        body = case.extraction.clean.text
        for furniture in ("Naar boven", "X Noot", "XNoot", "Datum publicatie", "Ondertekenaars",
                          "Brief regering", "kst-", "ISSN"):
            assert furniture not in body, (case.name, furniture)


def test_web_page_footnotes_become_footnotes(cases):
    case = next(c for c in cases if c.name == "kst-21501-28-73.web.txt")
    clean = case.extraction.clean
    notes = [clean.text[b.start : b.end] for b in clean.blocks if b.kind == "footnote"]
    assert notes == ["Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer."]
    assert [r.marker for r in clean.footnote_refs] == ["1"]
    assert "Vraagstukken. Het betreft" in clean.text  # the marker "1" left the body


def test_joint_letter_keeps_its_other_dossier_and_titles(cases):
    meta = next(c for c in cases if c.name == "kst-29383-405.web-excerpt.txt").extraction.metadata
    assert meta.dossiers == ["29383", "28973"] and meta.other_dossiers == ["28973"]
    assert meta.dossier_titles == {
        "29383": "Regelgeving Ruimtelijke Ordening en Milieu",
        "28973": "Toekomst veehouderij",
    }


def test_budget_chapter_and_sub_dossier(cases):
    by_name = {c.name: c.extraction.metadata for c in cases}
    assert by_name["kst-33000-X-60.web.txt"].dossier_titles["33000-X"].startswith("Vaststelling van")
    assert by_name["kst-21501-28-73.web.txt"].dossiers == ["21501-28"]


def test_letterhead_subject_date_reference_and_ministry(cases):
    meta = next(c for c in cases if c.name == "bz-1999-DEU-33-99.letterhead.txt").extraction.metadata
    assert meta.title == "Bezoeken parlementariërs"
    assert meta.date == date(1999, 1, 27)
    assert meta.reference == "DEU-33/99"
    assert meta.ministries == ["Buitenlandse Zaken"]


def test_title_from_heading_and_dossier_without_a_self_description(cases):
    meta = next(c for c in cases if c.name == "kst-29521-291.web.txt").extraction.metadata
    assert meta.title == (
        "Brief van de ministers van Defensie en van Buitenlandse Zaken — "
        "Nederlandse deelname aan vredesmissies"
    )


def test_the_same_letter_from_web_page_and_pdf_reads_the_same(cases):
    web = next(c for c in cases if c.name == "kst-29521-291.web.txt").extraction
    pdf = next(c for c in cases if c.name == "kst-29521-291.pdf.txt").extraction
    assert web.clean.text == pdf.clean.text
    assert extraction_to_json(web) == extraction_to_json(pdf)


def test_json_has_dossiers_main_first_and_kind(cases):
    data = extraction_to_json(
        next(c for c in cases if c.name == "kst-29383-405.web-excerpt.txt").extraction
    )
    assert data["identifier"] == "29383-405"
    assert data["dossiers"] == ["29383", "28973"]
    assert data["document_type"] == "brief"
    assert data["senders"] == ["Staatssecretaris van Infrastructuur en Waterstaat"]
    assert "kind" in data


def test_eerste_kamer_document_is_read_without_a_number():
    """The Eerste Kamer letters its documents ("C BRIEF VAN …"): the heading, dossier and
    vergaderjaar are read; the identifier stays empty (a key has a numbered document)."""
    raw = (
        "Eerste Kamer der Staten-Generaal 1\nVergaderjaar 2017–2018\n\n"
        "34 775 V Vaststelling van de begrotingsstaten van het Ministerie van Buitenlandse "
        "Zaken (V) voor het jaar 2018\n\nC BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\n"
        "Aan de Voorzitter van de Eerste Kamer der Staten-Generaal\n\nDen Haag, 8 mei 2018\n\n"
        "Hierbij informeer ik uw Kamer over de stand van zaken van het postennet.\n\n"
        "De Minister van Buitenlandse Zaken,\nS.A. Blok\n\n\n"
        "kst-34775-V-C\nISSN 0921 - 7371\n’s-Gravenhage 2018 Eerste Kamer, vergaderjaar "
        "2017–2018, 34 775 V, C 1\n"
    )
    extraction = extract(raw)
    meta, header = extraction.metadata, extraction.clean.header
    assert header.chamber == "Eerste Kamer" and header.heading.startswith("BRIEF VAN")
    assert meta.key is None and meta.vergaderjaar == "2017-2018"
    assert header.dossiers[0].number == "34775-V"
    assert meta.senders == ["Minister van Buitenlandse Zaken"]
    assert "Eerste Kamer der Staten-Generaal 1" not in extraction.clean.text
    assert "kst-" not in extraction.clean.text and "vergaderjaar 2017" not in extraction.clean.text


def test_fixture_readme_names_a_source_for_every_letter(cases):
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    for case in cases:
        if case.path.parent == REAL:
            assert case.name in readme
