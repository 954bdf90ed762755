"""Recommendations: enumerated lists after a sentence about recommendations or
main conclusions, and "Aanbeveling N" headings."""

from pathlib import Path

from letters.ingest.clean import clean_text
from letters.ingest.recommendations import find_recommendations

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def recommendations(text: str):
    clean = clean_text(text)
    found = find_recommendations(clean)
    for item in found:
        assert clean.text[item.start : item.end] == item.text
    return found


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_policy_review_recommendations_of_seed_000():
    found = recommendations(seed("000"))
    assert [r.number for r in found] == ["1", "2", "3"]
    assert found[0].text.startswith(
        "Budgetneutrale ontvlechting van de trekkingsrechten van Buitenlandse Zaken"
    )
    # The sub-items of recommendation 2 belong to it.
    assert found[1].text.startswith("Door de ontwikkeling van andere soorten inzet")
    assert found[1].text.endswith(
        "• Flexibele en snel inzetbare capaciteit (mensen en middelen) voor conflictpreventie."
    )
    assert found[2].text == "Een passend budget voor internationale inzet."
    assert {r.report for r in found} == {"Beleidsdoorlichting Budget Internationale Veiligheid"}


def test_main_conclusions_of_the_wrr_report_in_seed_002():
    found = recommendations(seed("002"))
    assert [r.number for r in found] == ["1", "2", "3"]
    assert found[0].text == (
        "De veiligheidssituatie van Nederland is verslechterd. Richt de organisatie van het veiligheidsbeleid daarop in."
    )
    assert found[2].text.endswith("nopen tot meer focus en extra investeringen.")
    assert found[0].report == (
        "Veiligheid in een Wereld van Verbindingen. Een Strategische Visie op het Defensiebeleid"
    )


def test_seeds_without_recommendations():
    for prefix in ("001", "003", "004"):
        assert recommendations(seed(prefix)) == []


def test_a_list_not_about_recommendations_is_not_taken():
    text = (
        "In de toekomst kunnen uit het budget de volgende soorten inzet worden gefinancierd:\n"
        "1) inzet van de krijgsmacht aan de oostflank;\n"
        "2) inzet in crisisbeheersingsoperaties.\n"
    )
    assert recommendations(text) == []


def test_lettered_recommendations_with_a_heading():
    text = (
        "Aanbevelingen\n\nHet advies van de AIV bevat de volgende aanbevelingen:\n"
        "a) Versterk de samenwerking met de partners in de regio.\n"
        "b) Investeer in kennis van de regio.\n\nHet kabinet neemt beide over.\n"
    )
    found = recommendations(text)
    assert [(r.number, r.text) for r in found] == [
        ("a", "Versterk de samenwerking met de partners in de regio."),
        ("b", "Investeer in kennis van de regio."),
    ]
    assert found[0].report == "Advies"


def test_recommendation_headings():
    text = (
        "Het kabinet reageert hieronder op de aanbevelingen uit het rapport.\n\n"
        "Aanbeveling 1: Zorg voor een meerjarig budget\n\n"
        "Het kabinet neemt deze aanbeveling over.\n\n"
        "Aanbeveling 2\n\nVersterk de kennisfunctie.\n"
    )
    found = recommendations(text)
    assert [(r.number, r.text) for r in found] == [
        ("1", "Zorg voor een meerjarig budget"),
        ("2", "Versterk de kennisfunctie."),
    ]
