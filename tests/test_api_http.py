"""What every open-data address shares: the rate limit, CORS, methods and JSON errors."""

import pytest
from django.core.cache import cache

from letters.api import ratelimit

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1_000_000.0  # 20 seconds before a minute ends

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    cache.clear()
    clock = Clock()
    monkeypatch.setattr(ratelimit, "_now", clock)
    yield clock
    cache.clear()


def test_over_the_limit_a_client_gets_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3

    statuses = [client.get("/api/dossiers/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/dossiers/")
    assert response.status_code == 429
    assert response["Retry-After"] == "20"
    assert response.json() == {
        "status": 429,
        "message": "Te veel verzoeken vanaf dit adres. Probeer het over 20 seconden opnieuw.",
    }
    assert response["Access-Control-Allow-Origin"] == "*"  # a web page can read why


def test_after_the_wait_the_client_may_go_on(client, settings, clock):
    settings.API_RATE_LIMIT = 1
    client.get("/api/dossiers/")
    assert client.get("/api/dossiers/").status_code == 429

    clock.now += 20

    assert client.get("/api/dossiers/").status_code == 200


def test_the_limit_is_per_client_address(client, settings):
    settings.API_RATE_LIMIT = 2
    for _ in range(2):
        client.get("/api/dossiers/", REMOTE_ADDR="10.0.0.1")

    assert client.get("/api/dossiers/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/dossiers/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_proxy_the_forwarded_address_counts(client, settings):
    settings.API_RATE_LIMIT = 1
    settings.API_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    first = client.get("/api/dossiers/", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    # A client cannot escape by writing its own X-Forwarded-For: the proxy appends the real one.
    spoofed = client.get("/api/dossiers/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
    other = client.get("/api/dossiers/", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)

    assert (first.status_code, spoofed.status_code, other.status_code) == (200, 429, 200)


def test_downloads_and_the_lookup_page_share_the_limit(client, settings):
    settings.API_RATE_LIMIT = 1
    client.get("/api/dossiers/")

    download = client.get("/brieven/export.csv")
    page = client.post("/verwijzingen/", {"tekst": "Kamerstuk 33 694, nr. 9"})

    assert download.status_code == 429
    assert page.status_code == 429
    assert page["Content-Type"].startswith("text/html")  # a person gets a page, not JSON
    assert "Te veel verzoeken" in page.content.decode()


def test_no_limit_when_switched_off(client, settings):
    settings.API_RATE_LIMIT = 0
    assert all(client.get("/api/dossiers/").status_code == 200 for _ in range(150))


def test_get_is_open_to_every_origin(client):
    response = client.get("/api/dossiers/", HTTP_ORIGIN="https://example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_only_reading(client):
    response = client.options(
        "/api/letters/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_post_lookups_are_not_opened_to_other_sites(client):
    response = client.post(
        "/api/citations/",
        {"text": "x"},
        content_type="application/json",
        HTTP_ORIGIN="https://example.org",
    )
    preflight = client.options("/api/citations/", HTTP_ORIGIN="https://example.org")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", "/api/letters/"), ("delete", "/api/dossiers/"), ("get", "/api/citations/")],
)
def test_a_wrong_method_is_a_405_with_allow(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 405
    assert "Allow" in response
    assert response.json()["status"] == 405


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/brieven/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "openapi.json" in response.json()["message"]


def test_a_missing_slash_gets_a_hint(client):
    response = client.get("/api/letters")

    assert response.status_code == 404
    assert "/api/letters/" in response.json()["message"]


def test_the_overview_page_lists_every_endpoint(client):
    from letters.api.openapi import openapi_document

    html = client.get("/api/").content.decode()

    for path in openapi_document()["paths"]:
        assert path in html
    assert 'href="/api/openapi.json"' in html


def test_too_many_parameters_is_a_json_400(client):
    response = client.get("/api/letters/?" + "&".join(["q=a"] * 1500))

    assert response.status_code == 400
    assert response.json()["message"] == "Te veel parameters in dit verzoek."
