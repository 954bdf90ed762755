"""Fetching a dossier into the local store against the loopback server: files laid
out as the repository lays them out, checked before they are written, resumable
after an interruption, and counted (found, fetched, already stored, refused)."""

from dataclasses import replace

import pytest

from letters.official.client import OfficialClient, Politeness
from letters.official.errors import ServiceUnavailable
from letters.official.fetch import REFUSED, STORED, fetch_records
from letters.official.publication import parse_publication
from letters.official.sru import build_query, parse_sru_response
from letters.official.store import PublicationStore, find_publications, repository_path
from tests.official_support import PUBLICATIONS, SRU, Answer, LoopbackServer
from tests.official_support import REFUSED as REFUSED_FIXTURES

QUERY = build_query(dossier="33694")
FAST = Politeness(pause=0, timeout=5, retries=2, backoff=0.01)
DOCUMENTS = "/frbr/officielepublicaties/kst/"


@pytest.fixture
def server():
    with LoopbackServer() as running:
        running.serve_sru_pages({1: "dossier-33694-page-1.xml", 3: "dossier-33694-page-2.xml"})
        for identifier in ("kst-33694-9", "kst-33694-57", "kst-33694-61"):
            running.serve_publication(identifier, "33694")
        yield running


def fetch(server, store, progress=None):
    with OfficialClient(
        sru_url=server.sru_url, documents_url=server.documents_url, politeness=FAST
    ) as client:
        return fetch_records(
            client.records(QUERY, page_size=2), client=client, store=store, progress=progress
        )


def test_a_dossier_is_fetched_into_the_repository_layout(server, tmp_path):
    store = PublicationStore(tmp_path)
    report = fetch(server, store)
    assert (report.found, report.fetched, report.already_stored, report.refused) == (3, 3, 0, 0)
    assert report.summary() == "gevonden 3, opgehaald 3, al aanwezig 0, geweigerd 0"
    xml = tmp_path / "kst/33694/kst-33694-57/1/xml/kst-33694-57.xml"
    assert xml.read_bytes() == (PUBLICATIONS / "kst-33694-57.xml").read_bytes()
    assert (tmp_path / "kst/33694/kst-33694-57/1/metadata/metadata.xml").is_file()
    # The production addresses in the answer were mapped onto the configured base URL.
    assert sorted(server.paths(DOCUMENTS)) == sorted(
        f"{DOCUMENTS}33694/{i}/1/{kind}"
        for i in ("kst-33694-9", "kst-33694-57", "kst-33694-61")
        for kind in (f"xml/{i}.xml", "metadata/metadata.xml")
    )
    # What was stored is what the importer finds.
    found = list(find_publications([tmp_path]))
    assert [f.identifier for f in found] == ["kst-33694-57", "kst-33694-61", "kst-33694-9"]
    assert all(
        parse_publication(f.xml.read_bytes(), f.metadata.read_bytes()).identifier == f.identifier
        for f in found
    )


def test_a_second_run_downloads_nothing_that_is_stored(server, tmp_path):
    store = PublicationStore(tmp_path)
    fetch(server, store)
    before = len(server.paths(DOCUMENTS))
    report = fetch(server, store)
    assert (report.found, report.fetched, report.already_stored) == (3, 0, 3)
    assert len(server.paths(DOCUMENTS)) == before
    assert [o.status for o in report.outcomes] == [STORED, STORED, STORED]
    assert len(report.available) == 3


def test_resume_after_an_interruption_fetches_only_the_rest(server, tmp_path):
    store = PublicationStore(tmp_path)

    def stop_after_first(report, outcome):
        if report.found == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch(server, store, progress=stop_after_first)
    assert [f.identifier for f in find_publications([tmp_path])] == ["kst-33694-9"]
    first_run = set(server.paths(DOCUMENTS))
    report = fetch(server, store)
    assert (report.fetched, report.already_stored) == (2, 1)
    second_run = server.paths(DOCUMENTS)[len(first_run) :]
    assert not any("kst-33694-9/" in path for path in second_run)
    assert len(second_run) == 4  # XML and metadata of the two that were missing


def test_a_half_written_file_is_not_taken_for_a_stored_one(server, tmp_path):
    store = PublicationStore(tmp_path)
    leftover = tmp_path / "kst/33694/kst-33694-9/1/xml/.kst-33694-9.xml.abc.part"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"<officiele-publicatie><kamer")
    report = fetch(server, store)
    assert report.fetched == 3
    assert (
        (tmp_path / "kst/33694/kst-33694-9/1/xml/kst-33694-9.xml")
        .read_bytes()
        .endswith(b"</officiele-publicatie>\n")
    )


def test_a_truncated_download_is_refused_not_stored_and_fetched_again_later(server, tmp_path):
    store = PublicationStore(tmp_path)
    cut = (REFUSED_FIXTURES / "kst-35300-V-60-truncated.xml").read_bytes()
    server.serve_publication("kst-33694-61", "33694", xml=cut)
    report = fetch(server, store)
    assert (report.fetched, report.refused) == (2, 1)
    refusal = report.outcomes[-1]
    assert (
        refusal.status == REFUSED
        and refusal.identifier == "kst-33694-61"
        and "afgebroken" in refusal.reason
    )
    assert not (tmp_path / "kst/33694/kst-33694-61").exists()
    server.serve_publication("kst-33694-61", "33694")
    report = fetch(server, store)
    assert (report.fetched, report.already_stored, report.refused) == (1, 2, 0)


def test_a_connection_that_breaks_mid_file_is_retried(server, tmp_path):
    body = (PUBLICATIONS / "kst-33694-9.xml").read_bytes()
    server.answer(
        f"{DOCUMENTS}33694/kst-33694-9/1/xml/kst-33694-9.xml", Answer(200, body, cut_at=500), body
    )
    report = fetch(server, PublicationStore(tmp_path))
    assert report.fetched == 3
    assert (tmp_path / "kst/33694/kst-33694-9/1/xml/kst-33694-9.xml").read_bytes() == body


def test_metadata_of_another_publication_is_refused(server, tmp_path):
    server.serve_publication(
        "kst-33694-57", "33694", metadata=(REFUSED_FIXTURES / "mismatch.metadata.xml").read_bytes()
    )
    report = fetch(server, PublicationStore(tmp_path))
    refused = [o for o in report.outcomes if o.status == REFUSED]
    assert [o.identifier for o in refused] == ["kst-33694-57"] and "kst-33000-X-51" in refused[
        0
    ].reason


def test_a_missing_document_is_refused_and_the_run_goes_on(server, tmp_path):
    server.answer(f"{DOCUMENTS}33694/kst-33694-57/1/xml/kst-33694-57.xml", Answer(404, b""))
    report = fetch(server, PublicationStore(tmp_path))
    assert (report.fetched, report.refused) == (2, 1) and "404" in report.outcomes[1].reason


def test_when_the_service_goes_away_nothing_is_half_written(server, tmp_path):
    server.answer(f"{DOCUMENTS}33694/kst-33694-57/1/xml/kst-33694-57.xml", Answer(503, b""))
    with pytest.raises(ServiceUnavailable, match="niet bereikbaar"):
        fetch(server, PublicationStore(tmp_path))
    assert [f.identifier for f in find_publications([tmp_path])] == ["kst-33694-9"]
    assert not (tmp_path / "kst/33694/kst-33694-57/1/xml").exists()


def test_records_that_are_no_kamerstuk_or_have_no_xml_are_refused(server, tmp_path):
    page = parse_sru_response((SRU / "dossier-33694-page-1.xml").read_bytes())
    letter = page.records[0]
    records = [
        replace(letter, identifier="blg-1184123", publication_type="Bijlage"),
        replace(letter, xml_url=""),
        replace(letter, identifier="kst-../../etc", xml_url="https://repository.overheid.nl/x.xml"),
    ]
    with OfficialClient(
        sru_url=server.sru_url, documents_url=server.documents_url, politeness=FAST
    ) as client:
        report = fetch_records(records, client=client, store=PublicationStore(tmp_path))
    assert [o.status for o in report.outcomes] == [REFUSED, REFUSED, REFUSED]
    assert "geen Kamerstuk (Bijlage)" in report.outcomes[0].reason
    assert "geen XML" in report.outcomes[1].reason
    assert server.paths(DOCUMENTS) == [] and not any(tmp_path.iterdir())


def test_the_repository_path_of_a_record():
    page = parse_sru_response((SRU / "dossier-33694-page-1.xml").read_bytes())
    path = repository_path(page.records[0])
    assert path.xml == "kst/33694/kst-33694-9/1/xml/kst-33694-9.xml"
    assert path.metadata == "kst/33694/kst-33694-9/1/metadata/metadata.xml"
    # An address that does not have the repository's shape: built from id and dossier.
    odd = replace(
        page.records[0], xml_url="https://elders.example/../../x.xml", dossiers=("35300-V",)
    )
    assert repository_path(odd).xml == "kst/35300-V/kst-33694-9/1/xml/kst-33694-9.xml"


def test_finding_publications_in_the_layouts_an_importer_meets(tmp_path):
    flat = list(find_publications([PUBLICATIONS]))
    assert len(flat) == 6 and all(
        f.metadata == PUBLICATIONS / f"{f.identifier}.metadata.xml" for f in flat
    )
    # One publication with a metadata.xml beside it.
    single = tmp_path / "los"
    single.mkdir()
    (single / "kst-35300-V-60.xml").write_bytes((PUBLICATIONS / "kst-35300-V-60.xml").read_bytes())
    (single / "metadata.xml").write_bytes(
        (PUBLICATIONS / "kst-35300-V-60.metadata.xml").read_bytes()
    )
    assert [(f.identifier, f.metadata.name) for f in find_publications([single])] == [
        ("kst-35300-V-60", "metadata.xml")
    ]
    # Two versions in the repository layout: the latest only.
    store = PublicationStore(tmp_path / "store")
    for version in ("1", "2"):
        path = repository_path(
            replace(
                parse_sru_response((SRU / "dossier-33694-page-1.xml").read_bytes()).records[0],
                xml_url=f"https://repository.overheid.nl/frbr/officielepublicaties/kst/33694/kst-33694-9/{version}/xml/kst-33694-9.xml",
            )
        )
        store.write(path, xml=b"<x/>", metadata=b"<m/>")
    (found,) = find_publications([tmp_path / "store"])
    assert found.version == 2 and found.metadata.parent.parent.name == "2"
