"""/missies/ with facets, and a mission's page with its timeline and budget."""

from datetime import date

import pytest

from letters.models import Mission
from tests.factories import link_mission, make_budget_line, make_letter, make_mission, save_letter
from tests.page_helpers import html

pytestmark = pytest.mark.django_db


def mission_names(page: str) -> list[str]:
    section = page[page.index('class="mission-list"') :] if 'class="mission-list"' in page else ""
    return [m.short_name for m in Mission.objects.all() if f">{m.short_name}</a>" in section]


def test_list_shows_every_mission_with_facet_counts(client):
    page = html(client.get("/missies/"))
    assert f"{Mission.objects.count()} missies" in page
    navo = Mission.objects.filter(organisation="NAVO").count()
    assert f'NAVO <span class="count">({navo})</span>' in page
    sahel = Mission.objects.filter(region="Sahel").count()
    assert f'Sahel <span class="count">({sahel})</span>' in page
    active = Mission.objects.filter(end_date__isnull=True).count()
    assert f'Lopend <span class="count">({active})</span>' in page


def test_facets_combine(client):
    page = html(client.get("/missies/?organisatie=VN&regio=Sahel"))
    assert mission_names(page) == ["MINUSMA"]
    assert "1 missie" in page
    # the organisation facet is counted within the chosen region
    eu_in_sahel = Mission.objects.filter(organisation="EU", region="Sahel").count()
    assert eu_in_sahel > 0
    assert f'Europese Unie <span class="count">({eu_in_sahel})</span>' in page
    # the chosen value links to clearing it
    assert 'href="?regio=Sahel" class="selected" aria-current="true">Verenigde Naties' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [("status=actief", "eFP"), ("status=beeindigd", "MINUSMA")],
)
def test_status_filter(client, query, expected):
    page = html(client.get(f"/missies/?{query}"))
    assert expected in mission_names(page)
    other = "MINUSMA" if expected == "eFP" else "eFP"
    assert other not in mission_names(page)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("organisatie=Warschaupact", "organisatie"),
        ("regio=Atlantis", "regio"),
        ("status=misschien", "status"),
    ],
)
def test_unknown_values_are_ignored_with_a_notice(client, query, label):
    response = client.get(f"/missies/?{query}")
    assert response.status_code == 200
    page = html(response)
    assert f"Onbekende waarde voor {label} genegeerd" in page
    assert f"{Mission.objects.count()} missies" in page


def test_mission_page_timeline_in_date_order_with_decisions(client):
    mission = make_mission("minusma")
    later = make_letter(number=50, title="Verlenging MINUSMA", letter_date=date(2016, 9, 1))
    earlier = make_letter(number=51, title="Start MINUSMA", letter_date=date(2013, 11, 1))
    mention_only = make_letter(number=52, title="Voortgang Mali", letter_date=date(2015, 1, 1))
    link_mission(later, mission, "extension", "Het kabinet verlengt de bijdrage tot eind 2017.")
    link_mission(earlier, mission, "start", "Nederland levert een bijdrage aan MINUSMA.")
    link_mission(mention_only, mission, "", "MINUSMA werkt in Mali.")

    page = html(client.get("/missies/minusma/"))
    assert "<h1>MINUSMA</h1>" in page
    assert "United Nations Multidimensional Integrated Stabilization Mission in Mali" in page
    assert "Verenigde Naties" in page and "Sahel" in page and "Mali" in page
    assert '<time datetime="2013-04-25">25 april 2013</time>' in page
    assert (
        page.index("Start MINUSMA")
        < page.index("Voortgang Mali")
        < page.index("Verlenging MINUSMA")
    )
    assert "Start</strong>: Nederland levert een bijdrage aan MINUSMA." in page
    assert "Verlenging</strong>: Het kabinet verlengt de bijdrage tot eind 2017." in page
    assert "MINUSMA werkt in Mali." in page
    assert 'href="/brieven/?missie=minusma"' in page


def test_mission_page_budget_lines_with_total(client):
    mission = make_mission("minusma")
    letter = make_letter(number=53, title="Financiering")
    make_budget_line(letter, "30000000", instrument="BIV", year_from=2018, mission=mission)
    make_budget_line(
        letter, "2500000.50", instrument="Defensie", year_from=2018, year_to=2019, mission=mission
    )
    make_budget_line(letter, "999", instrument="BZ")  # not for this mission
    page = html(client.get("/missies/minusma/"))
    assert "€ 30.000.000" in page
    assert "€ 2.500.000,50" in page
    assert "2018–2019" in page
    assert "€ 999" not in page
    assert '<th scope="row" colspan="4">Totaal</th><td class="number">€ 32.500.000,50</td>' in page


def test_mission_timeline_and_amounts_for_letters_without_date_or_number(client):
    """Undated letters show their year or "Datum onbekend", unnumbered ones say so, and
    titles and sentences are shown as text, never as markup."""
    mission = make_mission("minusma")
    only_year = make_letter(number=54, title="Alleen een jaar", letter_date=None, year=2014)
    unknown = make_letter(
        dossier=None, title="<script>Zonder datum</script>", letter_date=None, slug="zonder-datum"
    )
    link_mission(only_year, mission, "", "MINUSMA & <b>Mali</b>.")
    link_mission(unknown, mission, "end", "De bijdrage <eindigt>.")
    make_budget_line(unknown, "1000000", instrument="BIV", nature="one-off", mission=mission)

    page = html(client.get("/missies/minusma/"))
    timeline = page[page.index('class="timeline"') : page.index('id="missie-begroting"')]
    assert '<p class="timeline-date">2014</p>' in timeline
    assert '<p class="timeline-date">Datum onbekend</p>' in timeline
    assert "<p>MINUSMA &amp; &lt;b&gt;Mali&lt;/b&gt;.</p>" in timeline
    assert "Beëindiging</strong>: De bijdrage &lt;eindigt&gt;." in timeline
    assert timeline.count("Nog zonder Kamerstuknummer") == 1
    assert "<script>" not in page
    amounts = page[page.index('id="missie-begroting"') :]
    assert (
        '<a href="/brieven/zonder-datum/">&lt;script&gt;Zonder datum&lt;/script&gt;</a>' in amounts
    )
    assert "<td>Incidenteel</td>" in amounts


def test_mission_page_links_its_feed(client):
    page = html(client.get("/missies/minusma/"))
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nieuwe brieven over MINUSMA" href="/feeds/missies/minusma/">'
        in page
    )
    assert '<a href="/feeds/missies/minusma/">' in page
    assert "Nog geen brieven in het archief over deze missie." in page


def test_unknown_mission_is_a_404_page(client):
    response = client.get("/missies/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html(response)


def test_a_chosen_region_without_missions_can_still_be_cleared(client):
    page = html(client.get("/missies/?organisatie=VN&regio=Baltische+staten"))
    assert "Geen missies met deze filters." in page
    assert (
        'href="?organisatie=VN" class="selected" aria-current="true">Baltische staten <span class="count">(0)</span>'
        in page
    )


def test_seeded_mission_timeline_lists_the_letters_about_it(client, seeded):
    from letters.models import LetterMission

    link = LetterMission.objects.select_related("mission", "letter").first()
    page = html(client.get(link.mission.get_absolute_url()))
    assert f'href="{link.letter.get_absolute_url()}"' in page


def test_mission_timeline_is_paginated(client, django_assert_max_num_queries):
    from datetime import date as _date

    from tests.factories import link_mission, make_letter, make_mission

    mission = make_mission("minusma")
    for n in range(55):
        link_mission(make_letter(number=5000 + n, title=f"Tijdlijnbrief {n:02d}", letter_date=_date(2010, 1, 1 + n % 28), index=False), mission)
    first = client.get("/missies/minusma/")
    html = first.content.decode()
    assert "55 brieven, 1–50 hieronder" in html
    assert html.count('class="letter-item-title"') == 50
    second = client.get("/missies/minusma/?page=2")
    assert second.content.decode().count('class="letter-item-title"') == 5
    assert client.get("/missies/minusma/?page=abc").status_code == 200


def test_a_letter_mentioning_the_mission_twice_is_one_letter_on_the_timeline(client):
    from tests.factories import link_mission, make_letter, make_mission

    mission = make_mission("minusma")
    letter = make_letter(number=5100, title="Twee vermeldingen", letter_date=date(2014, 2, 1))
    link_mission(letter, mission, "", "Eerste vermelding.")
    link_mission(letter, mission, "extension", "Het kabinet verlengt.")
    link_mission(make_letter(number=5101, title="Eén vermelding"), mission)
    page = html(client.get("/missies/minusma/"))
    assert '<p class="result-count">2 brieven</p>' in page
    assert page.count(">Twee vermeldingen</a>") == 1
    assert "Verlenging</strong>: Het kabinet verlengt." in page


def test_mission_page_shows_its_first_amounts_oldest_letter_first(client, monkeypatch):
    """The amounts table holds the first amounts, oldest letter first and undated
    letters last, while the total counts them all; when a letter's date is corrected,
    its amounts move with it."""
    monkeypatch.setattr("letters.selectors.missions.BUDGET_LINES_SHOWN", 3)
    mission = make_mission("minusma")
    undated = make_letter(dossier=None, slug="ongedateerd", title="Ongedateerd", letter_date=None)
    late = make_letter(number=81, title="Laat", letter_date=date(2020, 5, 1))
    early = make_letter(number=82, title="Vroeg", letter_date=date(2013, 2, 1))
    for letter, amount in ((undated, "4000004"), (late, "3000003"), (early, "1000001"), (early, "2000002")):
        make_budget_line(letter, amount, instrument="BIV", mission=mission)

    def amounts_shown():
        page = html(client.get("/missies/minusma/"))
        table = page[page.index('id="missie-begroting"') :]
        shown = [a for a in ("1.000.001", "2.000.002", "3.000.003", "4.000.004") if f"€ {a}" in table]
        assert "De eerste 3 van 4 bedragen; het totaal telt ze allemaal." in table
        assert "€ 10.000.010" in table
        return sorted(shown, key=lambda a: table.index(f"€ {a}"))

    assert amounts_shown() == ["1.000.001", "2.000.002", "3.000.003"]
    late.date, late.year = date(2009, 1, 1), 2009
    save_letter(late)
    assert amounts_shown() == ["3.000.003", "1.000.001", "2.000.002"]
    early.date, early.year = None, None
    save_letter(early)
    assert amounts_shown() == ["3.000.003", "4.000.004", "1.000.001"]


def test_a_missions_first_amounts_come_from_an_index():
    """The first amounts of a mission with thousands of them are read from
    ``budget_mission_order`` alone, without the budget lines' rows."""
    from django.db import connection

    from letters.selectors.missions import first_budget_line_ids

    mission = make_mission("minusma")
    sql, params = first_budget_line_ids(mission).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Too few rows to need an index; priced out, a Sort would mean none fits.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Index Only Scan using budget_mission_order" in plan and "Sort" not in plan, plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "COVERING INDEX budget_mission_order" in plan, plan
