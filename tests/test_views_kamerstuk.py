"""/kamerstuk/<dossier>/<nummer>/: the letter, the page of a cited Kamerstuk, or a 404 with the official link."""

from datetime import date

import pytest

from tests.factories import make_letter
from tests.page_helpers import cite, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def citing():
    letter = make_letter(
        number=9,
        title="Samenhang bijdragen",
        body="Op 21 april 2017 (Kamerstuk 31 516, nr. 20) bent u geïnformeerd.",
        letter_date=date(2016, 11, 1),
    )
    cite(
        letter,
        "Kamerstuk 31 516, nr. 20",
        "31516",
        20,
        context="Op 21 april 2017 (Kamerstuk 31 516, nr. 20) bent u geïnformeerd.",
    )
    return letter


def test_letter_in_the_archive_gets_its_page(client):
    make_letter(dossier="35300-V", number=14, title="Begroting BZ 2020")
    response = client.get("/kamerstuk/35300-V/14/")
    assert response.status_code == 200
    assert "<h1>Begroting BZ 2020</h1>" in html(response)
    assert "Kamerstuk 35 300 V, nr. 14" in html(response)


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/kamerstuk/35300-v/14/", "/kamerstuk/35300-V/14/"),
        ("/kamerstuk/33694/09/", "/kamerstuk/33694/9/"),
    ],
)
def test_other_spellings_redirect_to_the_canonical_address(client, path, canonical):
    response = client.get(path + "?geciteerd_jaar=2018")
    assert response.status_code == 301
    assert response["Location"] == canonical + "?geciteerd_jaar=2018"


def test_cited_kamerstuk_page_for_a_kamerstuk_not_in_the_archive(client, citing):
    response = client.get("/kamerstuk/31516/20/")
    assert response.status_code == 200
    page = html(response)
    assert "<h1>Kamerstuk 31 516, nr. 20</h1>" in page
    assert "Dit Kamerstuk staat (nog) niet in het archief" in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-31516-20.html"' in page
    assert '<a class="letter-item-title" href="/kamerstuk/33694/9/">Samenhang bijdragen</a>' in page
    assert "Op 21 april 2017 (Kamerstuk 31 516, nr. 20) bent u geïnformeerd." in page
    assert '<a href="/dossiers/31516/">31 516 — Beleidsdoorlichting Buitenlandse Zaken</a>' in page
    assert 'href="/feeds/kamerstuk/31516/20/"' in page


def test_cited_kamerstuk_page_year_filter(client, citing):
    later = make_letter(
        number=10,
        title="Latere brief",
        body="Zie Kamerstuk 31 516, nr. 20.",
        letter_date=date(2019, 1, 1),
    )
    cite(later, "Kamerstuk 31 516, nr. 20", "31516", 20)
    page = html(client.get("/kamerstuk/31516/20/?geciteerd_jaar=2019"))
    assert "Latere brief" in page
    assert "Samenhang bijdragen" not in page
    assert (
        html(client.get("/kamerstuk/31516/20/?geciteerd_jaar=xyz")).count("letter-item-title") == 2
    )


def test_a_chapter_dossier_is_cited_with_its_chapter(client):
    letter = make_letter(number=11, body="Zie Kamerstuk 35 300 V, nr. 14.")
    cite(letter, "Kamerstuk 35 300 V, nr. 14", "35300-V", 14)
    page = html(client.get("/kamerstuk/35300-V/14/"))
    assert "<h1>Kamerstuk 35 300 V, nr. 14</h1>" in page
    assert "kst-35300-V-14.html" in page


def test_neither_in_the_archive_nor_cited_is_a_404_with_the_official_link(client, citing):
    response = client.get("/kamerstuk/31516/21/")
    assert response.status_code == 404
    page = html(response)
    assert "Pagina niet gevonden" in page
    assert "Kamerstuk 31 516, nr. 21 staat niet in het archief" in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-31516-21.html"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/kamerstuk/12/3/",
        "/kamerstuk/012345/3/",
        "/kamerstuk/33694/0/",
        "/kamerstuk/33694/123456/",
        "/kamerstuk/abc/1/",
    ],
)
def test_malformed_numbers_are_a_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html(response)
