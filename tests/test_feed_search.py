"""/feeds/zoeken/?<query>: an Atom feed of the newest letters matching a search."""

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from django.urls import reverse

from tests.factories import link_mission, make_letter, make_mission

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = reverse("letters:feed-search")


def feed(client, query: str = "") -> ET.Element:
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def page_titles(client, query: str) -> set[str]:
    html = client.get(f"{reverse('letters:letter-list')}?{query}").content.decode()
    return {
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'<h3 class="hit-title"><a href="[^"]*">(.*?)</a></h3>', html)
    }


@pytest.fixture
def letters():
    minusma = make_mission("minusma")
    old = make_letter(
        title="Mali in 2016", body="Over de missie in Mali.", letter_date=date(2016, 1, 5)
    )
    link_mission(old, minusma)
    new = make_letter(
        title="Mali in 2019",
        body="Weer over de missie in Mali & <b>meer</b>.",
        letter_date=date(2019, 6, 1),
        kind="artikel-100",
    )
    link_mission(new, minusma)
    make_letter(
        title="Afghanistan", body="Over de missie in Afghanistan.", letter_date=date(2018, 1, 1)
    )
    make_letter(dossier=None, title="Concept over Mali", body="Mali.", letter_date=None, year=2020)
    return {"old": old, "new": new}


def test_feed_is_valid_atom(client, letters):
    root = feed(client, "q=mali")
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{element}")
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/brieven/?q=mali")
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/zoeken/?q=mali")
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}title")
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


def test_feed_title_describes_the_search(client, letters):
    root = feed(client, "q=mali&missie=minusma")
    assert root.findtext(f"{ATOM}title") == (
        "Kamerbrieven Internationale Veiligheid — brieven met „mali” · Missie: MINUSMA"
    )


def test_feed_lists_newest_first(client, letters):
    assert entry_titles(feed(client, "q=mali")) == [
        "Concept over Mali",
        "Mali in 2019",
        "Mali in 2016",
    ]


def test_entries_link_to_the_letter_and_carry_its_date(client, letters):
    root = feed(client, "q=mali&jaar=2019")
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").endswith(letters["new"].get_absolute_url())
    assert entry.findtext(f"{ATOM}published").startswith("2019-06-01")
    summary = entry.findtext(f"{ATOM}summary")
    # The summary is HTML: the letter's own markup arrives escaped, to be shown as text.
    assert "Weer over de missie in Mali &amp; &lt;b&gt;meer&lt;/b&gt;." in summary
    assert summary.startswith(f"Kamerstuk 33 694, nr. {letters['new'].number}.")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Artikel 100-brief"]


@pytest.mark.parametrize(
    "query",
    [
        "q=mali",
        "missie=minusma",
        "q=missie&jaar=2016&jaar=2018",
        "q=missie -afghanistan",
        "q=missie&soort=artikel-100",
        "",
    ],
)
def test_feed_filters_like_the_page(client, letters, query):
    assert set(entry_titles(feed(client, query))) == page_titles(client, query)


def test_feed_without_query_lists_all_letters(client, letters):
    assert len(entry_titles(feed(client))) == 4


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 10_000,
        "q=%00",
        "jaar=abcd&missie=bestaat-niet",
        "q=%22NEAR(",
        "page=abc",
        "sorteer=%00",
    ],
)
def test_bad_parameters_still_give_a_feed(client, letters, query):
    root = feed(client, query)
    assert root.tag == f"{ATOM}feed"


def test_unknown_values_are_ignored(client, letters):
    assert set(entry_titles(feed(client, "missie=bestaat-niet&q=mali"))) == set(
        entry_titles(feed(client, "q=mali"))
    )
