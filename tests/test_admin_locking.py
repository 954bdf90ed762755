"""Two editors editing the same letter: the second save is refused, nothing is overwritten."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from letters.models import Letter
from letters.permissions import EDITORS_GROUP
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


def _editor(django_user_model, name):
    user = django_user_model.objects.create_user(username=name, password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(user)
    return client


def _form_data(response):
    """The change form as the browser would submit it, from its bound initial values."""
    form = response.context["adminform"].form
    data = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[inline_form.add_prefix(name)] = str(value)
    return data


def test_second_save_is_refused_with_who_and_when(django_user_model):
    letter = make_letter(dossier="33694", number=9, title="Oorspronkelijke titel")
    anna, bert = _editor(django_user_model, "anna"), _editor(django_user_model, "bert")
    url = reverse("admin:letters_letter_change", args=[letter.pk])
    anna_form, bert_form = _form_data(anna.get(url)), _form_data(bert.get(url))

    anna_form["title"] = "Titel van Anna"
    assert anna.post(url, anna_form).status_code == 302

    bert_form["title"] = "Titel van Bert"
    response = bert.post(url, bert_form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "gewijzigd door anna" in page
    assert "sinds je hem opende" in page
    letter.refresh_from_db()
    assert letter.title == "Titel van Anna"
    assert letter.version == 2


def test_a_save_based_on_the_latest_version_goes_through(django_user_model):
    letter = make_letter(title="Eerst")
    anna = _editor(django_user_model, "anna")
    url = reverse("admin:letters_letter_change", args=[letter.pk])
    for title in ("Tweede", "Derde"):
        form = _form_data(anna.get(url))
        form["title"] = title
        assert anna.post(url, form).status_code == 302
    letter.refresh_from_db()
    assert (letter.title, letter.version) == ("Derde", 3)


def test_history_records_who_changed_what_and_can_restore(django_user_model):
    letter = make_letter(title="Eerst")
    anna = _editor(django_user_model, "anna")
    url = reverse("admin:letters_letter_change", args=[letter.pk])
    form = _form_data(anna.get(url))
    form["title"] = "Later"
    anna.post(url, form)

    history = anna.get(reverse("admin:letters_letter_history", args=[letter.pk]))
    assert history.status_code == 200
    assert "anna" in history.content.decode()
    latest = letter.history.order_by("-history_date").first()
    assert latest.history_user.username == "anna"
    first = letter.history.order_by("history_date").first()
    assert first.title == "Eerst"
    first.instance.save()
    assert Letter.objects.get(pk=letter.pk).title == "Eerst"
