"""The real httpx client against a loopback server playing the official repository:
paging, politeness (User-Agent, pause, back-off), retries after a 503 and after a
time-out, and a clear Dutch message when the service cannot be reached."""

import pytest

from letters.official.client import DocumentMissing, OfficialClient, Politeness
from letters.official.errors import OfficialRefused, ServiceError, ServiceUnavailable
from letters.official.sru import build_query
from tests.official_support import SRU, Answer, LoopbackServer, closed_port_url

QUERY = build_query(dossier="33694")
FAST = Politeness(pause=0, timeout=5, retries=3, backoff=0.01, backoff_max=0.05)


@pytest.fixture
def server():
    with LoopbackServer() as running:
        yield running


def client_for(server, politeness=FAST, **kwargs):
    return OfficialClient(
        sru_url=server.sru_url, documents_url=server.documents_url, politeness=politeness, **kwargs
    )


def test_two_pages_of_results(server):
    server.serve_sru_pages({1: "dossier-33694-page-1.xml", 3: "dossier-33694-page-2.xml"})
    with client_for(server) as client:
        records = list(client.records(QUERY, page_size=2))
    assert [r.identifier for r in records] == ["kst-33694-9", "kst-33694-57", "kst-33694-61"]
    asked = [r.query for r in server.requests]
    assert [(q["startRecord"], q["maximumRecords"]) for q in asked] == [("1", "2"), ("3", "2")]
    assert all(
        q["query"] == QUERY and q["version"] == "2.0" and q["recordSchema"] == "gzd" for q in asked
    )
    assert all(q["operation"] == "searchRetrieve" for q in asked)
    assert server.requests[0].headers["User-Agent"].startswith("Kamerbrievenarchief/")


def test_zero_results_is_one_request_and_nothing_found(server):
    server.serve_sru_pages({1: "zero.xml"})
    with client_for(server) as client:
        assert list(client.records(QUERY)) == []
    assert len(server.requests) == 1


def test_the_kind_filter(server):
    server.serve_sru_pages({1: "dossier-33694-page-1.xml", 3: "dossier-33694-page-2.xml"})
    with client_for(server) as client:
        assert list(client.records(QUERY, page_size=2, kind="motie")) == []


def test_a_503_is_retried_after_the_time_the_service_asks(server):
    waits = []
    page = (SRU / "zero.xml").read_bytes()
    server.answer("/sru", Answer(503, b"", {"Retry-After": "0.02"}), Answer(503, b""), page)
    with client_for(server, sleep=waits.append) as client:
        assert list(client.records(QUERY)) == []
    assert len(server.requests) == 3
    assert waits == [0.02, 0.02]  # the service's Retry-After, then our own back-off (0.01 * 2)


def test_a_time_out_is_retried(server):
    page = (SRU / "zero.xml").read_bytes()
    server.answer("/sru", Answer(200, page, delay=1.5), page)
    slow = Politeness(pause=0, timeout=0.4, retries=2, backoff=0.01)
    with client_for(server, politeness=slow) as client:
        assert list(client.records(QUERY)) == []
    assert len(server.requests) == 2


def test_a_connection_broken_mid_answer_is_retried(server):
    body = (SRU / "dossier-33694-page-2.xml").read_bytes()
    server.answer("/sru", Answer(200, body, cut_at=100), body)
    with client_for(server) as client:
        assert [r.identifier for r in client.records(QUERY)] == ["kst-33694-61"]
    assert len(server.requests) == 2


def test_an_unreachable_service_gives_a_clear_dutch_message():
    address = closed_port_url()
    waits = []
    client = OfficialClient(
        sru_url=f"{address}/sru", documents_url=address, politeness=FAST, sleep=waits.append
    )
    with client, pytest.raises(ServiceUnavailable) as caught:
        list(client.records(QUERY))
    message = str(caught.value)
    assert message.startswith("De officiële bron (127.0.0.1:") and "is niet bereikbaar" in message
    assert "ook na 4 pogingen" in message and "Probeer het later opnieuw" in message
    assert waits == [0.01, 0.02, 0.04] and client.requests == 4


def test_a_service_that_keeps_failing_is_unavailable_too(server):
    server.answer("/sru", Answer(502, b""))
    with client_for(server) as client, pytest.raises(ServiceUnavailable, match="HTTP 502"):
        list(client.records(QUERY))
    assert len(server.requests) == FAST.retries + 1


def test_a_refusal_is_not_retried(server):
    server.answer("/sru", Answer(400, b""))
    with client_for(server) as client, pytest.raises(ServiceError, match="HTTP 400"):
        list(client.records(QUERY))
    assert len(server.requests) == 1
    with client_for(server) as client, pytest.raises(DocumentMissing, match="404"):
        client.document("kst/1/kst-1-1/1/xml/kst-1-1.xml")


def test_the_pause_between_requests(server):
    server.serve_sru_pages({1: "dossier-33694-page-1.xml", 3: "dossier-33694-page-2.xml"})
    waits = []
    polite = Politeness(pause=0.75, timeout=5, retries=0)
    with client_for(server, politeness=polite, sleep=waits.append) as client:
        list(client.records(QUERY, page_size=2))
    assert (
        len(waits) == 1 and 0 < waits[0] <= 0.75
    )  # before the second request, none before the first


def test_an_answer_larger_than_the_limit_is_not_read(server):
    server.answer("/frbr/officielepublicaties/big.xml", b"<a>" + b"x" * 5000 + b"</a>")
    small = Politeness(pause=0, timeout=5, retries=0, max_bytes=1024)
    with client_for(server, politeness=small) as client, pytest.raises(OfficialRefused) as caught:
        client.document("big.xml")
    assert caught.value.code == "too-large"
