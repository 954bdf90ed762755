"""/api/missions/, /api/recommendations/, /api/budget-lines/ and /api/dossiers/."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from letters.models import Mission
from letters.selectors.missions import mission_list
from tests.factories import (
    link_mission,
    make_budget_line,
    make_letter,
    make_mission,
    make_recommendation,
)
from tests.page_helpers import cite

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


@pytest.fixture
def money():
    minusma = make_mission("minusma")
    efp = make_mission("enhanced-forward-presence")
    old = make_letter(number=9, title="Oud", letter_date=date(2016, 11, 1))
    new = make_letter(number=12, title="Nieuw", letter_date=date(2019, 5, 6))
    link_mission(old, minusma, "extension")
    link_mission(new, efp, "start")
    make_budget_line(old, "30000000", instrument="BIV", year_from=2017, mission=minusma)
    make_budget_line(old, "0.10", instrument="BZ", year_from=2017)
    make_budget_line(new, "1500000000", instrument="Defensie", nature="structural", mission=efp)
    make_recommendation(new, "1", response="rejected").missions.add(efp)
    return {"old": old, "new": new, "minusma": minusma, "efp": efp}


# -- missions ----------------------------------------------------------------------------


def test_missions_are_filtered_like_the_missions_page(client, money):
    expected = mission_list(organisation="NAVO", region=None, status=None).missions

    data = get_json(client, "/api/missions/?organisatie=NAVO&page_size=100")

    assert [m["id"] for m in data["results"]] == [m.slug for m in expected]
    assert {m["organisation"] for m in data["results"]} == {"NAVO"}


def test_an_unknown_region_is_ignored_and_reported(client, money):
    data = get_json(client, "/api/missions/?regio=Atlantis&page_size=100")

    assert data["count"] == Mission.objects.count()
    assert data["notices"] == ["Onbekende regio „Atlantis”: dit filter is genegeerd."]


def test_a_mission_has_its_letters_and_money(client, money):
    data = get_json(client, "/api/missions/minusma/")

    assert data["letter_count"] == 1
    assert [entry["letter"]["id"] for entry in data["letters"]] == [money["old"].slug]
    assert data["letters"][0]["mentions"][0]["decision"] == "extension"
    assert [line["amount"] for line in data["budget_lines"]] == ["30000000.00"]
    assert data["budget_total"] == "30000000.00"
    assert "MINUSMA" in data["aliases"]
    assert data["start_date"] == "2013-04-25"


@pytest.mark.parametrize("query", ["organisatie=UNO", "status=misschien", "regio=" + "x" * 101])
def test_bad_mission_filters_are_400s(client, money, query):
    get_json(client, f"/api/missions/?{query}", status=400)


def test_an_unknown_mission_is_a_404(client, money):
    assert "geen missie" in get_json(client, "/api/missions/bestaat-niet/", status=404)["message"]


# -- budget lines ----------------------------------------------------------------------------


def test_amounts_are_exact_decimal_strings(client, money):
    data = get_json(client, "/api/budget-lines/")

    amounts = {line["amount"] for line in data["results"]}
    assert amounts == {"30000000.00", "0.10", "1500000000.00"}
    assert sum(Decimal(a) for a in amounts) == Decimal("1530000000.10")


def test_budget_lines_are_filtered_like_the_budget_page(client, money):
    data = get_json(client, "/api/budget-lines/?instrument=BIV&jaar=2017&missie=minusma")

    [line] = data["results"]
    assert (line["instrument"], line["budget_year"], line["mission"]["id"]) == (
        "BIV",
        2017,
        "minusma",
    )
    assert line["letter"]["id"] == money["old"].slug


def test_the_budget_year_falls_back_to_the_letters_year(client, money):
    data = get_json(client, "/api/budget-lines/?jaar=2019")

    [line] = data["results"]
    assert (line["year_from"], line["budget_year"], line["nature"]) == (None, 2019, "structural")


def test_an_unknown_mission_in_the_budget_filter_is_ignored_and_reported(client, money):
    data = get_json(client, "/api/budget-lines/?missie=bestaat-niet")

    assert data["count"] == 3
    assert data["notices"] == ["Onbekende missie „bestaat-niet”: dit filter is genegeerd."]


@pytest.mark.parametrize("query", ["instrument=biv", "jaar=volgend", "missie=MINUSMA"])
def test_bad_budget_filters_are_400s(client, money, query):
    get_json(client, f"/api/budget-lines/?{query}", status=400)


# -- recommendations ------------------------------------------------------------------------


def test_recommendations_are_filtered_by_response(client, money):
    make_recommendation(money["old"], "10", response="adopted")
    make_recommendation(money["old"], "2", response="adopted").missions.add(money["minusma"])
    make_recommendation(None, "3", response="")

    adopted = get_json(client, "/api/recommendations/?reactie=adopted")
    waiting = get_json(client, "/api/recommendations/?reactie=geen")

    assert [r["number"] for r in adopted["results"]] == ["2", "10"]  # "2" before "10"
    assert adopted["results"][0]["missions"][0]["id"] == "minusma"
    assert adopted["results"][0]["report"]["id"] == "testrapport"
    assert [(r["number"], r["letter"]) for r in waiting["results"]] == [("3", None)]
    get_json(client, "/api/recommendations/?reactie=misschien", status=400)


# -- dossiers ------------------------------------------------------------------------------


def test_dossiers_count_their_letters_once_whatever_the_role(client, money):
    money["new"].other_dossiers.add(money["old"].dossier)  # its own main dossier again
    other = make_letter(dossier="34700", number=34)
    other.other_dossiers.add(money["old"].dossier)

    data = get_json(client, "/api/dossiers/?page_size=100")
    counts = {d["id"]: d["letter_count"] for d in data["results"]}

    assert counts["33694"] == 3
    assert counts["34700"] == 1
    assert counts["29521"] == 0
    main = next(d for d in data["results"] if d["id"] == "33694")
    assert main["letters_url"] == "http://testserver/api/letters/?dossier=33694"
    assert get_json(client, main["letters_url"])["count"] == 3


def test_a_dossier_lists_kamerstukken_cited_but_not_in_the_archive(client, money):
    cite(money["new"], money["new"].body[:12], "33694", 77)

    data = get_json(client, "/api/dossiers/33694/")

    assert data["letter_count"] == 2
    assert [(c["key"], c["citing_letters"]) for c in data["cited_not_in_archive"]] == [
        ("33694-77", 1)
    ]


def test_a_numbered_sub_dossier_can_be_fetched(client, db):
    data = get_json(client, "/api/dossiers/21501-02/")

    assert data["display"] == "21 501-02"


@pytest.mark.parametrize(("path", "status"), [("99999", 404), ("abc", 400), ("33694x", 400)])
def test_unknown_or_malformed_dossiers(client, db, path, status):
    get_json(client, f"/api/dossiers/{path}/", status=status)


# -- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/missions/?page_size=100",
        "/api/recommendations/?page_size=100",
        "/api/budget-lines/?page_size=100&missie=minusma",
        "/api/dossiers/?page_size=100",
        "/api/missions/minusma/",
        "/api/dossiers/33694/",
    ],
)
def test_list_queries_do_not_grow_with_the_data(client, money, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_json(client, url)
        return len(captured)

    small = queries()
    for n in range(20):
        letter = make_letter(number=400 + n, title=f"Brief {n}")
        link_mission(letter, money["minusma"], "report")
        make_budget_line(letter, str(1000 + n), instrument="BIV", mission=money["minusma"])
        make_recommendation(letter, str(100 + n), response="noted").missions.add(money["efp"])
        letter.other_dossiers.add(money["new"].dossier)
        cite(letter, letter.body[:10], "33694", 500 + n)
    assert queries() == small
