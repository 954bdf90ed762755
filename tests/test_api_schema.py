"""The OpenAPI document describes the real responses: every endpoint, fetched for real
ids of the seeded archive (which generated requests rarely hit), validates against
its operation in /api/openapi.json, and every documented path is served."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from werkzeug.test import Client

from archive.wsgi import application
from letters.api.openapi import openapi_document
from letters.models import Letter, Mission
from tests.factories import make_letter, make_recommendation
from tests.page_helpers import cite


@pytest.fixture
def wsgi(seeded, settings):
    settings.API_RATE_LIMIT = 0
    cache.clear()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    citing = make_letter(number=99, title="Verwijzende brief", body="Zie Kamerstuk 33 694, nr. 9.")
    cite(citing, "Kamerstuk 33 694, nr. 9", "33694", 9)
    recommendation = make_recommendation(
        Letter.objects.get(dossier__number="33694", number=9), "9", response="partly"
    )
    recommendation.missions.add(Mission.objects.get(slug="minusma"))
    yield Client(application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def schema():
    return schemathesis.openapi.from_dict(openapi_document())


def _urls() -> list[tuple[str, str, str]]:
    """(operation path, method, concrete URL) for ids in the seeded archive."""
    letters = list(Letter.objects.order_by("id").values_list("slug", flat=True))
    urls = [("/api/letters/", "GET", "/api/letters/?page_size=100")]
    urls += [("/api/letters/{id}/", "GET", f"/api/letters/{slug}/") for slug in letters]
    urls += [
        ("/api/kamerstuk/{dossier}/{number}/", "GET", "/api/kamerstuk/33694/9/"),
        ("/api/kamerstuk/{dossier}/{number}/", "GET", "/api/kamerstuk/33694/12/"),
        ("/api/kamerstuk/{dossier}/{number}/", "GET", "/api/kamerstuk/31516/20/"),
        ("/api/kamerstuk/{dossier}/{number}/", "GET", "/api/kamerstuk/99999/1/"),
        ("/api/missions/", "GET", "/api/missions/?page_size=100"),
        ("/api/recommendations/", "GET", "/api/recommendations/?page_size=100"),
        ("/api/budget-lines/", "GET", "/api/budget-lines/?page_size=100"),
        ("/api/dossiers/", "GET", "/api/dossiers/?page_size=100"),
        ("/api/dossiers/{dossier}/", "GET", "/api/dossiers/33694/"),
        ("/api/letters/", "GET", "/api/letters/?page=abc"),
    ]
    urls += [
        ("/api/missions/{id}/", "GET", f"/api/missions/{slug}/")
        for slug in Mission.objects.values_list("slug", flat=True)
    ]
    return urls


@pytest.mark.django_db
def test_every_response_for_the_seeded_archive_matches_the_document(wsgi, schema):
    checked = 0
    for path, method, url in _urls():
        response = wsgi.open(url, method=method)
        assert response.status_code < 500, url
        schema[path][method].validate_response(response)
        checked += 1
    assert checked > 20


@pytest.mark.django_db
def test_a_lookup_response_matches_the_document(wsgi, schema):
    text = "Zie Kamerstuk 33 694, nr. 9, kst-31516-20 en Handelingen II 2019/20, nr. 23, item 4."
    response = wsgi.post("/api/citations/", json={"text": text})

    assert response.status_code == 200
    schema["/api/citations/"]["POST"].validate_response(response)
    assert [c["kind"] for c in response.get_json()["citations"]] == [
        "kamerstuk",
        "kamerstuk",
        "handelingen",
    ]


def test_every_documented_path_is_served():
    for path in openapi_document()["paths"]:
        concrete = path.replace("{id}", "x").replace("{dossier}", "33694").replace("{number}", "9")
        try:
            match = resolve(concrete)
        except Resolver404:
            pytest.fail(f"{path} is documented but not served")
        assert match.url_name != "api-unknown", path


def test_the_document_is_openapi_3_1_with_closed_objects():
    document = openapi_document()

    assert document["openapi"] == "3.1.0"
    for name, component in document["components"]["schemas"].items():
        if component.get("type") == "object" and name != "CitationLookupRequest":
            assert component["additionalProperties"] is False, name
