"""Issue 19 #7: a request naming another host (``Host: localhost:9999`` passes
ALLOWED_HOSTS, which does not check ports) cannot change the absolute links —
canonical, feed, sitemap, download — that later visitors get from the page cache.

With ``SITE_URL`` set, every absolute link is built from it, whatever the request's
host; without it (development), links follow the request and the page cache keeps
each scheme and host apart."""

import json

import pytest
from django.core.cache import cache

from tests.factories import make_letter

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_HOST = "localhost:9999"
PAGES = ["letter", "/feeds/brieven/", "/sitemap.xml", "/brieven/export.csv", "/brieven/export.json", "/robots.txt"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def _url(page: str, letter) -> str:
    return letter.get_absolute_url() if page == "letter" else page


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_another_host_does_not_change_what_the_next_visitor_gets(client, settings, page):
    settings.SITE_URL = ""
    letter = make_letter(number=9, title="Een brief")
    url = _url(page, letter)
    first = client.get(url, HTTP_HOST=OTHER_HOST)
    assert first.status_code == 200
    assert OTHER_HOST in _body(first)  # without SITE_URL, links follow the request …
    normal = client.get(url)
    body = _body(normal)
    assert OTHER_HOST not in body  # … but never reach another visitor
    assert "http://testserver/" in body


@pytest.mark.parametrize("page", PAGES)
def test_with_site_url_every_absolute_link_uses_it(client, settings, page):
    settings.SITE_URL = "https://kamerbrieven.example"
    letter = make_letter(number=9, title="Een brief")
    url = _url(page, letter)
    for host in (OTHER_HOST, "testserver"):
        body = _body(client.get(url, HTTP_HOST=host))
        assert OTHER_HOST not in body
        assert "testserver" not in body
        assert "https://kamerbrieven.example/" in body


def test_the_canonical_link_of_a_letter_uses_site_url(client, settings):
    settings.SITE_URL = "https://kamerbrieven.example"
    letter = make_letter(number=9)
    page = client.get(letter.get_absolute_url(), HTTP_HOST=OTHER_HOST).content.decode()
    assert '<link rel="canonical" href="https://kamerbrieven.example/kamerstuk/33694/9/">' in page


def test_the_api_links_use_site_url(client, settings):
    settings.SITE_URL = "https://kamerbrieven.example"
    make_letter(number=9)
    body = client.get("/api/letters/?page_size=1", HTTP_HOST=OTHER_HOST).json()
    assert body["results"][0]["url"] == "https://kamerbrieven.example/kamerstuk/33694/9/"
    assert OTHER_HOST not in json.dumps(body)


@pytest.mark.parametrize(
    "value", ["kamerbrieven.example", "https://kamerbrieven.example/archief", "ftp://x.example"]
)
def test_a_malformed_site_url_refuses_to_start(value):
    from tests.test_settings import run_check

    result = run_check(DEBUG="1", SITE_URL=value)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_a_site_url_with_a_trailing_slash_is_fine():
    from tests.test_settings import run_check

    assert run_check(DEBUG="1", SITE_URL="https://kamerbrieven.example/").returncode == 0
