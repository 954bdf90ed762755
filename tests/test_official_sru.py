"""The search service: the CQL we send, and what we read from its answers."""

from datetime import date

import pytest

from letters.kamerstuk import InvalidKamerstuk
from letters.official.errors import ServiceError
from letters.official.sru import build_query, parse_sru_response, search_parameters, wanted
from tests.official_support import SRU


def test_the_query_for_a_dossier_and_a_period():
    query = build_query(dossier="35 300 V", since=date(2018, 1, 1), until=date(2020, 12, 31))
    assert query == (
        'c.product-area==officielepublicaties AND dt.type==Kamerstuk AND w.dossiernummer=="35300-V" '
        "AND dt.date>=2018-01-01 AND dt.date<=2020-12-31 sortBy dt.date/sort.ascending"
    )
    assert 'w.dossiernummer=="21501-02"' in build_query(dossier="21 501-02")
    assert "dt.modified>=2024-05-01" in build_query(
        dossier="29521", modified_since=date(2024, 5, 1)
    )


def test_the_query_for_one_publication():
    assert "dt.identifier==kst-33694-9 " in build_query(identifier="KST-33694-9")
    assert "dt.identifier==kst-35300-V-14 " in build_query(identifier="kst-35300-v-14")
    assert "dt.identifier==kst-1268678 " in build_query(identifier="kst-1268678")


def test_nothing_a_user_types_changes_the_query():
    with pytest.raises(InvalidKamerstuk):
        build_query(dossier='29521" OR dt.type==Handeling')
    with pytest.raises(InvalidKamerstuk):
        build_query(identifier="kst-33694-9 OR x")
    with pytest.raises(TypeError):
        build_query(since="2018-01-01; drop")


def test_the_request_parameters():
    assert search_parameters("q", start=3, page_size=2) == {
        "operation": "searchRetrieve",
        "version": "2.0",
        "recordSchema": "gzd",
        "startRecord": "3",
        "maximumRecords": "2",
        "query": "q",
    }
    with pytest.raises(ValueError):
        search_parameters("q", page_size=5000)


def test_a_page_of_results():
    page = parse_sru_response((SRU / "dossier-33694-page-1.xml").read_bytes())
    assert (page.total, page.next_position) == (3, 3)
    first, second = page.records
    assert first.identifier == "kst-33694-9"
    assert (first.publication_type, first.kamerstuk_type, first.kind) == (
        "Kamerstuk",
        "Brief regering",
        "brief",
    )
    assert (first.dossiers, first.number, first.vergaderjaar) == (("33694",), "9", "2015-2016")
    assert (first.date, first.modified) == (date(2016, 9, 9), date(2016, 9, 13))
    assert first.xml_url == (
        "https://repository.overheid.nl/frbr/officielepublicaties/kst/33694/kst-33694-9/1/xml/kst-33694-9.xml"
    )
    assert first.metadata_url.endswith("/kst/33694/kst-33694-9/1/metadata/metadata.xml")
    assert first.preferred_url == "https://zoek.officielebekendmakingen.nl/kst-33694-9.html"
    assert (first.position, second.position, second.identifier) == (1, 2, "kst-33694-57")


def test_the_last_page_and_no_results():
    last = parse_sru_response((SRU / "dossier-33694-page-2.xml").read_bytes())
    assert (last.total, last.next_position, [r.identifier for r in last.records]) == (
        3,
        None,
        ["kst-33694-61"],
    )
    zero = parse_sru_response((SRU / "zero.xml").read_bytes())
    assert (zero.total, zero.records, zero.next_position) == (0, (), None)


def test_a_refused_query_and_an_unreadable_answer_are_dutch_errors():
    with pytest.raises(ServiceError, match="weigerde de vraag: Unsupported index"):
        parse_sru_response((SRU / "diagnostic.xml").read_bytes())
    with pytest.raises(ServiceError, match="onleesbaar"):
        parse_sru_response(b"<html><body>Service Unavailable")
    with pytest.raises(ServiceError, match="geen zoekresultaat"):
        parse_sru_response(b"<html><body>Onderhoud</body></html>")


def test_the_kind_filter_keeps_records_that_state_no_kind():
    page = parse_sru_response((SRU / "dossier-33694-page-1.xml").read_bytes())
    letter = page.records[0]
    assert wanted(letter, None) and wanted(letter, "brief") and not wanted(letter, "motie")
    unstated = parse_sru_response(
        (SRU / "dossier-33694-page-1.xml")
        .read_bytes()
        .replace(b"Brief regering", b"")
        .replace(b"; Brief regering;", b";")
    ).records[0]
    assert unstated.kamerstuk_type == "" and wanted(unstated, "motie")
    with pytest.raises(ValueError):
        wanted(letter, "kabinetsreactie")
