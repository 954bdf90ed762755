"""Issue 19 #5 and #6: requests over Django's limits (a 6 MB paste, thousands of form
fields, 1 001 query parameters) get the page's own Dutch message, quickly, logged at
WARNING at most, with DEBUG on (the development server) and off.

The clients here enforce CSRF as a browser meets it: the CSRF check reads the form
before any view runs, which is where such requests used to be refused."""

import logging
import re
import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SIX_MB = "Zie Kamerstuk 33 694, nr. 12. " * (6 * 1024 * 1024 // 30)
ADMIN_FORM = "/beheer/letters/letter/uit-tekst/"


def csrf_client(path: str, user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client, token


@pytest.fixture(params=[True, False], ids=["DEBUG", "no DEBUG"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def no_errors_logged(caplog):
    caplog.set_level(logging.DEBUG)
    yield caplog
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
    assert not any(r.exc_info for r in caplog.records if r.levelno >= logging.WARNING)


def test_a_six_mb_paste_into_the_citation_lookup_gets_its_message(debug, no_errors_logged):
    client, token = csrf_client("/verwijzingen/")
    response = client.post("/verwijzingen/", {"csrfmiddlewaretoken": token, "tekst": SIX_MB})
    assert response.status_code == 413
    page = response.content.decode()
    assert "De tekst is te lang: plak hoogstens 1 MB." in page
    assert "<h1>Verwijzingen opzoeken</h1>" in page  # the page itself, ready for a new try


def test_two_thousand_fields_for_the_citation_lookup_get_its_message(debug, no_errors_logged):
    client, token = csrf_client("/verwijzingen/")
    fields = {f"veld{n}": "x" for n in range(2000)}
    response = client.post("/verwijzingen/", {"csrfmiddlewaretoken": token, "tekst": "Tekst.", **fields})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het formulier bevat te veel velden. Stuur alleen de tekst." in page
    assert "<h1>Verwijzingen opzoeken</h1>" in page


def test_a_six_mb_paste_into_the_admin_text_field_gets_the_forms_message(editor, debug, no_errors_logged):
    client, token = csrf_client(ADMIN_FORM, editor)
    response = client.post(ADMIN_FORM, {"csrfmiddlewaretoken": token, "text": SIX_MB})
    assert response.status_code == 413
    page = response.content.decode()
    assert "De tekst of het bestand is te groot" in page
    assert "hoogstens 400.000 tekens" in page
    assert 'name="text"' in page  # the form, ready for a new try


def test_two_thousand_fields_for_the_admin_form_get_its_message(editor, no_errors_logged):
    client, token = csrf_client(ADMIN_FORM, editor)
    fields = {"citations": [str(n) for n in range(2000)]}
    response = client.post(ADMIN_FORM, {"csrfmiddlewaretoken": token, "confirm": "1", **fields})
    assert response.status_code == 400
    assert "Het formulier bevat te veel velden." in response.content.decode()
    assert "begin opnieuw" in response.content.decode()


def test_an_oversized_admin_request_still_asks_an_anonymous_visitor_to_log_in(no_errors_logged):
    client = Client(enforce_csrf_checks=True)
    response = client.post(ADMIN_FORM, {"text": SIX_MB})
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_a_body_over_the_upload_limit_is_refused_unread(editor, settings, no_errors_logged):
    client, token = csrf_client(ADMIN_FORM, editor)
    settings.LETTER_UPLOAD_MAX_BYTES = 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    response = client.post(ADMIN_FORM, {"csrfmiddlewaretoken": token, "upload": upload})
    assert response.status_code == 413
    assert "hoogstens 1 MB" in response.content.decode()


def test_other_pages_answer_an_oversized_form_in_dutch(no_errors_logged):
    response = Client().post("/brieven/", {"q": SIX_MB})
    assert response.status_code == 413
    assert "Het verzoek is te groot." in response.content.decode()
    assert '<html lang="nl">' in response.content.decode()


REPEATED = "&".join(["missie=minusma"] * 1001)


@pytest.mark.parametrize(
    "url", ["/", "/brieven/", "/begroting/", "/feeds/zoeken/", "/brieven/export.csv", "/verwijzingen/"]
)
def test_a_thousand_and_one_query_parameters_get_a_quick_400(client, debug, no_errors_logged, url):
    started = time.monotonic()
    response = client.get(f"{url}?{REPEATED}")
    assert response.status_code == 400
    assert time.monotonic() - started < 2
    page = response.content.decode()
    assert "Te veel parameters in dit verzoek." in page
    assert "Traceback" not in page
    warnings = [r for r in no_errors_logged.records if r.levelno == logging.WARNING]
    assert warnings and "too-many-fields" in warnings[0].getMessage()


def test_the_api_answers_them_with_its_json_error(client, debug, no_errors_logged):
    response = client.get(f"/api/letters/?{REPEATED}")
    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": "Te veel parameters in dit verzoek."}
