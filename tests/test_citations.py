"""Citations of Kamerstukken and Handelingen, as letters write them."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.ingest.citations import find_citations, parse_citation
from letters.ingest.clean import clean_text
from letters.kamerstuk import KamerstukKey, format_dossier


def found(text: str, own_key=None):
    clean = clean_text(text)
    citations, proceedings = find_citations(clean, own_key)
    for item in [*citations, *proceedings]:
        assert clean.text[item.start : item.end] == item.text
    return citations, proceedings


def keys(text: str, own_key=None) -> list[str]:
    return [c.key.key for c in found(text, own_key)[0]]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Zie Kamerstuk 33 694, nr. 12 voor de GBVS.", ["33694-12"]),
        ("(Kamerstukken 33694 en 29 521, nr. 11) die uw Kamer", ["33694-11"]),
        ("het onderzoek naar MINUSMA (Kamerstuk 29 \n521, nr. 360). Zoals", ["29521-360"]),
        ("het regeerakkoord (Bijlage bij Kamerstuk 34 700, \nnr. 34). De", ["34700-34"]),
        ("het amendement (Kamerstuk 35 300 V, nr. 14) over het postennet", ["35300-V-14"]),
        ("het amendement (Kamerstuk 35 300-V, nr. 14) over het postennet", ["35300-V-14"]),
        ("zoals eerder gemeld in 33694, nr.12 aan uw Kamer", ["33694-12"]),
        ("het beeld (Kamerstuk 26 643, nr 640) laat zien", ["26643-640"]),
        ("zie kst-35200-VII-14 en kst-33694-9 voor de details", ["35200-VII-14", "33694-9"]),
        ("(Kamerstukken II 2015/16, 33 694, nr. 9)", ["33694-9"]),
        ("(Kamerstuk 33 694, nrs. 12 en 13)", ["33694-12", "33694-13"]),
        ("de brief (Kamerstukken 33 694 en 26 643, nr. 47).", ["33694-47"]),
        ("Kamerstuk 26 643 en 32 761, nr. 570", ["26643-570"]),
        ("(Kamerstukken II 2019-2020, 26 643 en 32 761, nr. 642)", ["26643-642"]),
        ("(Kamerstukken 33 694 en 26 643, nrs. 47 en 48)", ["33694-47", "33694-48"]),
        # Issue 19, item 10: a full stop typed for the comma, and the plenary form.
        ("het beeld (Kamerstuk 26 643. nr 641) laat zien", ["26643-641"]),
        ("het beeld (Kamerstuk 26 643. nr. 641) laat zien", ["26643-641"]),
        ("zoals besproken (21501-08, nr. 719) in de Kamer", ["21501-08-719"]),
        ("zoals besproken (Kamerstuk 21 501-08, nr. 719) in de Kamer", ["21501-08-719"]),
        ("Kamerstuk 30 821, nr. 91. De AIVD constateert", ["30821-91"]),
        ("Kamerstuk 33 694, nr. 56 – Motie van de leden", ["33694-56"]),
        ("Kamerstuk 33 694, nr. 12, 2018 is de strategie", ["33694-12"]),
    ],
)
def test_written_forms_give_their_keys(written, expected):
    assert keys(written) == expected


@pytest.mark.parametrize(
    "text",
    [
        "zie onder meer AIV-briefadvies nr. 32 «De vertegenwoordiging van Nederland in de wereld»",
        "de begrotingsbehandeling (Handelingen II 2019/20, nr. 23, items 4 en 7)",
        "de uitgaven groeien naar 2% van het bbp in 2024, nr. 5 van de lijst",
        "op 13 juni 2018, nr. 4 van de agenda, besprak de Kamer",
        # Amounts, dates, article numbers and phone numbers beside "nr".
        "het bedrag van € 26.643. nr 641 van de lijst",
        "een bijdrage van 26 643 euro. nr 641 van de lijst",
        "op 26 juni 2019. nr 5 van de agenda",
        "artikel 100. nr 3 van de procedure",
        "bel 070 348 64 86. nr 2 van de lijst",
        "Kamerstuk 34 919. Nr. 3 van de stukken volgt later",
        "in 2019 (2019-08, nr. 719)",
    ],
)
def test_no_false_citations(text):
    assert keys(text) == []


def test_own_number_is_not_a_citation_of_itself():
    text = "Deze brief (Kamerstuk 33 694, nr. 9) volgt op Kamerstuk 33 694, nr. 6."
    assert keys(text, KamerstukKey("33694", 9)) == ["33694-6"]


def test_citations_in_footnotes_are_marked():
    raw = (
        "Deze brief is geen nieuw Toetsingskader1 maar een beschrijving van de overwegingen\n"
        "die het kabinet maakt, zoals ook in Kamerstuk 32 605, nr. 94 te lezen is.\n"
        "\n"
        "1 Toetsingskader is op 22 januari 2014 aangepast (Kamerstuk 29 521, \n"
        "nr. 226).\n"
    )
    citations, _ = found(raw)
    assert [(c.key.key, c.in_footnote) for c in citations] == [
        ("32605-94", False),
        ("29521-226", True),
    ]


def test_handelingen_are_their_own_kind_and_items_count_separately():
    text = (
        "de begrotingsbehandeling (Handelingen II 2019/20, nr. 23, items 4 en 7 en Handelingen II "
        "2019/20, nr. 24, item 24) en Handelingen I 1999/00, nr. 12"
    )
    citations, proceedings = found(text)
    assert citations == []
    assert [p.key for p in proceedings] == [
        "h-tk-20192020-23-4",
        "h-tk-20192020-23-7",
        "h-tk-20192020-24-24",
        "h-ek-19992000-12",
    ]
    assert proceedings[0].text == "Handelingen II 2019/20, nr. 23, items 4 en 7"
    assert proceedings[0].vergaderjaar == "2019-2020"


def test_parse_citation_of_a_single_reference():
    assert parse_citation("Kamerstuk 35 300 V, nr. 14") == [KamerstukKey("35300-V", 14)]
    assert parse_citation("geen verwijzing") == []


# -- property: what we format the way letters write it, we parse back ------------------
CHAPTERS = st.sampled_from([None, "V", "VII", "X", "XVII", "A", "B", "IXB"])


@st.composite
def kamerstuk_keys(draw):
    base = draw(st.integers(min_value=1000, max_value=36999))
    chapter = draw(CHAPTERS)
    dossier = f"{base}-{chapter}" if chapter else str(base)
    return KamerstukKey(dossier, draw(st.integers(min_value=1, max_value=9999)))


def spellings(key: KamerstukKey) -> list[str]:
    written = format_dossier(key.dossier)  # "35 300 V"
    compact = key.dossier.replace("-", " ")  # "35300 V"
    forms = [
        f"Kamerstuk {written}, nr. {key.number}",
        f"Kamerstuk {compact}, nr {key.number}",
        f"Kamerstuk {key.dossier}, nr.{key.number}",
        f"Kamerstukken II 2019/20, {written}, nr. {key.number}",
        f"Bijlage bij Kamerstuk {written}, nr. {key.number}",
        key.official_id,
        key.display,
    ]
    if len(key.dossier.split("-")[0]) == 5:  # bare "33694, nr.12" only for five-digit dossiers
        forms += [f"{written}, nr. {key.number}", f"{compact}, nr.{key.number}"]
    return forms


@settings(max_examples=200, deadline=None)
@given(kamerstuk_keys(), st.data())
def test_property_formatted_citations_parse_back(key, data):
    spelling = data.draw(st.sampled_from(spellings(key)))
    sentence = f"Het kabinet verwijst naar {spelling} voor de achtergrond."
    assert keys(sentence) == [key.key]
    assert parse_citation(spelling) == [key]


@settings(max_examples=100, deadline=None)
@given(kamerstuk_keys(), kamerstuk_keys())
def test_property_two_dossiers_one_number_is_the_first_dossiers(first, second):
    """The number belongs to the first dossier named; the second is its context."""
    number = first.number
    text = f"(Kamerstukken {format_dossier(first.dossier)} en {format_dossier(second.dossier)}, nr. {number})"
    citations, _ = found(text)
    assert [c.key.key for c in citations] == [first.key]
    others = () if second.dossier == first.dossier else (second.dossier,)
    assert citations[0].other_dossiers == others


@settings(max_examples=100, deadline=None)
@given(kamerstuk_keys(), st.sampled_from([", ", ". ", " "]), st.sampled_from(["nr.", "nr"]))
def test_property_separators_before_nr_parse_back(key, separator, nr):
    written = f"Kamerstuk {format_dossier(key.dossier)}{separator}{nr} {key.number}"
    assert keys(f"Het kabinet verwijst naar {written} voor de achtergrond.") == [key.key]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1000, max_value=999999),
    st.integers(min_value=1, max_value=99999),
    st.sampled_from(["€ {n}. nr {m}", "{n} euro. nr {m}", "artikel {n}. nr {m}", "{n}. nr {m}"]),
)
def test_property_numbers_without_kamerstuk_before_a_full_stop_are_no_citation(n, m, template):
    """ "nr" after a full stop only counts after the word Kamerstuk: amounts, years and
    article numbers followed by a sentence about a number are no citations."""
    assert keys("Het gaat om " + template.format(n=n, m=m) + " van de lijst.") == []


def test_numbered_sub_dossiers_are_cited():
    from letters.ingest.citations import parse_citation

    assert [k.key for k in parse_citation("Kamerstuk 21 501-02, nr. 1234")] == ["21501-02-1234"]
    assert [k.key for k in parse_citation("zie 21 501-02, nr. 1234.")] == ["21501-02-1234"]
    assert [k.key for k in parse_citation("kst-21501-02-1234")] == ["21501-02-1234"]
    assert [k.key for k in parse_citation("Kamerstuk 33 694, nr. 12")] == ["33694-12"]
