"""The home page, robots.txt and the Dutch error pages."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from letters.models import Mission
from tests.factories import link_mission, make_budget_line, make_letter, make_mission
from tests.page_helpers import cite, html

pytestmark = pytest.mark.django_db


def test_counts_recent_letters_and_missions(client):
    first = make_letter(number=1, title="Eerste brief", body="Zie Kamerstuk 31 516, nr. 20.")
    make_letter(number=2, title="Tweede brief")
    cite(first, "Kamerstuk 31 516, nr. 20", "31516", 20)
    make_budget_line(first, "1000")
    link_mission(first, make_mission("minusma"))
    page = html(client.get("/"))
    assert "<strong>2</strong> brieven" in page
    assert "<strong>1</strong> verwijzing naar Kamerstukken en Handelingen" in page
    assert f"<strong>{Mission.objects.count()}</strong> missies" in page
    assert "<strong>1</strong> begrotingsregel" in page
    assert '<a class="letter-item-title" href="/kamerstuk/33694/1/">Eerste brief</a>' in page
    assert '<a href="/missies/minusma/">MINUSMA</a> <span class="count">(1 brief)</span>' in page


def test_search_box_sends_q_to_the_letter_list(client):
    page = html(client.get("/"))
    assert (
        '<form class="search-form search-form-large" role="search" action="/brieven/" method="get">'
        in page
    )
    assert '<label for="home-q">Zoek in de brieven</label>' in page
    assert '<input id="home-q" type="search" name="q"' in page


def test_empty_archive(client):
    page = html(client.get("/"))
    assert "Er staan nog geen brieven in het archief." in page
    assert 'href="/feeds/brieven/"' in page


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /beheer/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_404_page_is_dutch(client):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    page = html(response)
    assert '<html lang="nl">' in page
    assert "Pagina niet gevonden" in page
    assert 'action="/brieven/"' in page


def test_500_page_is_dutch_and_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert '<html lang="nl">' in page


def test_counts_match_the_seeded_archive(client, seeded):
    from letters.models import BudgetLine, Citation, Letter

    page = html(client.get("/"))
    assert f"<strong>{Letter.objects.count()}</strong> brieven" in page
    assert f"<strong>{Citation.objects.count()}</strong> verwijzingen" in page
    assert f"<strong>{BudgetLine.objects.count()}</strong> begrotingsregels" in page


def test_recent_letters_are_newest_first_by_date_and_undated_last(client):
    """Issue 19 #15: "Recente brieven" is in date order, newest first; letters without a
    date (a year alone counts as its 1 January, so it does not jump ahead of dated
    letters of that year) follow the dated ones, newest year first, unknown year last."""
    from datetime import date

    make_letter(number=1, title="Brief 2016", letter_date=date(2016, 5, 1), year=2016)
    make_letter(number=2, title="Zonder datum of jaar", letter_date=None)
    make_letter(number=3, title="Brief 2018", letter_date=date(2018, 3, 28), year=2018)
    make_letter(number=4, title="Alleen jaar 2017", letter_date=None, year=2017)
    make_letter(number=5, title="Alleen jaar 2019", letter_date=None, year=2019)
    make_letter(number=6, title="Ook zonder datum", letter_date=None)
    page = html(client.get("/"))
    section = page[page.index('id="recente-brieven"') : page.index('id="home-missies"')]
    titles = re.findall(r'class="letter-item-title" href="[^"]+">([^<]+)</a>', section)
    assert titles == [
        "Brief 2018",
        "Brief 2016",
        "Alleen jaar 2019",
        "Alleen jaar 2017",
        "Ook zonder datum",
        "Zonder datum of jaar",
    ]
    assert "Nieuwste eerst" in section
