"""Metadata: date, number, signatories, ministries, title suggestion and kind."""

from datetime import date
from pathlib import Path

import pytest

from letters.ingest.clean import clean_text
from letters.ingest.metadata import extract_metadata
from letters.ingest.types import Signatory
from letters.kamerstuk import KamerstukKey

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def metadata(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract_metadata(clean_text(path.read_text(encoding="utf-8")))


def test_date_and_year_from_the_date_line():
    meta = metadata("000")
    assert meta.date == date(2018, 3, 28)
    assert meta.date_text == "Den Haag, 28 maart 2018"
    assert meta.year == 2018


def test_number_and_vergaderjaar_from_the_page_furniture():
    meta = metadata("001")
    assert meta.key == KamerstukKey("33694", 9)
    assert meta.vergaderjaar == "2015-2016"
    assert meta.date is None and meta.year == 2016  # the print year when no date is stated


def test_signatories_with_function_and_ministry():
    assert metadata("000").signatories == [
        Signatory("A.Th.B. Bijleveld-Schouten", "Minister van Defensie", "Defensie"),
        Signatory("S.A. Blok", "Minister van Buitenlandse Zaken", "Buitenlandse Zaken"),
        Signatory(
            "S.A.M. Kaag",
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            "Buitenlandse Handel en Ontwikkelingssamenwerking",
        ),
        Signatory(
            "F.B.J. Grapperhaus", "Minister van Justitie en Veiligheid", "Justitie en Veiligheid"
        ),
    ]


def test_lowercase_function_with_blank_lines_before_the_name():
    meta = metadata("004")
    assert [(s.function, s.name) for s in meta.signatories] == [
        ("Minister van Buitenlandse Zaken", "S.A. Blok"),
        ("Minister van Defensie", "A.Th.B. Bijleveld-Schouten"),
        ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "S.A.M. Kaag"),
        ("Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus"),
    ]
    assert meta.ministries == [
        "Buitenlandse Zaken",
        "Defensie",
        "Buitenlandse Handel en Ontwikkelingssamenwerking",
        "Justitie en Veiligheid",
    ]


@pytest.mark.parametrize(
    "prefix, kind, title",
    [
        (
            "000",
            "kabinetsreactie",
            "Kabinetsreactie op de beleidsdoorlichting van het Budget Internationale Veiligheid (BIV)",
        ),
        (
            "001",
            "beleidsbrief",
            "Samenhang tussen de verschillende bijdragen die Nederland levert in VN, NAVO, EU en/of ander verband",
        ),
        (
            "002",
            "kabinetsreactie",
            "Kabinetsreactie op het rapport «Veiligheid in een Wereld van Verbindingen. Een Strategische Visie op het Defensiebeleid»",
        ),
        (
            "003",
            "voortgangsrapportage",
            "Tussenrapportage over de voortgang van de implementatie van de Geïntegreerde Buitenland- en Veiligheidsstrategie (GBVS)",
        ),
        (
            "004",
            "besluitvorming",
            "Voorziene besluitvorming over toekomstige Nederlandse militaire bijdragen aan missies en operaties",
        ),
    ],
)
def test_kind_and_title_suggestion(prefix, kind, title):
    meta = metadata(prefix)
    assert meta.kind == kind
    assert meta.title == title


def test_kind_is_empty_when_unsure_and_title_falls_back_to_the_first_sentence():
    meta = extract_metadata(
        clean_text("Het weer was goed. Er gebeurde verder weinig in de wereld.")
    )
    assert meta.kind == ""
    assert meta.title == "Het weer was goed"
    assert meta.signatories == [] and meta.date is None


def test_artikel_100_letter():
    text = (
        "Hierbij informeert het kabinet u, conform artikel 100 van de Grondwet, over het besluit "
        "om bij te dragen aan de missie."
    )
    meta = extract_metadata(clean_text(text))
    assert meta.kind == "artikel-100"
    assert meta.title == "Besluit om bij te dragen aan de missie"
