"""Missions matched against their aliases, with the sentence and a decision."""

import pytest

from letters.ingest.clean import clean_text
from letters.ingest.missions import REFERENCE_MISSIONS, find_missions, fold, load_reference_missions
from letters.ingest.types import MissionNames

MISSIONS = (
    MissionNames("minusma", "MINUSMA", ("MINUSMA", "VN-missie in Mali", "VN-missie MINUSMA")),
    MissionNames(
        "anti-isis-coalitie", "Anti-ISIS-coalitie", ("anti-ISIS-coalitie", "strijd tegen ISIS")
    ),
    MissionNames(
        "eutm-mali",
        "EUTM Mali",
        ("EUTM Mali", "EU-trainingsmissie in Mali", "trainingsmissie in Mali"),
    ),
    MissionNames(
        "eucap-sahel-niger",
        "EUCAP Sahel Niger",
        ("EUCAP Sahel Niger", "EU-missies in Mali en Niger"),
    ),
    MissionNames(
        "eucap-sahel-mali", "EUCAP Sahel Mali", ("EUCAP Sahel Mali", "EU-missies in Mali en Niger")
    ),
    MissionNames("resolute-support", "Resolute Support", ("Resolute Support",)),
    MissionNames("sophia", "Operation Sophia", ("Sophia",)),
)


def missions(text: str, known=MISSIONS):
    clean = clean_text(text)
    found = find_missions(clean, known)
    for mention in found:
        assert clean.text[mention.start : mention.end] == mention.matched
        assert mention.text in clean.text
    return found


def test_fold_keeps_positions():
    text = "De VN-missie in Mali – geïntegreerd, Ø, İstanbul."
    assert len(fold(text)) == len(text)
    assert fold("VN-Missie GEÏNTEGREERD") == "vn missie geintegreerd"


@pytest.mark.parametrize(
    "text",
    [
        "Nederland levert een bijdrage aan de VN-missie in Mali.",
        "Nederland levert een bijdrage aan de vn-missie in mali.",
        "Nederland levert een bijdrage aan de VN missie in Mali.",
        "Nederland levert een bijdrage aan MINUSMA.",
    ],
)
def test_aliases_match_regardless_of_case_hyphens_and_diacritics(text):
    assert [m.slug for m in missions(text)] == ["minusma"]


def test_matches_stand_on_word_boundaries():
    assert missions("De MINUSMAX-studie en het woord sophiatje noemen geen missie.") == []


def test_isis_alone_is_not_the_coalition():
    assert missions("De opkomst van ISIS heeft de aantrekkingskracht blootgelegd.") == []
    assert [m.slug for m in missions("Nederland blijft bijdragen aan de strijd tegen ISIS.")] == [
        "anti-isis-coalitie"
    ]


def test_longest_alias_wins():
    found = missions("Nederland nam deel aan de EU-trainingsmissie in Mali.")
    assert [(m.slug, m.matched) for m in found] == [("eutm-mali", "EU-trainingsmissie in Mali")]


def test_shared_alias_names_each_mission():
    found = missions("Daarnaast waren in de EU-missies in Mali en Niger civiele adviseurs actief.")
    assert [m.slug for m in found] == ["eucap-sahel-niger", "eucap-sahel-mali"]


@pytest.mark.parametrize(
    "sentence, decision",
    [
        ("De huidige bijdrage aan MINUSMA wordt per 1 mei 2019 beëindigd.", "end"),
        (
            "Het kabinet heeft besloten de bijdrage aan MINUSMA te verlengen tot eind 2017.",
            "extension",
        ),
        (
            "Het kabinet heeft besloten de bijdrage aan Resolute Support te intensiveren.",
            "intensification",
        ),
        ("Het kabinet heeft besloten deel te nemen aan de operatie Sophia.", "start"),
        ("Nederland zal een eenheid bijdragen aan MINUSMA.", "start"),
        ("De bijdrage aan MINUSMA gaat per 1 januari van start.", "start"),
        (
            "Zoals gemeld in de voortgangsrapportage over de strijd tegen ISIS traint Nederland.",
            "report",
        ),
        ("Nederland levert een bijdrage aan MINUSMA.", None),
        ("De NAVO verzocht Nederland om intensivering van de bijdrage aan Resolute Support.", None),
        ("Het kabinet onderzoekt de verlenging van de bijdrage aan MINUSMA.", None),
        ("Over de bijdrage aan Resolute Support wordt op korte termijn besloten.", None),
    ],
)
def test_decision_from_the_sentence(sentence, decision):
    assert [m.decision for m in missions(sentence)] == [decision]


def test_decision_stays_with_its_own_clause():
    found = missions(
        "Nederland draagt bij aan MINUSMA, de strijd tegen ISIS en zal bijdragen aan Resolute Support."
    )
    assert [(m.slug, m.decision) for m in found] == [
        ("minusma", None),
        ("anti-isis-coalitie", None),
        ("resolute-support", "start"),
    ]


def test_mention_carries_its_sentence():
    found = missions("Een eerste zin. Het kabinet steunt MINUSMA in Mali. Een derde zin.")
    assert found[0].text == "Het kabinet steunt MINUSMA in Mali."


def test_no_missions_without_aliases():
    assert missions("Een brief over MINUSMA.", known=()) == []


def test_reference_file_loads_every_mission_with_its_aliases():
    loaded = {m.slug: m for m in load_reference_missions(REFERENCE_MISSIONS)}
    assert {
        "minusma",
        "resolute-support",
        "enhanced-forward-presence",
        "anti-isis-coalitie",
    } <= set(loaded)
    assert "VN-missie in Mali" in loaded["minusma"].aliases
    # "missie in Mali" would also be an EU mission in Mali: not an alias of MINUSMA.
    assert "missie in Mali" not in loaded["minusma"].aliases
    assert [m.slug for m in missions("De EU-missie in Mali traint.", tuple(loaded.values()))] != [
        "minusma"
    ]
