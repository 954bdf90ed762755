"""The ingest ``Extraction`` of an official publication: what the publication states
wins over what the text suggests; our extractor's citations are compared with the
publisher's links (matched, only the publisher's, only ours)."""

from datetime import date

from letters.ingest.missions import load_reference_missions
from letters.ingest.pipeline import extract
from letters.ingest.types import CitationFound, ProceedingFound
from letters.kamerstuk import KamerstukKey
from letters.official.extraction import official_extraction
from letters.official.links import CitationScore, classify, compare_citations
from letters.official.publication import parse_publication
from letters.official.types import LINK_KAMERSTUK, PublisherLink
from tests.official_support import PUBLICATIONS
from tests.test_official_publication import SEEDS, publication

MISSIONS = load_reference_missions()


def test_what_the_publication_states_wins():
    result = official_extraction(publication("kst-33694-57"), MISSIONS)
    meta = result.extraction.metadata
    assert meta.key == KamerstukKey("33694", 57)
    assert (meta.date, meta.year, meta.vergaderjaar) == (date(2020, 4, 17), 2020, "2019-2020")
    assert (
        meta.title
        == "Voortgangsrapportage Geïntegreerde Buitenland- en Veiligheidsstrategie (GBVS)"
    )
    assert [s.name for s in meta.signatories] == ["S.A. Blok"] and meta.ministries == [
        "Buitenlandse Zaken"
    ]
    # The kind of letter is not stated by the publisher; the text's self-description gives it.
    assert meta.kind == "voortgangsrapportage"


def test_a_text_import_without_number_gets_everything_from_the_official_version():
    """The seed text of kst-33694-57 has no number, date or vergaderjaar; its official
    version has all three, and the same citations, amounts and missions."""
    text = extract((SEEDS / "003_08bbf887f8a3f01b.txt").read_text(), MISSIONS)
    official = official_extraction(publication("kst-33694-57"), MISSIONS).extraction
    assert (text.metadata.key, text.metadata.date, text.metadata.vergaderjaar) == (None, None, None)
    assert official.metadata.key.key == "33694-57"
    assert [c.key for c in official.citations] == [c.key for c in text.citations]
    assert [a.euro for a in official.amounts] == [a.euro for a in text.amounts]
    assert {m.slug for m in official.missions} == {m.slug for m in text.missions}


def test_the_letters_own_number_is_never_a_citation_of_itself():
    xml = (
        (PUBLICATIONS / "kst-35300-V-60.xml")
        .read_bytes()
        .replace(
            b"overleg.</al>",
            b'overleg. Zie ook <extref doc="kst-35300-V-60">35 300 V, nr. 60</extref>.</al>',
        )
    )
    result = official_extraction(parse_publication(xml))
    assert result.extraction.citations == []
    assert result.comparison.score == CitationScore(0, 0, 0)


def test_publisher_links_against_our_citations():
    result = official_extraction(publication("kst-33694-57"))
    comparison = result.comparison
    assert len(result.given_citations) == 40
    only_ours = sorted(f.text for f in comparison.only_ours)
    # "Kamerstukken 33 694 en 26 643, nr. 47" is kst-33694-47 alone, as the publisher
    # links it; "items 4 en 7" are two Handelingen, the publisher links the first.
    assert only_ours == ["Handelingen II 2019/20, nr. 23, items 4 en 7"]
    assert comparison.only_publisher == ()
    assert comparison.score == CitationScore(matched=38, only_publisher=0, only_ours=1)
    assert comparison.score.precision == 38 / 39 and comparison.score.recall == 1.0
    # Web links are not compared: our extractor does not look for them.
    assert all(link.kind != "url" for link, _ in comparison.matched)


def test_a_link_we_do_not_find_and_a_citation_the_publisher_does_not_give():
    text = "Zie de brief (Kamerstuk 33 694, nr. 12) en de Defensienota."
    ours = [CitationFound(KamerstukKey("33694", 12), "Kamerstuk 33 694, nr. 12", 14, 38)]
    given = [
        PublisherLink(
            "kst-34919-1", LINK_KAMERSTUK, "Defensienota", 46, 58, key=KamerstukKey("34919", 1)
        ),
        # the same key as ours, but elsewhere in the text: not a match
        PublisherLink(
            "kst-33694-12", LINK_KAMERSTUK, "brief", 7, 12, key=KamerstukKey("33694", 12)
        ),
    ]
    assert text[46:58] == "Defensienota"
    comparison = compare_citations(given, ours)
    assert comparison.matched == ()
    assert [link.target for link in comparison.only_publisher] == ["kst-33694-12", "kst-34919-1"]
    assert comparison.only_ours == tuple(ours)
    assert comparison.score.precision == 0.0 and comparison.score.recall == 0.0


def test_handelingen_are_compared_by_their_official_id():
    proceeding = ProceedingFound(
        "II", "2019-2020", 23, 4, "Handelingen II 2019/20, nr. 23, item 4", 0, 38
    )
    link = PublisherLink(
        "h-tk-20192020-23-4", "handeling", "Handelingen II 2019/20, nr. 23, item 4", 0, 38
    )
    assert compare_citations([link], [proceeding]).score == CitationScore(1, 0, 0)


def test_scores_add_up_over_letters_and_say_nothing_when_there_is_nothing():
    assert CitationScore(1, 2, 3) + CitationScore(4, 5, 6) == CitationScore(5, 7, 9)
    assert CitationScore().precision is None and CitationScore().recall is None


def test_how_the_publishers_link_targets_are_classified():
    assert classify("kst-33694-12", "document") == ("kamerstuk", KamerstukKey("33694", 12))
    assert classify("kst-35300-V-14") == ("kamerstuk", KamerstukKey("35300-V", 14))
    assert classify("kst-21501-02-2602") == ("kamerstuk", KamerstukKey("21501-02", 2602))
    assert classify("https://zoek.officielebekendmakingen.nl/kst-36800-XIV-80.html", "URL") == (
        "kamerstuk",
        KamerstukKey("36800-XIV", 80),
    )
    assert classify("kst-1268678") == ("kamerstuk", None)
    assert classify("h-tk-20192020-23-4") == ("handeling", None)
    assert classify("stb-2020-118", "document") == ("other", None)
    assert classify("http://www.nato.int", "URL") == ("url", None)


def test_a_motion_gets_no_letter_kind_and_keeps_its_submitters():
    result = official_extraction(publication("kst-33000-X-51"))
    assert result.publication.submitters == ("J.S. Voordewind", "A.M.C. Eijsink")
    assert result.extraction.metadata.date == date(2011, 11, 30)
    assert result.extraction.metadata.signatories == []
