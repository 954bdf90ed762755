"""Editors can use every admin page, and add a letter from pasted or uploaded text."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from letters.models import Letter, PendingText
from tests.test_services import CITING_TEXT

pytestmark = pytest.mark.django_db

LETTER_MODELS = [m for m in apps.get_app_config("letters").get_models() if m in admin.site._registry]


def test_every_letters_model_is_registered():
    expected = {"Dossier", "Ministry", "Person", "Letter", "Citation", "Mission", "LetterMission",
                "Report", "Recommendation", "BudgetLine"}
    assert expected <= {m.__name__ for m in LETTER_MODELS}


@pytest.mark.parametrize("model", LETTER_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_forms_render_for_an_editor(editor_client, seeded, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert editor_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert editor_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        response = editor_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        assert response.status_code == 200


def test_changelist_search_and_filters_work(editor_client, seeded):
    url = reverse("admin:letters_letter_changelist")
    response = editor_client.get(url, {"q": "beleidsdoorlichting"})
    assert response.status_code == 200
    assert "Budget Internationale Veiligheid" in response.content.decode()
    assert editor_client.get(url, {"kind__exact": "kabinetsreactie"}).status_code == 200


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("admin:letters_letter_changelist"))
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def _review(editor_client, **data):
    response = editor_client.post(reverse("admin:letters_letter_from_text"), data)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def test_new_letter_from_pasted_text_review_and_save(editor_client):
    review = _review(editor_client, text=CITING_TEXT)
    page = review.content.decode()
    assert "Kamerstuk 33 694, nr. 12" in page
    assert "Kamerstuk 29 521, nr. 360" in page
    assert "MINUSMA" in page or "Mali" in page
    form = review.context["form"]
    extraction = review.context["extraction"]
    second = next(i for i, c in enumerate(extraction.citations) if c.key.key == "29521-360")
    post = {
        "confirm": "1",
        "text_ref": form.initial["text_ref"],
        "title": "Brief over de inzet in Mali",
        "dossier": "29521",
        "number": "400",
        "date": "2019-02-01",
        "kind": "beleidsbrief",
        "signatories": "Minister van Defensie | A.Th.B. Bijleveld-Schouten",
        # keep every citation except the second, every amount and mission
        "citations": [str(i) for i in range(len(extraction.citations)) if i != second],
        "amounts": [str(i) for i in range(len(extraction.amounts))],
        "missions": [str(i) for i in range(len(extraction.missions))],
    }
    response = editor_client.post(reverse("admin:letters_letter_from_text"), post)
    assert response.status_code == 302
    letter = Letter.objects.get(dossier__number="29521", number=400)
    assert response["Location"] == reverse("admin:letters_letter_change", args=[letter.pk])
    assert letter.title == "Brief over de inzet in Mali"
    assert set(letter.citations.values_list("key", flat=True)) == {"33694-12"}
    assert letter.budget_lines.count() == 1
    assert letter.mission_links.filter(mission__slug="minusma").exists()
    assert letter.signatures.get().function == "Minister van Defensie"


def test_review_refuses_a_number_that_is_taken_and_keeps_the_text(editor_client, seeded):
    review = _review(editor_client, text=CITING_TEXT)
    post = {
        "confirm": "1",
        "text_ref": review.context["form"].initial["text_ref"],
        "title": "Dubbel",
        "dossier": "33694",
        "number": "9",
    }
    response = editor_client.post(reverse("admin:letters_letter_from_text"), post)
    assert response.status_code == 400
    assert "staat al in het archief" in response.content.decode()
    assert not Letter.objects.filter(title="Dubbel").exists()
    # Nothing lost: the same text, still on the server, is saved once the number is free.
    assert f'value="{post["text_ref"]}"' in response.content.decode()
    assert "Kamerstuk 29 521, nr. 360" in response.content.decode()
    response = editor_client.post(reverse("admin:letters_letter_from_text"), {**post, "number": "900"})
    assert response.status_code == 302
    assert "Zoals eerder gemeld" in Letter.objects.get(title="Dubbel").original_text


def test_review_refuses_a_malformed_dossier(editor_client):
    review = _review(editor_client, text=CITING_TEXT)
    post = {"confirm": "1", "text_ref": review.context["form"].initial["text_ref"], "title": "X", "dossier": "abc"}
    response = editor_client.post(reverse("admin:letters_letter_from_text"), post)
    assert response.status_code == 400
    assert "Ongeldig dossiernummer" in response.content.decode()


def test_upload_a_text_file(editor_client):
    upload = SimpleUploadedFile("brief.txt", CITING_TEXT.encode("utf-8"), content_type="text/plain")
    review = _review(editor_client, upload=upload)
    assert "Kamerstuk 33 694, nr. 12" in review.content.decode()


@pytest.mark.parametrize(
    "name, content",
    [
        ("brief.pdf", b"%PDF-1.4\n this is not really a pdf"),
        ("brief.txt", bytes(range(256)) * 20),
        ("leeg.txt", b""),
    ],
)
def test_broken_uploads_give_a_clear_message_and_save_nothing(editor_client, name, content):
    upload = SimpleUploadedFile(name, content)
    response = editor_client.post(reverse("admin:letters_letter_from_text"), {"upload": upload})
    assert response.status_code == 400
    assert 'class="errornote"' in response.content.decode() or "errorlist" in response.content.decode()
    assert Letter.objects.count() == 0


def test_too_large_upload_is_refused(editor_client, settings):
    settings.LETTER_UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("brief.txt", CITING_TEXT.encode("utf-8") * 10)
    response = editor_client.post(reverse("admin:letters_letter_from_text"), {"upload": upload})
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_empty_form_asks_for_text(editor_client):
    response = editor_client.post(reverse("admin:letters_letter_from_text"), {})
    assert response.status_code == 400
    assert "Plak de tekst" in response.content.decode()


# -- the header pre-fills the review; a letter pasted twice is the same letter -----------
REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def _review_post(review, **changes):
    """The review form as the editor confirms it (every pre-filled value kept)."""
    form = review.context["form"]
    post = {"confirm": "1"}
    for name in form.fields:
        value = form.initial.get(name)
        if value not in (None, ""):
            post[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    extraction = review.context["extraction"]
    for kind in ("citations", "proceedings", "amounts", "missions", "recommendations"):
        post[kind] = [str(i) for i in range(len(getattr(extraction, kind)))]
    post.update(changes)
    return post


def test_review_is_prefilled_from_the_official_header(editor_client):
    text = (REAL / "kst-29383-405.web-excerpt.txt").read_text(encoding="utf-8")
    review = _review(editor_client, text=text)
    initial = review.context["form"].initial
    assert (initial["dossier"], initial["number"]) == ("29383", 405)
    assert initial["other_dossiers"] == "28973"
    assert initial["vergaderjaar"] == "2022-2023"
    assert initial["date"].isoformat() == "2023-07-07"
    page = review.content.decode()
    assert "Volgens de kop van de tekst" in page and "Toekomst veehouderij" in page
    # The editor corrects the other dossiers and the kind; the letter keeps the corrections.
    post = _review_post(review, other_dossiers="28973, 35300-V", kind="beleidsbrief")
    response = editor_client.post(reverse("admin:letters_letter_from_text"), post)
    assert response.status_code == 302
    letter = Letter.objects.get(dossier__number="29383", number=405)
    assert sorted(d.number for d in letter.other_dossiers.all()) == ["28973", "35300-V"]
    assert letter.kind == "beleidsbrief" and letter.vergaderjaar == "2022-2023"


def test_a_letter_pasted_twice_is_offered_for_update_not_refused_or_duplicated(editor_client):
    pdf = (REAL / "kst-29521-291.pdf.txt").read_text(encoding="utf-8")
    first = _review(editor_client, text=pdf)
    assert "zelfde-brief" not in first.content.decode()
    editor_client.post(reverse("admin:letters_letter_from_text"), _review_post(first))
    stored = Letter.objects.get(dossier__number="29521", number=291)

    web = (REAL / "kst-29521-291.web.txt").read_text(encoding="utf-8")
    second = _review(editor_client, text=web)
    page = second.content.decode()
    assert "Deze brief staat al in het archief" in page and "zelfde Kamerstuknummer" in page
    assert "Bestaande brief bijwerken" in page
    response = editor_client.post(
        reverse("admin:letters_letter_from_text"), _review_post(second, title="Tussentijdse evaluatie 2014")
    )
    assert response.status_code == 302
    assert Letter.objects.filter(dossier__number="29521", number=291).count() == 1
    stored.refresh_from_db()
    assert stored.title == "Tussentijdse evaluatie 2014"
    assert stored.original_text.strip() == web.strip()


def test_same_paragraphs_without_a_number_are_recognised(editor_client):
    web = (REAL / "kst-29521-291.web.txt").read_text(encoding="utf-8")
    first = _review(editor_client, text=web)
    editor_client.post(reverse("admin:letters_letter_from_text"), _review_post(first, number="", dossier=""))
    stored = Letter.objects.get()
    assert stored.number is None
    # The same letter as its PDF text, copied from the addressee on (so without its
    # number): another raw text, the same paragraphs.
    pdf = (REAL / "kst-29521-291.pdf.txt").read_text(encoding="utf-8")
    second = _review(editor_client, text=pdf[pdf.index("Aan de Voorzitter") :])
    page = second.content.decode()
    assert "zelfde alinea" in page and "Als nieuwe brief opslaan" in page
    assert second.context["form"].initial["existing"] == stored.pk


def test_update_is_refused_when_the_letter_changed_meanwhile(editor_client):
    web = (REAL / "kst-29521-291.web.txt").read_text(encoding="utf-8")
    editor_client.post(reverse("admin:letters_letter_from_text"), _review_post(_review(editor_client, text=web)))
    second = _review(editor_client, text=web)
    stored = Letter.objects.get()
    Letter.objects.filter(pk=stored.pk).update(version=stored.version + 1)
    response = editor_client.post(reverse("admin:letters_letter_from_text"), _review_post(second, title="X"))
    assert response.status_code == 302
    assert Letter.objects.get().title != "X"


def test_upload_a_word_file(editor_client):
    data = (REAL / "kst-26488-72.docx").read_bytes()
    upload = SimpleUploadedFile(
        "brief.docx",
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    review = _review(editor_client, upload=upload)
    initial = review.context["form"].initial
    assert (initial["dossier"], initial["number"]) == ("26488", 72)
    # The file's name waits on the server with the text, for the save.
    assert PendingText.objects.get().metadata["source_name"] == "brief.docx"
    assert review.context["extraction"].clean.footnote_refs
