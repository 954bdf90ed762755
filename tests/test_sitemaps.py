"""/sitemap.xml lists every public page worth indexing."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_letter
from tests.page_helpers import cite

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")}


def test_sitemap_lists_letters_missions_dossiers_and_cited_kamerstuk_pages(client):
    letter = make_letter(number=9, body="Zie Kamerstuk 31 516, nr. 20.")
    make_letter(dossier=None, slug="zonder-nummer")
    cite(letter, "Kamerstuk 31 516, nr. 20", "31516", 20)
    urls = locations(client)
    base = "http://testserver"
    assert {
        f"{base}/",
        f"{base}/brieven/",
        f"{base}/missies/",
        f"{base}/aanbevelingen/",
        f"{base}/begroting/",
        f"{base}/kamerstuk/33694/9/",
        f"{base}/brieven/zonder-nummer/",
        f"{base}/missies/minusma/",
        f"{base}/dossiers/33694/",
        f"{base}/kamerstuk/31516/20/",
    } <= urls
    # a dossier without letters has no page worth listing
    assert f"{base}/dossiers/30977/" not in urls


def test_letters_carry_their_last_change(client):
    make_letter(number=9)
    response = client.get("/sitemap.xml")
    assert b"<lastmod>" in response.content
