"""Issue 19 #2: JSON from outside (the citation API, a restore file, a seed's metadata
sidecar, the admin's structure field) nested too deeply is refused with the usual
message, never a 500 (``json.loads`` raises ``RecursionError`` on it)."""

import gzip

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from letters.json_input import MAX_DEPTH, JsonInputError, loads
from letters.services import ImportRefused, read_overrides
from tests.factories import make_letter

DEEP = [
    "[" * 1024,
    "[" * 100_000,
    '{"text": ' * 5000,
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # valid JSON, deeper than we take
]


@pytest.mark.parametrize("text", DEEP, ids=["1 KB of [", "100 KB of [", "objects", "valid but deep"])
def test_loads_refuses_deep_nesting_with_a_value_error(text):
    with pytest.raises(JsonInputError):
        loads(text)
    assert issubclass(JsonInputError, ValueError)


def test_loads_reads_ordinary_json():
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads('{"text": "Kamerstuk 33 694, nr. 12", "n": [1, {"a": null}]}') == {
        "text": "Kamerstuk 33 694, nr. 12",
        "n": [1, {"a": None}],
    }
    assert loads(nested) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("text", DEEP, ids=["1 KB of [", "100 KB of [", "objects", "valid but deep"])
def test_citation_api_answers_deep_json_with_a_json_400(client, text):
    response = client.post(reverse("letters:api-citations"), text, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["message"].startswith("Stuur JSON")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_deeply_nested_line(tmp_path):
    path = tmp_path / "archief.jsonl.gz"
    path.write_bytes(gzip.compress(("[" * 5000 + "\n").encode()))
    with pytest.raises(CommandError) as refused:
        call_command("import_archive", str(path))
    assert "Regel 1 is geen geldige JSON" in str(refused.value)


def test_a_deep_metadata_sidecar_is_refused(tmp_path):
    letter = tmp_path / "brief.txt"
    letter.write_text("Tekst.", encoding="utf-8")
    letter.with_suffix(".json").write_text("[" * 5000, encoding="utf-8")
    with pytest.raises(ImportRefused, match="brief.json is ongeldig"):
        read_overrides(letter)


@pytest.mark.django_db
def test_the_admin_structure_field_refuses_deep_json(editor_client):
    letter = make_letter(number=1)
    url = reverse("admin:letters_letter_change", args=[letter.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "title": letter.title,
            "slug": letter.slug,
            "body": letter.body,
            "original_text": "",
            "dossier": letter.dossier_id,
            "number": letter.number,
            "structure": "[" * 5000,
            "version_seen": letter.version,
        }
    )
    for prefix in ("signatures", "citations", "mission_links", "budget_lines", "recommendations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "te diep genest" in response.content.decode()
