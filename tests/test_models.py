from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from letters.models import BudgetLine, Citation, Dossier, Letter, Mission
from tests.factories import make_dossier, make_letter

pytestmark = pytest.mark.django_db


def test_kamerstuk_number_is_unique_within_dossier():
    make_letter(dossier="33694", number=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_letter(dossier="33694", number=9, index=False)


def test_letters_without_number_can_coexist():
    make_letter(dossier=None, number=None)
    make_letter(dossier=None, number=None)
    assert Letter.objects.filter(number__isnull=True).count() == 2


def test_number_without_dossier_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(title="x", slug="x", body="x", number=3)


def test_letter_str_and_identifiers():
    letter = make_letter(dossier="33694", number=9, title="Samenhang")
    assert str(letter) == "Kamerstuk 33 694, nr. 9 — Samenhang"
    assert letter.official_id == "kst-33694-9"
    assert letter.get_absolute_url() == "/kamerstuk/33694/9/"
    unnumbered = make_letter(dossier=None, number=None, slug="nog-zonder-nummer")
    assert unnumbered.official_id == ""
    assert unnumbered.get_absolute_url() == "/brieven/nog-zonder-nummer/"


def test_year_follows_date():
    letter = make_letter(letter_date=date(2018, 3, 28))
    assert letter.year == 2018


def test_clean_rejects_malformed_vergaderjaar_and_mismatched_year():
    letter = Letter(title="x", slug="x", body="x", vergaderjaar="2015-2017", date=date(2018, 1, 1), year=2017)
    with pytest.raises(ValidationError) as error:
        letter.full_clean()
    assert "vergaderjaar" in error.value.message_dict
    assert "year" in error.value.message_dict


def test_vergaderjaar_shape_is_a_database_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(title="x", slug="x", body="x", vergaderjaar="2015_2016")


def test_budget_amount_cannot_be_negative():
    letter = make_letter()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(letter=letter, amount=Decimal("-1"))
    line = BudgetLine(letter=letter, amount=Decimal("-1"), year_from=2020, year_to=2019)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert {"amount", "year_to"} <= set(error.value.message_dict)


def test_budget_amount_is_exact_decimal():
    letter = make_letter()
    BudgetLine.objects.create(letter=letter, amount=Decimal("59500000.00"))
    assert BudgetLine.objects.get().amount == Decimal("59500000.00")


def test_budget_period_end_before_start_is_refused():
    letter = make_letter()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(letter=letter, amount=1, year_from=2021, year_to=2018)


def test_mission_end_before_start_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.create(
            name="X", slug="x", organisation="VN", start_date=date(2020, 1, 1), end_date=date(2019, 1, 1)
        )
    mission = Mission(name="Y", slug="y", organisation="VN", start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))
    with pytest.raises(ValidationError):
        mission.full_clean()


def test_citation_end_before_start_is_refused():
    letter = make_letter()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(letter=letter, key="33694-1", dossier="33694", number=1, text="x", start=10, end=2)


def test_dossier_number_must_be_normalised():
    dossier = Dossier(number="33 694")
    with pytest.raises(ValidationError) as error:
        dossier.full_clean()
    assert "33694" in str(error.value)


def test_dossier_still_referenced_cannot_be_deleted():
    make_letter(dossier="33694")
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        make_dossier("33694").delete()


def test_reference_data_is_present_after_migrate():
    assert Mission.objects.get(slug="minusma").aliases.filter(alias="VN-missie in Mali").exists()
    assert Dossier.objects.filter(number="33694", title="Internationaal veiligheidsbeleid").exists()


def test_editor_group_has_letter_permissions_but_no_user_management():
    from django.contrib.auth.models import Group

    perms = set(Group.objects.get(name="Redacteuren").permissions.values_list("codename", flat=True))
    assert {"add_letter", "change_letter", "change_citation", "add_budgetline"} <= perms
    assert not any(p.endswith("_user") or p.endswith("_group") for p in perms)


def test_mission_still_referenced_cannot_be_deleted():
    from django.db.models import ProtectedError

    from tests.factories import link_mission, make_mission

    mission = make_mission("minusma")
    link_mission(make_letter(), mission, decision="end")
    with pytest.raises(ProtectedError):
        mission.delete()


def test_deleting_a_cited_letter_leaves_the_citation_waiting():
    from tests.factories import make_citation

    target = make_letter(dossier="33694", number=12)
    citing = make_letter(dossier="33694", number=13)
    citation = make_citation(citing, "33694", 12)
    assert citation.target == target
    target.delete()
    citation.refresh_from_db()
    assert citation.target is None
    assert citation.key == "33694-12"


def test_administrators_group_manages_users_and_editors_do_not():
    from django.contrib.auth.models import Group

    admins = set(Group.objects.get(name="Beheerders").permissions.values_list("codename", flat=True))
    assert {"add_user", "change_user", "change_group", "change_letter", "delete_accessattempt"} <= admins
