"""/dossiers/<dossier>/: its letters in order, and its cited Kamerstukken not in the archive."""

from datetime import date

import pytest

from letters.models import Dossier
from tests.factories import make_letter
from tests.page_helpers import cite, html

pytestmark = pytest.mark.django_db


def test_letters_by_number_then_date_including_other_dossiers(client):
    make_letter(number=12, title="Nummer twaalf")
    make_letter(number=9, title="Nummer negen")
    shared = make_letter(dossier="26643", number=10, title="Gedeeld met 26 643")
    shared.other_dossiers.add(Dossier.objects.get(number="33694"))
    make_letter(dossier="29521", number=1, title="Ander dossier")
    page = html(client.get("/dossiers/33694/"))
    assert "<h1>Internationaal veiligheidsbeleid</h1>" in page
    assert (
        page.index("Nummer negen") < page.index("Gedeeld met 26 643") < page.index("Nummer twaalf")
    )
    assert "Ander dossier" not in page


def test_letters_without_number_come_last_by_date(client):
    make_letter(number=5, title="Genummerd")
    later = make_letter(dossier="33694", title="Later zonder nummer", letter_date=date(2020, 1, 1))
    earlier = make_letter(
        dossier="33694", title="Eerder zonder nummer", letter_date=date(2019, 1, 1)
    )
    for letter in (later, earlier):
        letter.number = None
        letter.save()
    page = html(client.get("/dossiers/33694/"))
    assert (
        page.index("Genummerd")
        < page.index("Eerder zonder nummer")
        < page.index("Later zonder nummer")
    )


def test_cited_kamerstukken_not_in_the_archive_are_listed(client):
    citing = make_letter(dossier="29521", number=300, body="Zie Kamerstuk 33 694, nr. 1 en nr. 6.")
    cite(citing, "Kamerstuk 33 694, nr. 1", "33694", 1)
    page = html(client.get("/dossiers/33694/"))
    assert '<a href="/kamerstuk/33694/1/">Kamerstuk 33 694, nr. 1</a>' in page
    assert "(1 brief verwijst ernaar)" in page


def test_chapter_dossier_in_lowercase(client):
    make_letter(dossier="35300-V", number=14, title="Begroting hoofdstuk V")
    response = client.get("/dossiers/35300-v/")
    assert response.status_code == 200
    assert "Begroting hoofdstuk V" in html(response)


def test_feed_is_linked(client):
    make_letter(number=5)
    page = html(client.get("/dossiers/33694/"))
    assert (
        'type="application/atom+xml" title="Nieuwe brieven in dossier 33 694" href="/feeds/dossiers/33694/"'
        in page
    )
    assert '<a href="/feeds/dossiers/33694/">' in page


def test_pagination_and_bad_page(client):
    for n in range(1, 53):
        make_letter(number=n, title=f"Brief nummer {n}", index=False)
    first = html(client.get("/dossiers/33694/?page=abc"))
    assert "Brief nummer 50<" in first and "Brief nummer 51<" not in first
    second = html(client.get("/dossiers/33694/?page=2"))
    assert "Brief nummer 51<" in second and "Pagina 2 van 2" in second


def test_known_dossier_without_letters(client):
    response = client.get("/dossiers/30977/")
    assert response.status_code == 200
    assert "Er staan nog geen brieven uit dit dossier in het archief." in html(response)


def test_unknown_dossier_without_letters_is_a_404_page(client):
    response = client.get("/dossiers/99999/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html(response)
