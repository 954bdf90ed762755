"""Conditional GET and the page cache: a page is served from cache until the archive
changes, a client holding the current ETag gets a 304, and any change shows at once."""

import pytest
from django.core.cache import cache

from tests.factories import make_letter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_second_request_is_served_from_cache_without_rendering(client, django_assert_max_num_queries):
    letter = make_letter(dossier="33694", number=9, title="Eerste titel")
    first = client.get(letter.get_absolute_url())
    assert first.status_code == 200 and first.has_header("ETag")
    with django_assert_max_num_queries(1):  # only the archive generation
        second = client.get(letter.get_absolute_url())
    assert second.content == first.content


def test_matching_etag_gets_304(client):
    letter = make_letter(dossier="33694", number=9)
    etag = client.get(letter.get_absolute_url())["ETag"]
    response = client.get(letter.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_a_change_to_the_archive_shows_at_once(client):
    letter = make_letter(dossier="33694", number=9, title="Eerste titel")
    old = client.get(letter.get_absolute_url())
    assert "Eerste titel" in old.content.decode()
    letter.title = "Nieuwe titel"
    letter.save()
    new = client.get(letter.get_absolute_url())
    assert "Nieuwe titel" in new.content.decode()
    assert new["ETag"] != old["ETag"]
    assert client.get(letter.get_absolute_url(), HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 200


def test_logged_in_editors_and_the_admin_are_never_cached(client, django_user_model):
    user = django_user_model.objects.create_user(username="r", password="x" * 12, is_staff=True)
    client.force_login(user)
    letter = make_letter(dossier="33694", number=9)
    assert not client.get(letter.get_absolute_url()).has_header("ETag")
