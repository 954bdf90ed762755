"""Euro amounts: exact Decimals with their qualifiers, years and budget."""

from decimal import Decimal

import pytest

from letters.ingest.amounts import find_amounts, parse_amount
from letters.ingest.clean import clean_text


def amounts(text: str):
    clean = clean_text(text)
    found = find_amounts(clean)
    for amount in found:
        assert clean.text[amount.start : amount.end] == amount.text
        assert isinstance(amount.euro, Decimal)
    return found


@pytest.mark.parametrize(
    "written, euros",
    [
        ("30 miljoen euro", "30000000"),
        ("€ 1,5 miljard", "1500000000"),
        ("€1,5 miljard", "1500000000"),
        ("EUR 10 miljoen", "10000000"),
        ("59,5 miljoen euro", "59500000"),
        ("€ 2,2 miljoen euro", "2200000"),
        ("€ 23,8 miljoen", "23800000"),
        ("€ 1.500.000", "1500000"),
        ("€ 15.000,50", "15000.50"),
        ("500 euro", "500"),
        ("€ 10 mln", "10000000"),
        ("€ 250 duizend", "250000"),
    ],
)
def test_written_amounts_are_exact_euros(written, euros):
    found = amounts(f"Het kabinet stelt {written} beschikbaar voor de missie.")
    assert [a.euro for a in found] == [Decimal(euros)]
    assert found[0].text == written
    assert parse_amount(written) == Decimal(euros)


def test_amounts_are_never_floats():
    assert parse_amount("€ 0,1 miljoen") == Decimal("100000")
    assert str(parse_amount("59,5 miljoen euro")) == "59500000"


def test_percentages_and_people_are_not_amounts():
    text = (
        "Het aandeel groeit van 1,17% in 2017 naar 2 procent van het bbp. In de regio zijn "
        "3 miljoen mensen op de vlucht en er is 5 miljard dollar aan steun toegezegd."
    )
    assert amounts(text) == []


def test_bare_millions_count_in_a_money_context():
    found = amounts(
        "Daarnaast is additioneel 3 miljoen per jaar beschikbaar gesteld op basis van het amendement."
    )
    assert [(a.euro, a.qualifiers) for a in found] == [
        (Decimal(3000000), ("additioneel", "per jaar"))
    ]
    assert amounts("Er wonen 3 miljoen per vierkante kilometer in de begroting van de stad.") != []
    assert amounts("De stad telt ongeveer 3 miljoen inwoners.") == []


def test_a_year_before_an_amount_is_not_read_as_euros():
    found = amounts("Het kabinet investeert in 2018 € 5 miljoen in de krijgsmacht.")
    assert [(a.euro, a.years) for a in found] == [(Decimal(5000000), (2018,))]


def test_a_range_takes_the_unit_of_its_second_number():
    found = amounts("De kosten bedragen € 10 tot 20 miljoen per jaar.")
    assert [a.euro for a in found] == [Decimal(10000000), Decimal(20000000)]


def test_qualifiers_and_years_belong_to_their_own_amount():
    text = (
        "Het kabinet investeerde vanuit de voorjaarsnota structureel € 162 miljoen extra per jaar en "
        "voor de jaren 2020–2029 incidenteel € 1,9 miljard (gemiddeld ongeveer € 200 miljoen per jaar "
        "in die periode). Er zijn middelen opgenomen die oplopen van EUR 10 miljoen in 2018 tot "
        "EUR 40 miljoen structureel vanaf 2021."
    )
    found = {a.text: a for a in amounts(text)}
    assert found["€ 162 miljoen"].qualifiers == ("structureel", "extra", "per jaar")
    assert found["€ 1,9 miljard"].qualifiers == ("incidenteel",)
    assert found["€ 1,9 miljard"].years == (2020, 2029)
    assert found["€ 200 miljoen"].qualifiers == ("gemiddeld", "per jaar")
    assert found["EUR 10 miljoen"].years == (2018,)
    assert found["EUR 40 miljoen"].years == (2021,)
    assert found["EUR 40 miljoen"].qualifiers == ("structureel",)


def test_instrument_from_the_name_before_the_parenthesis():
    text = (
        "Dit betekent dat de daarbij behorende budgetten van BZ (30 miljoen euro), BH&OS (30 miljoen "
        "euro) en Defensie (59,5 miljoen euro) al bij de ontwerpbegroting worden geplaatst."
    )
    assert [a.instrument for a in amounts(text)] == ["BZ", "BHOS", "Defensie"]


def test_instrument_named_in_the_sentence_and_sentence_is_kept():
    found = amounts(
        "Het kabinet investeert een bedrag oplopend tot € 1,5 miljard per jaar in Defensie. "
        "Het resterende budget van 190 miljoen euro is beschikbaar."
    )
    assert [(a.instrument, a.qualifiers) for a in found] == [
        ("Defensie", ("oplopend", "per jaar")),
        ("", ()),
    ]
    assert (
        found[0].sentence
        == "Het kabinet investeert een bedrag oplopend tot € 1,5 miljard per jaar in Defensie."
    )
