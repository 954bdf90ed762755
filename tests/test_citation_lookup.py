"""Citation lookup: paste a text, get every Kamerstuk it cites, with positions in the
pasted text and where each one leads in the archive (/verwijzingen/ and POST /api/citations/)."""

import json
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from letters.api import lookup
from letters.api.lookup import MAX_TEXT_BYTES, find_in_windows, lightly_clean
from letters.ingest.citations import find_citations
from letters.ingest.types import CleanText
from tests.factories import make_letter
from tests.page_helpers import cite

API = "/api/citations/"
PAGE = "/verwijzingen/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def archive(db):
    letter = make_letter(number=9, title="Samenhang tussen de bijdragen")
    citing = make_letter(number=12, body="Zie Kamerstuk 31 516, nr. 20.")
    cite(citing, "Kamerstuk 31 516, nr. 20", "31516", 20)
    return letter


def post(client, text, status: int = 200) -> dict:
    response = client.post(API, json.dumps({"text": text}), content_type="application/json")
    assert response.status_code == status, response.content[:300]
    return response.json()


# -- the light cleaning keeps positions in the pasted text ---------------------------------

_pieces = st.sampled_from(
    ["Kamerstuk", "33", "694,", "nr.", "12", "kst-33694-9", "Zie", "\u00ad", "\u200b", "tekst"]
)
_gaps = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", " \n \n", ""])


@given(st.lists(st.tuples(_pieces, _gaps), max_size=30))
def test_every_cleaned_character_maps_back_to_the_same_character(parts):
    raw = "".join(piece + gap for piece, gap in parts)
    light = lightly_clean(raw)

    for offset, char in enumerate(light.text):
        if char != " ":
            assert raw[light.original(offset)] == char
    assert "  " not in light.text and "\n" not in light.text


def test_windows_find_exactly_what_the_whole_text_holds(monkeypatch):
    text = lightly_clean(
        "Kamerstukken 33694 en 29 521, nr. 11; 33 694, nr. 3; kst-35300-V-14 en "
        "Handelingen II 2019/20, nr. 23, items 4 en 7. " * 40
    ).text
    monkeypatch.setattr(lookup, "WINDOW", 97)  # windows that cut through citations
    monkeypatch.setattr(lookup, "MARGIN", 120)

    assert find_in_windows(text) == find_citations(CleanText(text=text, blocks=[]), None)


# -- POST /api/citations/ ------------------------------------------------------------------


def test_citations_broken_over_lines_are_found_at_their_place_in_the_pasted_text(client, archive):
    text = "Eerder (Kamerstuk 33\r\n694, nr. 9) en in kst-31516-20.\n\nOok Kamerstuk 12 345,\u00a0nr.\u00ad 6."

    data = post(client, text)

    assert data["count"] == 3
    for found in data["citations"]:
        assert text[found["start"] : found["end"]] == found["text"]
    assert [c["text"] for c in data["citations"]] == [
        "Kamerstuk 33\r\n694, nr. 9",
        "kst-31516-20",
        "Kamerstuk 12 345,\u00a0nr.\u00ad 6",
    ]


def test_each_citation_leads_to_the_letter_the_cited_kamerstuk_page_or_the_official_source(
    client, archive
):
    data = post(
        client, "Kamerstuk 33 694, nr. 9; Kamerstuk 31 516, nr. 20; Kamerstuk 12 345, nr. 6"
    )
    in_archive, cited_elsewhere, unknown = data["citations"]

    assert in_archive["in_archive"] is True
    assert in_archive["letter"]["id"] == archive.slug
    assert in_archive["url"] == "http://testserver/kamerstuk/33694/9/"

    assert (cited_elsewhere["in_archive"], cited_elsewhere["letter"]) == (False, None)
    assert cited_elsewhere["url"] == "http://testserver/kamerstuk/31516/20/"

    assert (unknown["in_archive"], unknown["url"]) == (False, None)
    assert unknown["official_url"] == "https://zoek.officielebekendmakingen.nl/kst-12345-6.html"
    assert data["in_archive"] == 1


def test_one_reference_to_two_dossiers_is_the_first_dossiers_kamerstuk(client, archive):
    """The official convention: "Kamerstukken 33 694 en 29 521, nr. 9" is kst-33694-9."""
    data = post(client, "Zie Kamerstukken 33 694 en 29 521, nr. 9.")

    assert [c["key"] for c in data["citations"]] == ["33694-9"]
    assert {(c["start"], c["end"]) for c in data["citations"]} == {(4, 40)}


def test_handelingen_are_listed_without_a_link(client, archive):
    [found] = post(client, "Handelingen II 2019/20, nr. 23, item 4")["citations"]

    assert (found["kind"], found["key"], found["url"]) == (
        "handelingen",
        "h-tk-20192020-23-4",
        None,
    )


def test_a_text_without_citations_gives_an_empty_list(client, db):
    assert post(client, "Geen verwijzingen hier, alleen nr. 32 van een advies.") == {
        "count": 0,
        "in_archive": 0,
        "truncated": False,
        "citations": [],
    }


@pytest.mark.parametrize(
    "body",
    ["dit is geen json", '["text"]', '{"tekst": "Kamerstuk 33 694, nr. 9"}', '{"text": 12}', ""],
)
def test_a_body_that_is_not_the_expected_json_is_a_400(client, db, body):
    response = client.post(API, body, content_type="application/json")

    assert response.status_code == 400
    assert "text" in response.json()["message"]


def test_a_text_over_1_mb_is_a_413(client, db):
    data = post(client, "é" * (MAX_TEXT_BYTES // 2 + 1), status=413)

    assert "1 MB" in data["message"]


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, db):
    response = client.post(API, "x" * (5 * MAX_TEXT_BYTES), content_type="application/json")

    assert response.status_code == 413


def test_a_full_megabyte_of_citations_is_answered_in_seconds(client, archive):
    text = "".join(f"Kamerstuk 33 694, nr. {n % 500 + 1} en kst-31516-20. " for n in range(30_000))
    text = text[:MAX_TEXT_BYTES]

    started = time.monotonic()
    data = post(client, text)

    assert time.monotonic() - started < 20
    assert data["truncated"] is True
    assert data["count"] == lookup.MAX_CITATIONS


def test_resolving_many_distinct_kamerstukken_takes_few_queries(client, archive):
    text = " ".join(f"Kamerstuk 33 694, nr. {n}." for n in range(1, 1001))

    with CaptureQueriesContext(connection) as captured:
        data = post(client, text)

    assert data["count"] == 1000
    assert len(captured) <= 2 * 3  # two per 400 distinct Kamerstukken


# -- the page ----------------------------------------------------------------------------------


def test_the_page_shows_the_pasted_text_with_the_citations_as_links(client, archive):
    text = "Zie <b>Kamerstuk 33\n694, nr. 9</b> en Kamerstuk 31 516, nr. 20."

    html = client.post(PAGE, {"tekst": text}).content.decode()

    assert (
        '<a class="citation citation-in-archive" href="/kamerstuk/33694/9/" '
        'title="Kamerstuk 33 694, nr. 9">Kamerstuk 33<br>694, nr. 9</a>' in html
    )
    assert 'href="/kamerstuk/31516/20/"' in html
    assert "Zie &lt;b&gt;" in html  # the pasted text is shown, never run
    assert "2 verwijzingen gevonden, waarvan 1 naar een brief in het archief" in html
    assert "Samenhang tussen de bijdragen" in html  # the table names the archived letter


def test_the_page_starts_with_an_empty_form(client, db):
    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<textarea id="tekst" name="tekst"' in html
    assert "gevonden" not in html


def test_the_page_explains_an_empty_or_too_long_text(client, db):
    empty = client.post(PAGE, {"tekst": "   "})
    too_long = client.post(PAGE, {"tekst": "x" * (MAX_TEXT_BYTES + 1)})

    assert empty.status_code == 400
    assert "Plak eerst een tekst" in empty.content.decode()
    assert too_long.status_code == 413
    assert "hoogstens 1 MB" in too_long.content.decode()


def test_a_form_with_too_many_fields_is_explained(client, db):
    fields = {f"veld{n}": "x" for n in range(1500)}

    response = client.post(PAGE, {"tekst": "Kamerstuk 33 694, nr. 9", **fields})

    assert response.status_code == 400
    assert "te veel velden" in response.content.decode()
