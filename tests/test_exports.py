"""CSV and JSON downloads of the list pages: exactly what the page's filters select,
streamed, with a link on the page."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from letters.exports import Column, csv_lines, json_lines
from letters.selectors.budget import BudgetFilters, filtered_lines
from letters.selectors.missions import mission_list
from letters.selectors.search import letter_search
from tests.factories import (
    link_mission,
    make_budget_line,
    make_letter,
    make_mission,
    make_recommendation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.streaming  # written row by row, never built whole in memory
    return response, b"".join(response.streaming_content).decode()


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def archive():
    minusma = make_mission("minusma")
    efp = make_mission("enhanced-forward-presence")
    letters = []
    for n in range(30):  # more than one page of /brieven/
        letter = make_letter(
            number=100 + n,
            title=f"Brief {n} over {'Mali' if n % 3 == 0 else 'de Baltische staten'}",
            body="MINUSMA in Mali." if n % 3 == 0 else "eFP in Litouwen.",
            letter_date=date(2015 + n % 5, 1 + n % 12, 1),
        )
        link_mission(letter, minusma if n % 3 == 0 else efp)
        letters.append(letter)
    make_budget_line(letters[0], "30000000", instrument="BIV", year_from=2017, mission=minusma)
    make_budget_line(letters[1], "0.50", instrument="BZ", year_from=2018, nature="one-off")
    make_recommendation(
        letters[0], "1", response="adopted", text="Meer samenhang, minder „silo’s”."
    )
    make_recommendation(None, "2", response="")
    return {"letters": letters, "minusma": minusma}


@pytest.mark.parametrize(
    "query", ["", "missie=minusma", "q=mali&sorteer=oudste", "jaar=2016&jaar=2017", "jaar=abcd"]
)
def test_the_letters_download_holds_every_letter_the_page_selects_in_its_order(
    client, archive, query
):
    expected = letter_search(QueryDict(query))
    everything = list(expected.page.paginator.object_list)  # all pages, not only the first

    _, text = download(client, f"/brieven/export.csv?{query}")
    _, as_json = download(client, f"/brieven/export.json?{query}")

    rows = csv_rows(text)
    assert [row["Titel"] for row in rows] == [letter.title for letter in everything]
    assert [item["id"] for item in json.loads(as_json)] == [letter.slug for letter in everything]


def test_a_letter_row_reads_well_in_a_spreadsheet(client, archive):
    response, text = download(client, "/brieven/export.csv?missie=minusma&sorteer=oudste")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="brieven.csv"'
    first = csv_rows(text)[0]
    assert first["Kamerstuk"] == "Kamerstuk 33 694, nr. 100"
    assert first["Datum"] == "2015-01-01"
    assert first["Missies"] == "MINUSMA"
    assert first["Adres"] == "http://testserver/kamerstuk/33694/100/"


def test_the_json_download_has_the_same_objects_as_the_api(client, archive):
    _, text = download(client, "/brieven/export.json?missie=minusma")
    api = client.get("/api/letters/?missie=minusma&page_size=100").json()["results"]

    assert json.loads(text) == api


def test_the_budget_download_matches_the_budget_page(client, archive):
    _, text = download(client, "/begroting/export.csv?instrument=BIV&missie=minusma")

    [row] = csv_rows(text)
    assert row["Bedrag (euro)"] == "30000000.00"
    assert row["Missie"] == "MINUSMA"
    expected = filtered_lines(BudgetFilters(instrument="BIV", mission=archive["minusma"]))
    assert len(csv_rows(text)) == expected.count()


def test_the_budget_download_ignores_what_the_page_ignores(client, archive):
    _, text = download(client, "/begroting/export.json?jaar=volgend&missie=bestaat-niet")

    items = json.loads(text)
    assert [item["amount"] for item in items] == ["0.50", "30000000.00"]  # newest year first
    assert items[0]["nature"] == "one-off"


def test_the_missions_download_matches_the_missions_page(client, archive):
    _, text = download(client, "/missies/export.csv?organisatie=VN")
    expected = mission_list(organisation="VN", region=None, status=None).missions

    rows = csv_rows(text)
    assert [row["Naam"] for row in rows] == [m.name for m in expected]
    minusma = next(row for row in rows if row["Korte naam"] == "MINUSMA")
    assert (minusma["Aantal brieven"], minusma["Lopend"]) == ("10", "nee")


def test_the_recommendations_download_follows_the_response_filter(client, archive):
    _, everything = download(client, "/aanbevelingen/export.csv")
    _, adopted = download(client, "/aanbevelingen/export.json?reactie=adopted")

    assert [row["Reactie kabinet"] for row in csv_rows(everything)] == [
        "Overgenomen",
        "Nog geen reactie",
    ]
    assert csv_rows(everything)[0]["Aanbeveling"] == "Meer samenhang, minder „silo’s”."
    assert [item["number"] for item in json.loads(adopted)] == ["1"]


def test_an_empty_selection_is_a_header_or_an_empty_array(client, archive):
    _, text = download(client, "/brieven/export.csv?q=onvindbaarwoord")
    _, as_json = download(client, "/brieven/export.json?q=onvindbaarwoord")

    assert text.splitlines() == [text.splitlines()[0]]
    assert json.loads(as_json) == []


def test_rows_are_written_one_at_a_time():
    made = []

    def items():
        for n in range(3):
            made.append(n)
            yield {"n": n}

    lines = csv_lines(items(), [Column("Nummer", lambda d: d["n"])])
    assert next(lines) == "Nummer\r\n" and made == []
    assert next(lines) == "0\r\n" and made == [0]

    made.clear()
    chunks = json_lines(items())
    assert next(chunks) == "[" and made == []
    assert json.loads("[" + "".join(chunks)) == [{"n": 0}, {"n": 1}, {"n": 2}]


def test_an_unknown_download_is_a_404(client):
    assert client.get("/brieven/export.xml").status_code == 404
    assert client.get("/dossiers/export.csv").status_code == 404


# -- the link on the page ----------------------------------------------------------------


def render_links(query: str, export: str) -> str:
    request = RequestFactory().get(f"/brieven/?{query}")
    return render_to_string("includes/export_links.html", {"export": export}, request=request)


def test_the_links_carry_the_current_filters_but_not_the_page():
    html = render_links("q=mali&missie=minusma&page=3", "brieven")

    assert 'href="/brieven/export.csv?q=mali&amp;missie=minusma"' in html
    assert 'href="/brieven/export.json?q=mali&amp;missie=minusma"' in html
    assert "Download:" in html


def test_the_budget_links_drop_its_own_csv_parameter():
    html = render_links("instrument=BIV&format=csv", "begroting")

    assert 'href="/begroting/export.csv?instrument=BIV"' in html


def test_a_followed_link_downloads_the_filtered_list(client, archive):
    html = render_links("missie=minusma&page=2", "brieven")
    href = html.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")

    _, text = download(client, href)

    assert len(csv_rows(text)) == 10


@pytest.mark.parametrize("path, export", [
    ("/brieven/?jaar=2018", "brieven"),
    ("/missies/?organisatie=NAVO", "missies"),
    ("/aanbevelingen/", "aanbevelingen"),
    ("/begroting/?instrument=BIV", "begroting"),
])
def test_list_pages_link_their_downloads(client, path, export):
    html = client.get(path).content.decode()
    query = path.partition("?")[2]
    expected = f"/{export}/export.csv" + (f"?{query}" if query else "")
    assert expected in html
    assert f"/{export}/export.json" in html
