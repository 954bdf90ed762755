"""Where an editor starts: logging in lands on the admin home, and "Nieuwe brief uit
tekst" is there, on the home page and in the "Brieven" row of the models."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FROM_TEXT = "/beheer/letters/letter/uit-tekst/"


def test_logging_in_without_next_lands_on_the_admin_home(client, editor):
    response = client.post(
        "/beheer/login/", {"username": "redacteur", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"
    assert client.get(response["Location"]).status_code == 200


def test_the_login_form_sends_the_editor_to_the_admin_home(client, editor):
    """The form as a browser posts it, with whatever hidden next it carries."""
    form = client.get("/beheer/login/").content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    hidden.pop("csrfmiddlewaretoken", None)
    response = client.post(
        "/beheer/login/", {**hidden, "username": "redacteur", "password": "geheim-wachtwoord-123"}
    )
    assert response["Location"] == "/beheer/"


def test_admin_home_offers_a_new_letter_from_text(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    # Prominently, before the list of models …
    start = page.index(f'href="{FROM_TEXT}"')
    assert start < page.index('class="app-letters module')
    # … and in the "Brieven" row, beside "Toevoegen".
    row = re.search(r'<tr class="model-letter[^"]*">.*?</tr>', page, re.S).group(0)
    assert f'href="{FROM_TEXT}"' in row
    assert "Nieuwe brief uit tekst" in row


def test_admin_home_shows_no_new_letter_link_to_who_may_not_add_letters(client, django_user_model):
    viewer = django_user_model.objects.create_user(username="lezer", password="x" * 20, is_staff=True)
    client.force_login(viewer)
    page = client.get(reverse("admin:index")).content.decode()
    assert FROM_TEXT not in page
