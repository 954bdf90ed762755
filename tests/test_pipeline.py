"""The whole pipeline on the five seed letters: exactly what a careful reader
finds in them (citations, euro amounts, signatories, missions), the offset
invariant for every item, and the ``--json`` shape."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from letters.ingest.missions import load_reference_missions
from letters.ingest.pipeline import extract, extraction_to_json

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
MISSIONS = load_reference_missions()

EXPECTED = {
    "000": {
        "citations": {"31516-20"},
        "amounts": ["30000000", "30000000", "59500000", "190000000"],
        "missions": {"baltic-air-policing", "enhanced-forward-presence", "snmg2"},
    },
    "001": {
        "citations": {"29521-226", "32605-94", "33694-1", "33694-6", "33763-1"},
        "amounts": ["260000000"],
        "missions": {
            "anti-isis-coalitie",  # "de Nederlandse trainingsmissie in Irak" against ISIS (2016)
            "baltic-air-policing",  # "Air Policing boven de Baltische staten"
            "enhanced-forward-presence",
            "eunavfor-med-sophia",
            "minusma",
            "resolute-support",
            "vjtf",  # "NATO Response Force", "VJTF"
        },
    },
    "002": {
        "citations": set(),  # "AIV-briefadvies nr. 32" is no Kamerstuk
        "amounts": ["40000000", "1000000000", "1500000000"],
        "missions": {"minusma"},  # "de VN-missie in Mali"
    },
    "003": {
        "citations": {
            "19637-2375",
            "22112-2714",
            # "Kamerstukken 33 694 en 26 643, nr. 47" is kst-33694-47 only (issue 19, item 9)
            "26643-614",
            "27925-662",
            "28676-308",
            "29282-184",
            "29614-108",
            "29754-536",
            "30821-100",
            "30821-72",
            "30821-73",
            "30821-81",
            "30821-91",
            "30821-92",
            "30977-154",
            "32734-40",
            "32752-54",
            "33694-12",
            "33694-47",
            "33694-56",
            "34700-34",
            "34919-1",
            "34952-1",
            "35189-7",
            "35207-1",
            "35210-1",
            "35300-V-14",
            "35373-1",
            "35403-1",
        },
        "amounts": [
            "1500000000",
            "162000000",
            "1900000000",
            "200000000",
            "23800000",
            "2200000",
            "5000000",
            "2200000",
            "23800000",
            "10000000",
            "40000000",
            "3000000",
        ],
        "missions": {
            "anti-isis-coalitie",
            "emasoh",  # "maritieme missie EMASOH", "missie in de Straat van Hormuz"
            "enhanced-forward-presence",
            "euam-iraq",  # "EU Adviesmissie in Irak"
            "eucap-sahel-mali",  # "de civiele EU-missies in Mali en Niger"
            "eucap-sahel-niger",
            "eutm-mali",  # "de militaire EU-trainingsmissie in Mali"
            "minusma",
            "resolute-support",
            "vjtf",  # "enhanced NATO Response Force"
        },
    },
    "004": {
        "citations": {
            "27925-629",
            "27925-630",
            "28676-301",
            # "Kamerstukken 33694 en 29 521, nr. 11" is kst-33694-11 only
            "29521-360",
            "33694-11",
            "33694-12",
            "34919-1",
            "34919-6",
            "34952-1",
        },
        "amounts": [],
        "missions": {
            "anti-isis-coalitie",
            "enhanced-forward-presence",
            "eucap-sahel-mali",  # "de EU-capaciteitsopbouwmissies in de Sahel"
            "eucap-sahel-niger",
            "eutm-mali",  # "de EU-trainingsmissie in de Sahel"
            "minusma",
            "nato-mission-iraq",  # "de NAVO-capaciteitsopbouwmissie in Irak"
            "resolute-support",
        },
    },
}


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def extractions():
    return {
        prefix: extract(seed_path(prefix).read_text(encoding="utf-8"), MISSIONS)
        for prefix in EXPECTED
    }


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_citations_of_each_seed(extractions, prefix):
    assert {c.key.key for c in extractions[prefix].citations} == EXPECTED[prefix]["citations"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_euro_amounts_of_each_seed(extractions, prefix):
    assert [a.euro for a in extractions[prefix].amounts] == [
        Decimal(e) for e in EXPECTED[prefix]["amounts"]
    ]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_mission_slugs_of_each_seed(extractions, prefix):
    assert {m.slug for m in extractions[prefix].missions} == EXPECTED[prefix]["missions"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_signatories_and_kind_match_the_hand_entered_sidecar(extractions, prefix):
    sidecar = json.loads(seed_path(prefix).with_suffix(".json").read_text(encoding="utf-8"))
    meta = extractions[prefix].metadata
    assert [{"name": s.name, "function": s.function} for s in meta.signatories] == sidecar[
        "signatories"
    ]
    assert meta.kind == sidecar["kind"]
    if "date" in sidecar:
        assert meta.date.isoformat() == sidecar["date"]
    if "number" in sidecar:
        assert (meta.key.dossier, meta.key.number) == (sidecar["dossier"], sidecar["number"])
        assert meta.vergaderjaar == sidecar["vergaderjaar"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_item_points_at_its_text(extractions, prefix):
    extraction = extractions[prefix]
    text = extraction.clean.text
    for item in [
        *extraction.citations,
        *extraction.proceedings,
        *extraction.amounts,
        *extraction.recommendations,
    ]:
        assert text[item.start : item.end] == item.text
    for mention in extraction.missions:
        assert text[mention.start : mention.end] == mention.matched
        sentence_at = text.rfind(mention.text, 0, mention.start + len(mention.text))
        assert 0 <= sentence_at <= mention.start and mention.end <= sentence_at + len(mention.text)
    for amount in extraction.amounts:
        assert amount.text in amount.sentence
    for ref in extraction.clean.footnote_refs:
        assert 0 < ref.offset <= len(text)


def test_footnote_citations_are_marked(extractions):
    assert all(c.in_footnote for c in extractions["001"].citations)
    in_body = {c.key.key for c in extractions["003"].citations if not c.in_footnote}
    assert in_body == {"33694-12", "34700-34", "34919-1", "34952-1", "19637-2375", "35189-7"}


def test_handelingen_of_seed_003(extractions):
    assert [p.key for p in extractions["003"].proceedings] == [
        "h-tk-20192020-23-4",
        "h-tk-20192020-23-7",
        "h-tk-20192020-24-24",
    ]


def test_amounts_become_budget_line_proposals(extractions):
    first = extractions["000"].amounts
    assert [a.instrument for a in first] == ["BZ", "BHOS", "Defensie", ""]
    by_text = {a.text: a for a in extractions["003"].amounts}
    assert by_text["€ 162 miljoen"].qualifiers == ("structureel", "extra", "per jaar")
    assert by_text["€ 1,9 miljard"].years == (2020, 2029)
    assert by_text["3 miljoen"].instrument == "BZ"


def test_decisions_in_the_seeds(extractions):
    def decisions(prefix):
        return {(m.slug, m.decision) for m in extractions[prefix].missions if m.decision}

    assert decisions("001") == {
        ("anti-isis-coalitie", "extension"),
        ("eunavfor-med-sophia", "start"),
        ("enhanced-forward-presence", "start"),
    }
    assert ("minusma", "end") in decisions("004")
    assert ("resolute-support", "intensification") in decisions("004")
    assert ("eutm-mali", "extension") in decisions("004")
    assert decisions("002") == set() and decisions("000") == set()


def test_recommendations_of_the_seeds(extractions):
    assert [r.number for r in extractions["000"].recommendations] == ["1", "2", "3"]
    assert [r.number for r in extractions["002"].recommendations] == ["1", "2", "3"]
    assert all(not extractions[p].recommendations for p in ("001", "003", "004"))


def test_extract_without_missions_finds_none():
    extraction = extract(seed_path("004").read_text(encoding="utf-8"))
    assert extraction.missions == []
    assert extraction.citations  # the rest still works


def test_json_shape(extractions):
    data = extraction_to_json(extractions["001"])
    json.dumps(data)  # plain JSON types only
    assert set(data) == {
        "identifier",
        "dossiers",
        "kind",
        "document_type",
        "senders",
        "date",
        "year",
        "vergaderjaar",
        "title",
        "signatories",
        "citations",
        "proceedings",
        "amounts",
        "missions",
        "recommendations",
        "paragraphs",
        "footnotes",
    }
    assert data["identifier"] == "33694-9"
    assert data["vergaderjaar"] == "2015-2016"
    assert data["year"] == 2016 and data["date"] is None
    assert data["footnotes"] == 7
    assert data["citations"][0] == {
        "key": "29521-226",
        "dossier": "29521",
        "number": "226",
        "other_dossiers": [],
        "text": "Kamerstuk 29 521, nr. 226",
        "start": data["citations"][0]["start"],
        "end": data["citations"][0]["end"],
    }
    assert set(data["missions"][0]) == {"name", "slug", "text", "start", "end", "decision"}

    first = extraction_to_json(extractions["000"])
    assert first["date"] == "2018-03-28"
    assert first["amounts"][2] == {
        "euro": "59500000",
        "text": "59,5 miljoen euro",
        "start": first["amounts"][2]["start"],
        "end": first["amounts"][2]["end"],
        "qualifiers": [],
    }
    assert first["recommendations"][2] == {
        "number": "3",
        "text": "Een passend budget voor internationale inzet.",
    }
    chapter = next(
        c for c in extraction_to_json(extractions["003"])["citations"] if c["key"] == "35300-V-14"
    )
    assert (chapter["dossier"], chapter["number"]) == ("35300-V", "14")


def test_extraction_is_deterministic():
    raw = seed_path("003").read_text(encoding="utf-8")
    assert extraction_to_json(extract(raw, MISSIONS)) == extraction_to_json(extract(raw, MISSIONS))


# -- robustness: whatever is pasted, extraction answers and its offsets hold -------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TOKENS = st.sampled_from(
    [
        "Kamerstuk",
        "Kamerstukken",
        "33 694,",
        "nr.",
        "nrs.",
        "12",
        "en",
        "€",
        "EUR",
        "euro",
        "1,5",
        "miljoen",
        "miljard",
        "per jaar",
        "MINUSMA",
        "VN-missie",
        "in Mali",
        "strijd tegen ISIS",
        "•",
        "–",
        "1)",
        "2.",
        "a)",
        "Aanbevelingen",
        "De Minister van Defensie,",
        "S.A. Blok",
        "Den Haag,",
        "28 maart 2018",
        "Handelingen II 2019/20,",
        "item 4",
        "kst-33694-9",
        "«",
        "»",
        "(",
        ")",
        "-",
        "\n",
        "\n\n",
        "\n\n\n",
        " ",
        "1",
        "2",
        "Toetsingskader1",
        "beleidsdoor-",
        "lichting",
        "jl.",
        "’s-Gravenhage 2016 Tweede Kamer, vergaderjaar 2015–2016, 33 694, nr. 9 1",
    ]
)
JUNK = st.one_of(
    st.text(max_size=200),
    st.lists(TOKENS, max_size=80).map(" ".join),
    st.lists(TOKENS, max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK)
def test_property_any_text_extracts_without_error(raw):
    extraction = extract(raw, MISSIONS)
    text = extraction.clean.text
    for item in [
        *extraction.citations,
        *extraction.proceedings,
        *extraction.amounts,
        *extraction.recommendations,
    ]:
        assert text[item.start : item.end] == item.text
    for mention in extraction.missions:
        assert text[mention.start : mention.end] == mention.matched
    json.dumps(extraction_to_json(extraction))
