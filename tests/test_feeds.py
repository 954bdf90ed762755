"""Atom feeds: new letters, per mission, per dossier, and letters citing a Kamerstuk."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from letters.models import Dossier
from tests.factories import link_mission, make_letter, make_mission
from tests.page_helpers import cite

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "id": entry.findtext(f"{ATOM}id"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_latest_letters_newest_added_first(client):
    make_letter(number=1, title="Eerst toegevoegd", letter_date=date(2020, 1, 1))
    make_letter(dossier=None, title="Later toegevoegd", slug="later", letter_date=date(2015, 1, 1))
    items = entries(client, "/feeds/brieven/")
    assert [item["title"] for item in items] == [
        "Later toegevoegd",
        "Kamerstuk 33 694, nr. 1: Eerst toegevoegd",
    ]
    assert items[0]["link"] == "http://testserver/brieven/later/"
    assert items[1]["link"] == "http://testserver/kamerstuk/33694/1/"
    assert items[0]["id"].startswith("tag:")


def test_summary_keeps_letter_text_as_text(client):
    make_letter(number=1, body="Let op <script>alert(1)</script> hier.\n\nTweede alinea.")
    [item] = entries(client, "/feeds/brieven/")
    # Atom html summary: the reader decodes once and shows the tag as text
    assert item["summary"] == "Let op &lt;script&gt;alert(1)&lt;/script&gt; hier."


def test_mission_feed(client):
    mission = make_mission("minusma")
    about = make_letter(number=1, title="Over Mali")
    make_letter(number=2, title="Over iets anders")
    link_mission(about, mission)
    assert [item["title"] for item in entries(client, "/feeds/missies/minusma/")] == [
        "Kamerstuk 33 694, nr. 1: Over Mali"
    ]
    assert client.get("/feeds/missies/bestaat-niet/").status_code == 404


def test_dossier_feed_includes_other_dossiers(client):
    make_letter(number=1, title="Hoofddossier")
    shared = make_letter(dossier="26643", number=2, title="Ook in dit dossier")
    shared.other_dossiers.add(Dossier.objects.get(number="33694"))
    make_letter(dossier="29521", number=3, title="Elders")
    titles = [item["title"] for item in entries(client, "/feeds/dossiers/33694/")]
    assert sorted(titles) == [
        "Kamerstuk 26 643, nr. 2: Ook in dit dossier",
        "Kamerstuk 33 694, nr. 1: Hoofddossier",
    ]
    assert client.get("/feeds/dossiers/99999/").status_code == 404


def test_kamerstuk_feed_lists_letters_citing_it(client):
    citing = make_letter(number=1, title="Citeert", body="Zie Kamerstuk 31 516, nr. 20.")
    cite(citing, "Kamerstuk 31 516, nr. 20", "31516", 20)
    unnumbered = make_letter(
        dossier=None, slug="ongenummerd", title="Ook citerend", body="Zie Kamerstuk 31 516, nr. 20."
    )
    cite(unnumbered, "Kamerstuk 31 516, nr. 20", "31516", 20)
    make_letter(number=2, title="Citeert niet")
    titles = sorted(item["title"] for item in entries(client, "/feeds/kamerstuk/31516/20/"))
    assert titles == ["Kamerstuk 33 694, nr. 1: Citeert", "Ook citerend"]


def test_kamerstuk_feed_exists_before_anyone_cites_it(client):
    assert entries(client, "/feeds/kamerstuk/35300-v/14/") == []
    assert client.get("/feeds/kamerstuk/12/1/").status_code == 404
