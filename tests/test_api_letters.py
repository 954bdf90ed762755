"""/api/letters/, /api/letters/<id>/ and /api/kamerstuk/…: what a researcher's script gets."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from letters.models import Ministry
from letters.selectors.search import letter_search
from tests.factories import (
    link_mission,
    make_budget_line,
    make_letter,
    make_mission,
    make_recommendation,
    make_signatory,
)
from tests.page_helpers import cite, cite_handelingen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


class Archive:
    """A cited letter (33694-9) with everything linked to it, and letters citing it."""

    def __init__(self):
        self.minusma = make_mission("minusma")
        self.efp = make_mission("enhanced-forward-presence")
        self.main = make_letter(
            number=9,
            title="Samenhang tussen bijdragen aan internationale veiligheid",
            body="De VN-missie MINUSMA in Mali wordt verlengd.\n\nZie ook Kamerstuk 31 516, nr. 20.",
            letter_date=date(2016, 11, 1),
            vergaderjaar="2016-2017",
            kind="beleidsbrief",
        )
        self.main.ministries.add(Ministry.objects.get(slug="defensie"))
        make_signatory(
            self.main, "A.G. Koenders", "Minister van Buitenlandse Zaken", "buitenlandse-zaken"
        )
        cite(
            self.main,
            "Kamerstuk 31 516, nr. 20",
            "31516",
            20,
            context="Zie ook Kamerstuk 31 516, nr. 20.",
        )
        link_mission(
            self.main, self.minusma, "extension", "De VN-missie MINUSMA in Mali wordt verlengd."
        )
        make_budget_line(
            self.main, "59500000.00", instrument="BIV", year_from=2017, mission=self.minusma
        )
        make_recommendation(self.main, "2", response="adopted", text="Versterk de samenhang.")

        self.citing = make_letter(
            number=12,
            title="Voortgang Baltische staten",
            body="Zoals gemeld in Kamerstuk 33 694, nr. 9 (Handelingen II 2019/20, nr. 23).",
            letter_date=date(2019, 5, 6),
        )
        cite(self.citing, "Kamerstuk 33 694, nr. 9", "33694", 9)
        cite_handelingen(self.citing, "Handelingen II 2019/20, nr. 23")
        link_mission(self.citing, self.efp, "", "Over eFP.")
        self.unnumbered = make_letter(
            dossier=None,
            slug="brief-zonder-nummer",
            title="Brief zonder nummer",
            letter_date=date(2020, 1, 2),
        )


@pytest.fixture
def archive():
    return Archive()


# -- the list --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=mali",
        "missie=minusma",
        "missie=minusma&missie=enhanced-forward-presence",
        "jaar=2019",
        "soort=beleidsbrief",
        "ministerie=defensie",
        "dossier=33694",
        "q=kamerstuk&sorteer=oudste",
        "missie=bestaat-niet",
    ],
)
def test_the_list_holds_what_brieven_shows_in_the_same_order(client, archive, query):
    page = letter_search(QueryDict(query))
    expected = [letter.slug for letter in page.page.object_list]

    data = get_json(client, f"/api/letters/?{query}")

    assert [item["id"] for item in data["results"]] == expected
    assert data["count"] == page.total


def test_an_unknown_facet_value_is_ignored_and_reported_like_on_the_page(client, archive):
    data = get_json(client, "/api/letters/?missie=bestaat-niet")

    assert data["count"] == 3
    assert data["notices"] == ["Onbekende missie „bestaat-niet”: dit filter is genegeerd."]


def test_a_list_item_has_iso_dates_links_and_its_missions(client, archive):
    data = get_json(client, "/api/letters/?dossier=33694&sorteer=oudste")
    item = data["results"][0]

    assert item["id"] == archive.main.slug
    assert item["key"] == "33694-9"
    assert item["display"] == "Kamerstuk 33 694, nr. 9"
    assert item["date"] == "2016-11-01"
    assert item["vergaderjaar"] == "2016-2017"
    assert item["url"] == "http://testserver/kamerstuk/33694/9/"
    assert item["api_url"] == f"http://testserver/api/letters/{archive.main.slug}/"
    assert item["official_url"] == "https://zoek.officielebekendmakingen.nl/kst-33694-9.html"
    assert [m["id"] for m in item["missions"]] == ["minusma"]
    assert item["ministries"] == [
        {"id": "defensie", "name": Ministry.objects.get(slug="defensie").name}
    ]
    assert "body" not in item  # the text is in the detail only


def test_pages_have_next_and_previous_links_that_keep_the_filters(client, archive):
    for n in range(5):
        make_letter(number=200 + n, title=f"Extra {n}", letter_date=date(2015, 1, n + 1))

    first = get_json(client, "/api/letters/?dossier=33694&page_size=3")
    assert (first["count"], first["pages"], first["previous"]) == (7, 3, None)
    assert first["next"] == "http://testserver/api/letters/?dossier=33694&page_size=3&page=2"

    second = get_json(client, first["next"])
    last = get_json(client, second["next"])
    assert last["next"] is None
    assert second["previous"].endswith("page=1")

    ids = [item["id"] for page in (first, second, last) for item in page["results"]]
    assert len(ids) == len(set(ids)) == 7  # stable order: no letter twice, none missing


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page_size=1000", "page_size"),
        ("jaar=abcd", "jaar"),
        ("jaar=1500", "jaar"),
        ("soort=roman", "soort"),
        ("organisatie=UNO", "organisatie"),
        ("dossier=abc", "dossier"),
        ("missie=Niet%20Goed", "missie"),
        ("missie=", "missie"),
        ("sorteer=willekeurig", "sorteer"),
        ("q=" + "x" * 10_000, "q"),
    ],
)
def test_a_malformed_parameter_is_a_400_that_names_it(client, archive, query, parameter):
    data = get_json(client, f"/api/letters/?{query}", status=400)

    assert data["status"] == 400
    assert data["parameter"] == parameter
    assert data["message"]


def test_paging_by_relevance_gives_every_match_once_in_the_order_of_the_full_list(
    client, monkeypatch
):
    """Pages inside the rank window come from the window alone; together they are
    the full order, past the window too."""
    from letters.selectors import search as selector

    monkeypatch.setattr("letters.search.window.RANK_WINDOW", 4)
    for n in range(9):
        body = "De inzet in Mali gaat door." if n % 3 else "Mali en de inzet, los van elkaar."
        make_letter(
            number=500 + n, title=f"Brief {n}", body=body * (1 + n % 2), letter_date=date(2010 + n, 1, 1)
        )
    for query in ("q=mali", 'q="inzet in mali"', "q=inzet&jaar=2015&jaar=2016&jaar=2017"):
        filterset = selector.LetterFilterSet(QueryDict(query))
        expected = [
            letter.slug
            for letter in selector.ordered_letters(filterset.qs, filterset, selector.RELEVANCE)
        ]
        listed, url = [], f"/api/letters/?{query}&page_size=2"
        while url:
            data = get_json(client, url)
            assert data["count"] == len(expected)
            listed += [item["id"] for item in data["results"]]
            url = data["next"]
        assert listed == expected


def test_a_page_past_the_end_is_a_404_with_a_message(client, archive):
    data = get_json(client, "/api/letters/?page=9", status=404)

    assert "Pagina 9 bestaat niet" in data["message"]


def test_the_number_of_queries_does_not_grow_with_the_archive(client, archive):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_json(
                client,
                "/api/letters/?page_size=100&missie=minusma&missie=enhanced-forward-presence",
            )
        return len(captured)

    small = queries()
    for n in range(25):
        letter = make_letter(number=300 + n, title=f"Brief {n}")
        link_mission(letter, archive.minusma)
        letter.ministries.add(Ministry.objects.get(slug="defensie"))
        cite(letter, letter.body[:10], "33694", 9)
    assert queries() == small


# -- one letter ------------------------------------------------------------------------


def test_the_detail_has_text_citations_cited_by_missions_money_and_recommendations(client, archive):
    data = get_json(client, f"/api/letters/{archive.main.slug}/")

    assert data["body"] == archive.main.body
    assert data["signatories"] == [
        {
            "name": "A.G. Koenders",
            "function": "Minister van Buitenlandse Zaken",
            "ministry": "buitenlandse-zaken",
        }
    ]
    [citation] = data["citations"]
    assert citation["key"] == "31516-20"
    assert data["body"][citation["start"] : citation["end"]] == "Kamerstuk 31 516, nr. 20"
    assert citation["in_archive"] is False
    assert citation["url"] == "http://testserver/kamerstuk/31516/20/"

    [citing] = data["cited_by"]
    assert citing["letter"]["id"] == archive.citing.slug
    assert [c["text"] for c in citing["citations"]] == ["Kamerstuk 33 694, nr. 9"]

    [mention] = data["mission_mentions"]
    assert (mention["mission"]["id"], mention["decision"]) == ("minusma", "extension")

    [line] = data["budget_lines"]
    assert line["amount"] == "59500000.00"  # exact, as a string
    assert line["mission"]["id"] == "minusma"

    [recommendation] = data["recommendations"]
    assert (recommendation["number"], recommendation["response"]) == ("2", "adopted")
    assert data["created_at"].endswith("+00:00")


def test_a_citation_of_a_letter_in_the_archive_points_at_it(client, archive):
    data = get_json(client, f"/api/letters/{archive.citing.slug}/")

    kamerstuk = next(c for c in data["citations"] if c["kind"] == "kamerstuk")
    assert kamerstuk["target"]["id"] == archive.main.slug
    assert kamerstuk["url"] == "http://testserver/kamerstuk/33694/9/"
    handelingen = next(c for c in data["citations"] if c["kind"] == "handelingen")
    assert (handelingen["url"], handelingen["official_url"]) == (None, None)


def test_a_letter_without_number_has_null_identifiers(client, archive):
    data = get_json(client, "/api/letters/brief-zonder-nummer/")

    assert (data["key"], data["number"], data["official_url"]) == (None, None, None)
    assert data["url"] == "http://testserver/brieven/brief-zonder-nummer/"


@pytest.mark.parametrize("slug", ["bestaat-niet", "%00", "a" * 300])
def test_an_unknown_letter_is_a_404_with_a_message(client, archive, slug):
    data = get_json(client, f"/api/letters/{slug}/", status=404)

    assert "geen brief" in data["message"]


# -- Kamerstuk references ------------------------------------------------------------------


def test_a_kamerstuk_in_the_archive_gives_its_letter_and_who_cites_it(client, archive):
    data = get_json(client, "/api/kamerstuk/33694/9/")

    assert data["in_archive"] is True
    assert data["letter"]["id"] == archive.main.slug
    assert [entry["letter"]["id"] for entry in data["cited_by"]] == [archive.citing.slug]


def test_a_kamerstuk_only_cited_gives_the_citing_letters(client, archive):
    data = get_json(client, "/api/kamerstuk/31516/20/")

    assert (data["in_archive"], data["letter"]) == (False, None)
    assert data["display"] == "Kamerstuk 31 516, nr. 20"
    assert [entry["letter"]["id"] for entry in data["cited_by"]] == [archive.main.slug]


def test_a_kamerstuk_nobody_cites_is_a_404(client, archive):
    data = get_json(client, "/api/kamerstuk/12345/6/", status=404)

    assert "Kamerstuk 12 345, nr. 6" in data["message"]


@pytest.mark.parametrize("path", ["abc/1", "33694/abc", "33694/0", "33694/999999"])
def test_a_malformed_kamerstuk_is_a_400(client, archive, path):
    get_json(client, f"/api/kamerstuk/{path}/", status=400)


def test_a_budget_chapter_is_found_in_either_case(client, db):
    letter = make_letter(dossier="35300-V", number=14)
    cited = make_letter(number=500, body="Zie Kamerstuk 35 300 V, nr. 14.")
    cite(cited, "Kamerstuk 35 300 V, nr. 14", "35300-V", 14)

    data = get_json(client, "/api/kamerstuk/35300-v/14/")

    assert data["key"] == "35300-V-14"
    assert data["letter"]["id"] == letter.slug
