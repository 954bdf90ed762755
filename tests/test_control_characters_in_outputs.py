"""Issue 19 #1 (read side): a letter already stored with C0 control characters in its
title, text or linked records never takes a feed, the sitemap, an export or the API
down. XML 1.0 cannot carry them, so feeds leave them out; JSON escapes them; CSV and
HTML carry them as they are."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from letters.models import Dossier
from tests.factories import link_mission, make_budget_line, make_letter, make_mission
from tests.page_helpers import cite

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
FEEDS = [
    "/feeds/brieven/",
    "/feeds/zoeken/",
    "/feeds/zoeken/?q=mali",
    "/feeds/missies/minusma/",
    "/feeds/dossiers/33694/",
    "/feeds/kamerstuk/29521/360/",
]


@pytest.fixture
def tainted_letter():
    mission = make_mission("minusma")
    mission.name = "VN-missie\x02 in Mali"
    mission.save()
    letter = make_letter(
        number=7,
        title="Brief\x01 over\x0bMali\x1f",
        body="Eerste\x07 alinea over Mali en Kamerstuk 29 521, nr. 360.\x0c\n\nTweede\x1b alinea.",
        letter_date=date(2019, 5, 1),
        year=2019,
    )
    Dossier.objects.filter(number="33694").update(title="Internationale\x08 veiligheid")
    cite(letter, "Kamerstuk 29 521, nr. 360", "29521", 360)
    link_mission(letter, mission)
    make_budget_line(letter, "1000000", instrument="BIV", purpose="=1+1\x03")
    return letter


def _no_control_characters(text: str) -> bool:
    return not any(ch in text for ch in CONTROL)


@pytest.mark.parametrize("debug", [True, False], ids=["DEBUG", "no DEBUG"])
@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_serves_a_letter_with_control_characters(client, settings, tainted_letter, url, debug):
    settings.DEBUG = debug
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert _no_control_characters(body)
    root = ET.fromstring(response.content)  # well-formed XML
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert len(titles) == 1
    assert "Brief over Mali" in titles[0]
    summary = root.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert "Eerste alinea over Mali" in summary


def test_feed_titles_of_a_mission_and_a_dossier_lose_their_control_characters(client, tainted_letter):
    root = ET.fromstring(client.get("/feeds/missies/minusma/").content)
    assert root.findtext(f"{ATOM}subtitle") == "Kamerbrieven die VN-missie in Mali noemen."
    root = ET.fromstring(client.get("/feeds/dossiers/33694/").content)
    assert root.findtext(f"{ATOM}subtitle").endswith("Internationale veiligheid")


def test_sitemap_stays_well_formed(client, tainted_letter):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ET.fromstring(response.content)


def test_json_api_and_downloads_escape_them(client, tainted_letter):
    response = client.get("/api/letters/")
    assert response.status_code == 200
    [item] = json.loads(response.content)["results"]
    assert item["title"] == "Brief\x01 over\x0bMali\x1f"  # JSON stays exact
    download = client.get("/brieven/export.json")
    assert json.loads(b"".join(download.streaming_content))[0]["title"] == item["title"]


@pytest.mark.parametrize("url", ["/brieven/export.csv", "/begroting/export.csv", "/begroting/?format=csv"])
def test_csv_downloads_are_served(client, tainted_letter, url):
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2


@pytest.mark.parametrize(
    "url", ["/", "/brieven/", "/brieven/?q=mali", "/kamerstuk/33694/7/", "/missies/minusma/",
            "/begroting/", "/dossiers/33694/", "/kamerstuk/29521/360/"]
)
def test_html_pages_are_served(client, tainted_letter, url):
    assert client.get(url).status_code == 200
