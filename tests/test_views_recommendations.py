"""/aanbevelingen/: recommendations grouped by report, filterable by the response."""

import pytest

from letters.models import Report
from tests.factories import make_letter, make_recommendation
from tests.page_helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendations():
    letter = make_letter(number=60, title="Kabinetsreactie BIV")
    biv = Report.objects.get(slug="beleidsdoorlichting-biv")
    wrr = Report.objects.get(slug="wrr-veiligheid-in-een-wereld-van-verbindingen")
    make_recommendation(
        letter,
        number="10",
        report=biv,
        text="Tiende aanbeveling.",
        response="adopted",
        response_text="Het kabinet doet dit.",
    )
    make_recommendation(
        letter, number="2", report=biv, text="Tweede aanbeveling.", response="rejected"
    )
    make_recommendation(None, number="1", report=wrr, text="Investeer in kennis.")
    return letter


def test_grouped_by_report_in_natural_order(client, recommendations):
    page = html(client.get("/aanbevelingen/"))
    assert '<section class="report" id="beleidsdoorlichting-biv"' in page
    assert '<section class="report" id="wrr-veiligheid-in-een-wereld-van-verbindingen"' in page
    assert page.index("Tweede aanbeveling.") < page.index("Tiende aanbeveling.")
    assert "Overgenomen</strong>: Het kabinet doet dit." in page
    assert "Niet overgenomen</strong>" in page
    assert "Nog geen reactie</strong>" in page
    assert 'Reactie in: <a href="/kamerstuk/33694/60/">Kabinetsreactie BIV</a>' in page


def test_response_filter_with_dutch_labels_and_counts(client, recommendations):
    page = html(client.get("/aanbevelingen/?reactie=adopted"))
    assert "Tiende aanbeveling." in page
    assert "Tweede aanbeveling." not in page
    assert "Investeer in kennis." not in page
    assert 'class="selected" aria-current="true">Overgenomen <span class="count">(1)</span>' in page
    assert 'Niet overgenomen <span class="count">(1)</span>' in page
    assert 'Nog geen reactie <span class="count">(1)</span>' in page
    assert "adopted</a>" not in page


def test_filter_on_no_response_yet(client, recommendations):
    page = html(client.get("/aanbevelingen/?reactie=geen"))
    assert "Investeer in kennis." in page
    assert "Tiende aanbeveling." not in page


def test_unknown_response_is_ignored_with_a_notice(client, recommendations):
    response = client.get("/aanbevelingen/?reactie=misschien")
    assert response.status_code == 200
    page = html(response)
    assert "Onbekende waarde voor reactie genegeerd" in page
    assert "Tiende aanbeveling." in page and "Investeer in kennis." in page


def test_a_filter_without_matches_says_so(client, recommendations):
    page = html(client.get("/aanbevelingen/?reactie=noted"))
    assert "Geen aanbevelingen met reactie „kennisgenomen”" in page
