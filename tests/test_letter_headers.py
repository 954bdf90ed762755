"""What a letter's header says reaches the archive (issue 17), and a joint citation
counts once, for its first dossier (issue 19, item 9)."""

import pytest
from django.core.management import call_command

from letters.models import Citation, CitationKind, Dossier, Letter
from letters.services import import_letter_file, import_letter_text, reanalyse_citations
from tests.real_letters import REAL

pytestmark = pytest.mark.django_db

JOINT = (
    "Den Haag, 5 juli 2019\n\nHet kabinet beschrijft de inzet in het digitale domein "
    "(Kamerstukken 33 694 en 26 643, nr. 47) en de dreiging (Kamerstuk 26 643 en 32 761, "
    "nr. 570), met de beantwoording (Kamerstukken II 2019-2020, 26 643 en 32 761, nr. 642).\n\n"
    "De Minister van Buitenlandse Zaken,\nS.A. Blok\n"
)


def test_import_keeps_identifier_dossiers_titles_vergaderjaar_and_kind():
    Dossier.objects.create(number="28973", title="Door een redacteur gekozen titel")
    result = import_letter_file(REAL / "kst-29383-405.web-excerpt.txt", missions=[])
    letter = result.letter
    assert (letter.dossier.number, letter.number) == ("29383", 405)
    assert [d.number for d in letter.other_dossiers.all()] == ["28973"]
    assert letter.vergaderjaar == "2022-2023"
    assert letter.title == "Uitgangspunten voor aanpassing van de regelgeving"
    # The dossier's title lands on its record when the record has none ...
    assert letter.dossier.title == "Regelgeving Ruimtelijke Ordening en Milieu"
    # ... and never overwrites an editor's.
    assert Dossier.objects.get(number="28973").title == "Door een redacteur gekozen titel"


def test_import_of_a_word_file_and_a_letterhead(tmp_path):
    word = import_letter_file(REAL / "kst-26488-72.docx", missions=[]).letter
    assert word.kamerstuk_key.key == "26488-72"
    assert word.dossier.title == "Behoeftestelling vervanging F-16"
    assert "Ter vertrouwelijke inzage" in word.body
    letterhead = import_letter_file(REAL / "bz-1999-DEU-33-99.letterhead.txt", missions=[]).letter
    assert letterhead.title == "Bezoeken parlementariërs"
    assert letterhead.date.isoformat() == "1999-01-27"
    assert [m.slug for m in letterhead.ministries.all()] in ([], ["buitenlandse-zaken"])
    assert "Postbus" not in letterhead.body and "Betreft" not in letterhead.body


def test_a_joint_citation_is_one_citation_of_the_first_dossier():
    letter = import_letter_text(raw_text=JOINT, missions=[]).letter
    citations = list(letter.citations.filter(kind=CitationKind.KAMERSTUK).order_by("start"))
    assert [(c.key, c.other_dossiers) for c in citations] == [
        ("33694-47", ["26643"]),
        ("26643-570", ["32761"]),
        ("26643-642", ["32761"]),
    ]
    assert not Citation.objects.filter(key__in=["26643-47", "32761-570", "32761-642"]).exists()


def test_reference_page_shows_the_other_dossier_beside_the_sentence_unlinked(client):
    import_letter_text(raw_text=JOINT, missions=[])
    page = client.get("/kamerstuk/33694/47/").content.decode()
    assert "in dezelfde verwijzing ook genoemd: dossier 26 643" in page
    assert 'href="/kamerstuk/26643/47/"' not in page
    # Nothing in the archive cites kst-26643-47 (an unrelated document): no page for it.
    assert client.get("/kamerstuk/26643/47/").status_code == 404


def _store_with_old_rules(letter: Letter) -> None:
    """What the earlier rules stored for the first reference: two citations."""
    first = letter.citations.get(key="33694-47")
    Citation.objects.filter(pk=first.pk).update(other_dossiers=[])
    Citation.objects.create(
        letter=letter, kind=CitationKind.KAMERSTUK, key="26643-47", dossier="26643", number=47,
        text=first.text, start=first.start, end=first.end, context=first.context,
    )


def test_reanalysing_a_stored_letter_removes_the_wrong_citation(capsys):
    letter = import_letter_text(raw_text=JOINT, missions=[]).letter
    _store_with_old_rules(letter)
    call_command("reanalyse_citations", "--dry-run")
    assert "weg 26643-47" in capsys.readouterr().out
    assert letter.citations.filter(key="26643-47").exists()  # a dry run changes nothing
    call_command("reanalyse_citations")
    assert not letter.citations.filter(key="26643-47").exists()
    assert letter.citations.get(key="33694-47").other_dossiers == ["26643"]
    changes = reanalyse_citations(letter=letter)
    assert changes.removed == changes.added == []  # a second run finds nothing to do


def test_restore_fills_the_citation_context(tmp_path):
    letter = import_letter_text(raw_text=JOINT, missions=[]).letter
    archive = tmp_path / "archief.jsonl"
    call_command("export_archive", str(archive))
    from tests.test_exchange import empty_the_archive

    empty_the_archive()
    call_command("import_archive", str(archive))
    restored = Citation.objects.get(letter_id=letter.pk, key="33694-47")
    assert restored.other_dossiers == ["26643"]
