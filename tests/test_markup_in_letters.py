"""Letter text is always shown as text: a letter whose title, body, footnotes,
citation contexts, mission sentences, budget purposes, recommendations and signatory
contain ``<script>``, HTML comments, markup and entities is imported through the
real import path, and every page, feed and download that shows it shows the text,
never the markup.

Each place in the letter carries its own marker (``alert("voetnoot")``), so a page
can be checked for the pieces it is meant to show, not only for the title.
"""

from __future__ import annotations

import json
from datetime import date
from xml.etree import ElementTree

import pytest
from django.utils.html import escape

from letters.services import LetterOverrides, import_letter_text

pytestmark = pytest.mark.django_db

PLACES = ("titel", "kop", "missie", "bedrag", "citaat", "aanbeveling", "voetnoot", "naam")


def markup(place: str) -> str:
    """What an author (or a broken PDF conversion) could leave in a letter."""
    return f'<script>alert("{place}")</script> <!-- {place} --> <b>{place}</b> &amp;'


TITLE = f"Brief met {markup('titel')} opmaak"
SIGNATORY = f"J. Jansen {markup('naam')}"
LETTER = f"""Inleiding {markup("kop")}

Hierbij informeer ik uw Kamer over de bijdrage aan MINUSMA in Mali {markup("missie")} en meer.

Het kabinet stelt € 30 miljoen beschikbaar uit het Budget Internationale Veiligheid in 2019 {markup("bedrag")} voor de opleiding van militairen.

Zoals eerder gemeld (Kamerstuk 29 521, nr. 226) {markup("citaat")} blijft het toetsingskader1 van kracht.

Aanbeveling 1

Investeer in de opleiding {markup("aanbeveling")} van militairen.

1 Voetnoot {markup("voetnoot")} (Kamerstuk 33 694, nr. 6).

kst-33694-777
ISSN 0921 - 7371
’s-Gravenhage 2019 Tweede Kamer, vergaderjaar 2018–2019, 33 694, nr. 777 1
"""
LETTER_URL = "/kamerstuk/33694/777/"


def raw(place: str) -> list[str]:
    """The markup as it must never reach a page."""
    return [f'<script>alert("{place}")', f"<!-- {place} -->", f"<b>{place}</b>"]


def shown_as_text(place: str) -> str:
    """The markup as a page shows it: escaped, so the visitor reads it as text (the
    entity too: the letter says "&amp;", and so does the page)."""
    return escape(markup(place))


@pytest.fixture
def letter():
    result = import_letter_text(
        raw_text=LETTER,
        source_name="markup.txt",
        overrides=LetterOverrides(
            title=TITLE,
            date=date(2019, 5, 1),
            kind="beleidsbrief",
            signatories=[{"name": SIGNATORY, "function": "Minister van Defensie"}],
        ),
    )
    letter = result.letter
    # The import kept every piece, so the pages below have something to show.
    assert letter.get_absolute_url() == LETTER_URL
    assert letter.citations.filter(key="29521-226", context__contains='alert("citaat")').exists()
    assert letter.mission_links.filter(
        mission__slug="minusma", text__contains='alert("missie")'
    ).exists()
    assert letter.budget_lines.filter(purpose__contains='alert("bedrag")').exists()
    assert letter.recommendations.filter(text__contains='alert("aanbeveling")').exists()
    assert 'alert("voetnoot")' in letter.body
    return letter


def assert_text_not_markup(body: str, url: str, expected: tuple[str, ...]) -> None:
    for place in PLACES:
        for piece in raw(place):
            assert piece not in body, f"{url} shows {piece!r} as markup"
    for place in expected:
        assert shown_as_text(place) in body, f"{url} does not show the {place} as text"


# page, the places it shows (each must be there, escaped)
HTML_PAGES = [
    (LETTER_URL, PLACES),
    ("/brieven/?q=minusma", ("titel", "missie")),  # the snippet is the MINUSMA paragraph
    ("/brieven/?q=opleiding+militairen", ("titel", "bedrag")),
    ("/brieven/?q=toetsingskader", ("titel", "citaat")),
    ("/brieven/?q=alert", ("titel",)),
    ("/brieven/?missie=minusma&jaar=2019", ("titel",)),
    ("/kamerstuk/29521/226/", ("titel", "citaat")),  # the reference page: who cites it, and how
    ("/missies/minusma/", ("titel", "missie")),
    ("/begroting/", ("titel", "bedrag")),
    ("/begroting/?jaar=2019", ("titel", "bedrag")),
    ("/aanbevelingen/", ("titel", "aanbeveling")),
    ("/dossiers/33694/", ("titel",)),
    ("/", ("titel",)),
]


@pytest.mark.parametrize("url, expected", HTML_PAGES, ids=[url for url, _ in HTML_PAGES])
def test_pages_show_letter_markup_as_text(client, letter, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert_text_not_markup(response.content.decode(), url, expected)


def test_citation_lookup_shows_the_title_as_text(client, letter):
    response = client.post("/verwijzingen/", {"tekst": "Zie Kamerstuk 33 694, nr. 777."})
    assert response.status_code == 200
    assert_text_not_markup(response.content.decode(), "/verwijzingen/", ("titel",))


# -- feeds ------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
BUG_SEARCH_FEED = (
    "bug: letters/feeds/search.py item_description puts the letter's text unescaped into "
    'Atom <summary type="html">: feed readers render it as HTML'
)
OPEN_BUGS: set[str] = set()  # reported, not fixed yet: strict xfail; remove once fixed


def _feed(url: str, bug: str = ""):
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug in OPEN_BUGS else []
    return pytest.param(url, marks=marks, id=url)


FEEDS = [
    _feed("/feeds/brieven/"),
    _feed("/feeds/missies/minusma/"),
    _feed("/feeds/dossiers/33694/"),
    _feed("/feeds/kamerstuk/29521/226/"),
    _feed("/feeds/zoeken/?q=minusma", BUG_SEARCH_FEED),
    _feed("/feeds/zoeken/?q=alert", BUG_SEARCH_FEED),
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_show_letter_markup_as_text(client, letter, url):
    """Atom titles are text (markup in them is harmless characters); summaries are
    ``type="html"``: a feed reader renders them, so the letter's text must arrive
    there escaped once more."""
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for place in PLACES:
        assert f'<script>alert("{place}")' not in body, url  # not even as an XML element
    entries = [
        entry
        for entry in ElementTree.fromstring(response.content).iter(f"{ATOM}entry")
        if any(link.get("href", "").endswith(LETTER_URL) for link in entry.iter(f"{ATOM}link"))
    ]
    assert entries, f"{url} does not list the letter"
    (entry,) = entries
    assert TITLE in entry.findtext(f"{ATOM}title"), "the title, as text, as written"
    for element in entry.iter():
        if element.get("type") == "html":
            html = element.text or ""
            for place in PLACES:
                for piece in raw(place):
                    assert piece not in html, f"{url}: <{element.tag}> holds {piece!r} as HTML"
            assert "&lt;script&gt;" in html, f"{url}: <{element.tag}> lost the text"


def test_sitemap_holds_no_letter_markup(client, letter):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert LETTER_URL in body
    assert "alert(" not in body and "<b>" not in body


# -- data: JSON and CSV carry the text as it is, never as markup ----------------------------


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


API_URLS = [
    "/api/letters/?q=minusma",
    "/api/letters/{slug}/",
    "/api/kamerstuk/33694/777/",
    "/api/kamerstuk/29521/226/",
    "/api/missions/minusma/",
    "/api/budget-lines/",
    "/api/recommendations/",
]


@pytest.mark.parametrize("url", API_URLS)
def test_api_delivers_letter_text_as_data(client, letter, settings, url):
    """JSON is data, not a page: it holds the title exactly as written (no HTML
    escaping to undo), and is served so that no browser renders it as HTML."""
    settings.API_RATE_LIMIT = 0
    url = url.format(slug=letter.slug)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    strings = list(_strings(json.loads(response.content)))
    assert any(TITLE in text for text in strings), f"{url} does not hold the title as written"
    assert not any("&lt;script" in text for text in strings), f"{url} holds escaped HTML as data"


@pytest.mark.parametrize(
    "url", ["/begroting/?format=csv", "/brieven/export.csv", "/begroting/export.csv"]
)
def test_downloads_deliver_letter_text_as_data(client, letter, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    assert TITLE in text.replace('""', '"'), "the title, as written"
