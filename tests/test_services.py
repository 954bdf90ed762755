"""The save path: citations wait for their target and resolve when it arrives;
imports are idempotent; a changed text updates its letter."""

from datetime import date

import pytest

from letters.models import Citation, Letter
from letters.services import LetterOverrides, after_write, import_letter_text
from tests.factories import SEEDS_DIR, make_letter, stale_letter_copies

pytestmark = pytest.mark.django_db

CITING_TEXT = """Den Haag, 1 februari 2019

Zoals eerder gemeld (Kamerstuk 33 694, nr. 12) zet het kabinet de inzet voort.
Zie ook Kamerstuk 29 521, nr. 360 over de VN-missie in Mali. Het kabinet
trekt daarvoor 30 miljoen euro uit het BIV uit.

De Minister van Defensie,
A.Th.B. Bijleveld-Schouten
"""


def test_citation_waits_unresolved_and_resolves_when_target_arrives():
    citing = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    waiting = citing.citations.get(key="33694-12")
    assert waiting.target is None

    target = make_letter(dossier="33694", number=12, title="GBVS")
    after_write(letter_ids=[target.pk])
    waiting.refresh_from_db()
    assert waiting.target == target
    assert list(target.cited_by.values_list("letter__title", flat=True)) == [citing.title]


def test_importing_a_cited_letter_resolves_waiting_citations():
    citing = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    assert citing.citations.get(key="29521-360").target is None
    cited_text = (SEEDS_DIR / "001_6ed004c2cd8f7583.txt").read_text(encoding="utf-8")
    # 001 is Kamerstuk 33 694, nr. 9; re-number it for the test through overrides.
    cited = import_letter_text(
        raw_text=cited_text, overrides=LetterOverrides(dossier="29521", number=360), source_name="x.txt"
    ).letter
    assert citing.citations.get(key="29521-360").target == cited


def test_citation_to_a_letter_already_in_the_archive_resolves_at_once():
    target = make_letter(dossier="29521", number=360)
    citing = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    assert citing.citations.get(key="29521-360").target == target


def test_deleting_a_letter_keeps_the_citations_to_it_unresolved():
    target = make_letter(dossier="33694", number=12)
    citing = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    target.delete()
    citation = citing.citations.get(key="33694-12")
    assert citation.target is None


def test_import_is_idempotent_and_a_changed_text_updates_the_letter():
    first = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt")
    assert first.status == "nieuw"
    again = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt")
    assert again.status == "ongewijzigd"
    assert again.letter.pk == first.letter.pk
    assert Letter.objects.count() == 1
    citations_before = Citation.objects.count()

    changed = import_letter_text(
        raw_text=CITING_TEXT.replace("Zie ook Kamerstuk 29 521, nr. 360", "Zie ook"),
        source_name="citing.txt",
    )
    assert changed.status == "bijgewerkt"
    assert changed.letter.pk == first.letter.pk
    assert Letter.objects.count() == 1
    assert Citation.objects.count() == citations_before - 1
    assert not Citation.objects.filter(key="29521-360").exists()


def test_saved_letter_has_budget_lines_missions_and_signatories():
    letter = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    assert [str(line.amount) for line in letter.budget_lines.all()] == ["30000000.00"]
    assert letter.mission_links.filter(mission__slug="minusma").exists()
    signature = letter.signatures.get()
    assert (signature.person.name, signature.function) == ("A.Th.B. Bijleveld-Schouten", "Minister van Defensie")
    assert list(letter.ministries.values_list("slug", flat=True)) == ["defensie"]


def test_own_number_is_not_a_citation():
    text = (SEEDS_DIR / "001_6ed004c2cd8f7583.txt").read_text(encoding="utf-8")
    letter = import_letter_text(raw_text=text, source_name="001.txt").letter
    assert letter.kamerstuk_key.key == "33694-9"
    assert not letter.citations.filter(key="33694-9").exists()


def test_citation_context_is_the_whole_sentence_despite_abbreviations():
    from letters.services import sentence_around

    text = "Eerste zin. Het kabinet verwijst naar de GBVS (Kamerstuk 33 694, nr. 12) en het regeerakkoord. Volgende."
    start = text.index("Kamerstuk")
    assert sentence_around(text, start, start + 24) == (
        "Het kabinet verwijst naar de GBVS (Kamerstuk 33 694, nr. 12) en het regeerakkoord."
    )


def test_the_save_path_copies_the_letters_date_to_its_citations_and_budget_lines():
    letter = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    assert letter.citations.exists() and letter.budget_lines.exists()
    assert stale_letter_copies() == []
    assert set(letter.citations.values_list("letter_date", "letter_year")) == {(date(2019, 2, 1), 2019)}
    # A date given by hand on re-import: rows are replaced, the copies follow.
    import_letter_text(
        raw_text=CITING_TEXT,
        source_name="citing.txt",
        overrides=LetterOverrides(date=date(2020, 3, 4)),
    )
    assert set(letter.citations.values_list("letter_year", flat=True)) == {2020}
    assert stale_letter_copies() == []


def test_after_write_keeps_the_copies_of_a_letters_date_and_year():
    from letters.services.after_write import copy_letter_fields
    from tests.factories import make_budget_line, make_citation

    letter = make_letter(dossier="33694", number=13, letter_date=date(2016, 3, 1))
    citation = make_citation(letter, "33694", 12)
    fixed_year = make_budget_line(letter, year_from=2020)
    letter_year = make_budget_line(letter)
    assert (citation.letter_date, citation.letter_year) == (date(2016, 3, 1), 2016)
    assert (fixed_year.budget_year, letter_year.budget_year) == (2020, 2016)
    assert fixed_year.letter_date == letter_year.letter_date == date(2016, 3, 1)

    # The letter's date changes (an editor, a re-import): the copies follow.
    letter.date, letter.year = date(2017, 1, 5), 2017
    letter.save()
    after_write(letter_ids=[letter.pk])
    assert stale_letter_copies() == []
    letter_year.refresh_from_db()
    assert letter_year.budget_year == 2017
    fixed_year.refresh_from_db()
    assert fixed_year.budget_year == 2020

    # A year without a date, and no year at all.
    for day, year in ((None, 2015), (None, None)):
        letter.date, letter.year = day, year
        letter.save()
        after_write(letter_ids=[letter.pk])
        assert stale_letter_copies() == []

    # An amount gets its own first year, then loses it again.
    letter_year.year_from = 2030
    letter_year.save(update_fields=["year_from"])
    after_write(letter_ids=[letter.pk])
    letter_year.refresh_from_db()
    assert letter_year.budget_year == 2030
    letter_year.year_from = None
    letter_year.save()
    after_write(letter_ids=[letter.pk])
    assert stale_letter_copies() == []

    # A citation moved to another letter (the admin allows it) takes that letter's copies.
    other = make_letter(dossier="33694", number=14, letter_date=date(2021, 7, 7))
    citation.letter_id = other.pk
    citation.save()
    after_write(letter_ids=[other.pk])
    citation.refresh_from_db()
    assert (citation.letter_date, citation.letter_year) == (date(2021, 7, 7), 2021)

    # Only rows that differ are written: none when nothing changed, undated letters too.
    make_budget_line(other)
    assert copy_letter_fields([letter.pk, other.pk]) == 0
    other.date = date(2022, 1, 1)
    other.save(update_fields=["date"])
    assert copy_letter_fields([letter.pk, other.pk]) == 2  # its citation and amount
    assert stale_letter_copies() == []


def test_a_renumbered_letter_releases_its_citations_and_takes_those_of_its_new_number():
    citing = import_letter_text(raw_text=CITING_TEXT, source_name="citing.txt").letter
    target = make_letter(dossier="33694", number=12)
    after_write(letter_ids=[target.pk])
    assert citing.citations.get(key="33694-12").target == target

    target.number = 99
    target.save()
    after_write(letter_ids=[target.pk])
    assert citing.citations.get(key="33694-12").target is None

    target.dossier, target.number = make_letter(dossier="29521").dossier, 360
    target.save()
    after_write(letter_ids=[target.pk])
    assert citing.citations.get(key="29521-360").target == target
    assert citing.citations.get(key="33694-12").target is None


def test_clean_text_keeps_tabs_and_line_feeds_and_replaces_other_control_characters():
    from letters.services import clean_text

    assert clean_text("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"
    # One character for one: offsets into a body stay valid.
    dirty = "".join(chr(code) for code in range(0x20) if code != 0x0D) + "é\u2028€"
    cleaned = clean_text(dirty)
    assert len(cleaned) == len(dirty)
    assert cleaned == " " * 9 + "\t\n" + " " * 20 + "é\u2028€"
    text = "Gewone tekst, «aanhalingstekens» en U+2028:\u2028."
    assert clean_text(text) is text
