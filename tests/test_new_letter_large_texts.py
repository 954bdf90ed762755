"""Issue 19 #4: a long letter goes through "Nieuwe brief uit tekst": the text stays on
the server between the review page and saving (a signed, expiring reference in the
form), the review page stays small, and a text the archive cannot take is refused at
once, before it is analysed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from letters.admin import pending
from letters.models import Letter, PendingText
from tests.factories import SEEDS_DIR

pytestmark = pytest.mark.django_db

URL = "/beheer/letters/letter/uit-tekst/"
# A sentence that is in the letter's text but in nothing the review page shows.
MARKER = "Dit is de laatste zin van deze zeer lange brief over Timboektoe."


def long_letter(chars: int) -> str:
    """A real letter (seed 003, about 100 kB) repeated to ``chars`` characters."""
    seed = (SEEDS_DIR / "003_08bbf887f8a3f01b.txt").read_text(encoding="utf-8").strip()
    body = (seed * (chars // len(seed) + 1))[: chars - len(MARKER) - 2]
    return body + "\n\n" + MARKER


def review(client, **data):
    response = client.post(URL, data)
    assert response.status_code == 200, response.content.decode()[:3000]
    return response


def confirm(client, review_response, **fields):
    form = review_response.context["form"]
    post = {"confirm": "1", "text_ref": form.initial["text_ref"], "title": "Een lange brief", **fields}
    return client.post(URL, post)


def test_the_review_page_carries_a_reference_not_the_text(editor_client, settings):
    text = long_letter(settings.LETTER_TEXT_MAX_CHARS)
    upload = SimpleUploadedFile("lang.txt", text.encode("utf-8"), content_type="text/plain")
    page = review(editor_client, upload=upload)
    html = page.content.decode()
    assert MARKER not in html
    assert 'name="raw_text"' not in html
    assert 'name="text_ref"' in html
    # A page of what was found, not of the text: well under the text's size.
    assert len(page.content) < len(text.encode("utf-8")) // 2

    saved = confirm(editor_client, page, dossier="", number="")
    assert saved.status_code == 302
    letter = Letter.objects.get(title="Een lange brief")
    assert letter.original_text == text
    assert letter.source_name == "lang.txt"
    assert MARKER in letter.body
    assert PendingText.objects.count() == 0  # saved: the kept text is gone


def test_a_text_the_archive_cannot_take_is_refused_before_it_is_analysed(editor_client, settings, monkeypatch):
    from letters.admin import new_letter

    def never(_text):
        raise AssertionError("a text over the limit must not be analysed")

    monkeypatch.setattr(new_letter, "extract", never)
    text = long_letter(settings.LETTER_TEXT_MAX_CHARS + 1)
    for data in (
        {"text": text},
        {"upload": SimpleUploadedFile("lang.txt", text.encode("utf-8"), content_type="text/plain")},
    ):
        response = editor_client.post(URL, data)
        assert response.status_code == 400
        assert "De tekst is te lang (400.001 tekens)" in response.content.decode()
        assert "hoogstens 400.000 tekens" in response.content.decode()
    assert PendingText.objects.count() == 0


def test_the_page_states_the_limits_that_are_enforced(editor_client, settings):
    page = editor_client.get(URL).content.decode()
    assert "ten hoogste 20 MB" in page
    assert "ten hoogste 400.000 tekens" in page
    # Every text the form accepts fits Django's limit on form data (pasted, at most
    # 4 bytes a character in a multipart form), and a whole upload fits the request limit.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 4 * settings.LETTER_TEXT_MAX_CHARS
    from letters.search.documents import MAX_INDEXED_CHARS

    assert settings.LETTER_TEXT_MAX_CHARS <= MAX_INDEXED_CHARS  # searchable in full


def test_a_pasted_text_at_the_limit_is_taken(editor_client, settings):
    text = long_letter(settings.LETTER_TEXT_MAX_CHARS).replace("e", "é")  # 2 bytes each
    page = review(editor_client, text=text)
    assert confirm(editor_client, page).status_code == 302
    assert Letter.objects.get(title="Een lange brief").original_text == text.strip()


@pytest.fixture
def reviewed(editor_client):
    text = long_letter(20_000)
    return review(editor_client, text=text)


def test_an_altered_reference_is_refused(editor_client, reviewed):
    ref = reviewed.context["form"].initial["text_ref"]
    response = editor_client.post(URL, {"confirm": "1", "text_ref": ref[:-2] + "xx", "title": "X"})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert "begin opnieuw" in editor_client.get(URL).content.decode()
    assert not Letter.objects.exists()


def test_an_expired_reference_is_refused(editor_client, reviewed, monkeypatch):
    monkeypatch.setattr(pending, "MAX_AGE", timedelta(seconds=-1))
    response = confirm(editor_client, reviewed)
    assert response.status_code == 302
    assert not Letter.objects.exists()


def test_another_editors_reference_is_refused(client, reviewed, django_user_model):
    from django.contrib.auth.models import Group

    from letters.permissions import EDITORS_GROUP

    other = django_user_model.objects.create_user(username="ander", password="x" * 20, is_staff=True)
    other.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(other)
    response = confirm(client, reviewed)
    assert response.status_code == 302
    assert not Letter.objects.exists()


def test_expired_texts_are_cleaned_up(editor_client, reviewed, editor):
    from django.utils import timezone

    PendingText.objects.update(created_at=timezone.now() - pending.MAX_AGE - timedelta(minutes=1))
    pending.keep(text="Nieuw.", user=editor)
    assert list(PendingText.objects.values_list("text", flat=True)) == ["Nieuw."]
