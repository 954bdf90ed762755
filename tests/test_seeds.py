"""The five seed letters load with the metadata their text states."""

from datetime import date

import pytest

from letters.models import Letter

pytestmark = pytest.mark.django_db


def test_five_seed_letters_load(seeded):
    assert Letter.objects.count() == 5
    assert all(letter.body and letter.original_text for letter in seeded)


def test_seed_metadata_as_the_text_states_it(seeded):
    numbered = Letter.objects.get(dossier__number="33694", number=9)
    assert numbered.vergaderjaar == "2015-2016"
    assert numbered.official_id == "kst-33694-9"
    dated = Letter.objects.get(source_name="000_573d039305e60e37.txt")
    assert dated.date == date(2018, 3, 28)
    assert list(dated.signatures.values_list("person__name", "function")) == [
        ("A.Th.B. Bijleveld-Schouten", "Minister van Defensie"),
        ("S.A. Blok", "Minister van Buitenlandse Zaken"),
        ("S.A.M. Kaag", "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
        ("F.B.J. Grapperhaus", "Minister van Justitie en Veiligheid"),
    ]


def test_no_invented_numbers_or_dates(seeded):
    # Only 001 states its number, only 000 its date.
    assert Letter.objects.filter(number__isnull=False).count() == 1
    assert Letter.objects.filter(date__isnull=False).count() == 1


def test_seed_letters_have_citations_missions_and_budget_lines(seeded):
    gbvs = Letter.objects.get(source_name="003_08bbf887f8a3f01b.txt")
    assert gbvs.citations.filter(key="33694-12").exists()
    assert gbvs.citations.filter(key="35300-V-14").exists()
    decisions = Letter.objects.get(source_name="004_6f2826543acc8629.txt")
    assert decisions.mission_links.filter(mission__slug="minusma", decision="end").exists()
    biv = Letter.objects.get(source_name="000_573d039305e60e37.txt")
    assert biv.budget_lines.count() >= 4
    assert biv.recommendations.count() == 3


def test_importing_the_seeds_twice_changes_nothing(seeded):
    from tests.factories import import_seed_letters

    before = {letter.pk: letter.updated_at for letter in Letter.objects.all()}
    import_seed_letters()
    assert {letter.pk: letter.updated_at for letter in Letter.objects.all()} == before
