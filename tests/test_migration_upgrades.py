"""Issue 19 #11: an archive made by any earlier version upgrades to the latest. For
every migration of ``letters`` that shipped, a database migrated to it and holding
letters, a citation, a mission link and a budget line (written with the models as
they were then) is migrated to the latest; the data and the search index must be
right afterwards. Migrations added later are covered without changing this test.

Runs on the suite's database (SQLite or PostgreSQL) and leaves it migrated and empty,
like the other transactional tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

APP = "letters"


def shipped_migrations() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    [leaf] = loader.graph.leaf_nodes(APP)
    return [name for app, name in loader.graph.forwards_plan(leaf) if app == APP]


MIGRATIONS = shipped_migrations()


def _create(model, **values):
    """A row with the fields this version of the model has."""
    names = {field.name for field in model._meta.get_fields()}
    return model.objects.create(**{name: value for name, value in values.items() if name in names})


def replay_data_migrations(state: str, apps) -> None:
    """The rows the data migrations up to ``state`` loaded (reference data, groups),
    which the flush after every transactional test removed."""
    editor = SimpleNamespace(connection=connection)
    done = MIGRATIONS[: MIGRATIONS.index(state) + 1]
    if "0002_reference_data_and_editors" in done:
        module = import_module("letters.migrations.0002_reference_data_and_editors")
        module.load_reference(apps, editor)
        module.create_editor_group(apps, editor)
    if "0006_administrators_group" in done:
        import_module("letters.migrations.0006_administrators_group").create_groups(apps, editor)


def write_archive_as_of(state: str) -> None:
    apps = MigrationExecutor(connection).loader.project_state((APP, state)).apps
    replay_data_migrations(state, apps)
    Dossier, Letter, Citation = (apps.get_model(APP, n) for n in ("Dossier", "Letter", "Citation"))
    Mission, LetterMission, BudgetLine = (apps.get_model(APP, n) for n in ("Mission", "LetterMission", "BudgetLine"))
    dossier, _ = Dossier.objects.get_or_create(number="33694", defaults={"title": "Internationale veiligheid"})
    mission, _ = Mission.objects.get_or_create(
        slug="minusma", defaults={"name": "MINUSMA", "short_name": "MINUSMA", "organisation": "VN"}
    )
    cited = _create(
        Letter, dossier=dossier, number=9, slug="samenhang", title="Samenhang in de inzet",
        body="Over Timboektoe en de inzet in Mali.", date=date(2016, 11, 1), year=2016,
    )
    citing_body = "Zoals gemeld in Kamerstuk 33 694, nr. 9 verlengt het kabinet de inzet in Gao."
    citing = _create(
        Letter, dossier=dossier, number=12, slug="verlenging", title="Verlenging van de inzet",
        body=citing_body, date=date(2019, 5, 1), year=2019,
    )
    start = citing_body.index("Kamerstuk")
    _create(
        Citation, letter=citing, kind="kamerstuk", key="33694-9", dossier="33694", number=9,
        text="Kamerstuk 33 694, nr. 9", start=start, end=start + 23, target=cited,
        # Copies the code of the versions that have these columns kept filled.
        letter_date=citing.date, letter_year=citing.year,
    )
    _create(LetterMission, letter=citing, mission=mission, decision="extension", text="verlengt de inzet")
    _create(
        BudgetLine, letter=citing, amount=Decimal("30000000"), instrument="BIV", mission=mission,
        budget_year=citing.year, letter_date=citing.date,
    )


def assert_upgraded_archive_is_right() -> None:
    from django.contrib.auth.models import Group

    from letters.models import BudgetLine, Citation, Letter, LetterMission, Mission
    from letters.permissions import EDITORS_GROUP
    from letters.search import filter_letters, parse_query

    cited, citing = Letter.objects.get(slug="samenhang"), Letter.objects.get(slug="verlenging")
    assert (citing.date, citing.year, citing.dossier.number, citing.number) == (date(2019, 5, 1), 2019, "33694", 12)
    citation = Citation.objects.get()
    assert (citation.letter, citation.target, citation.key) == (citing, cited, "33694-9")
    assert (citation.letter_date, citation.letter_year) == (date(2019, 5, 1), 2019)
    line = BudgetLine.objects.get()
    assert (line.letter, line.amount, line.budget_year, line.letter_date) == (
        citing, Decimal("30000000.00"), 2019, date(2019, 5, 1)
    )
    assert LetterMission.objects.get().mission.slug == "minusma"
    assert Mission.objects.count() > 1  # the reference data
    assert Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="add_letter").exists()

    def found(words: str, **kwargs) -> set[str]:
        matches = filter_letters(Letter.objects.all(), parse_query(words), **kwargs)
        return set(matches.values_list("slug", flat=True))

    assert found("timboektoe") == {"samenhang"}
    assert found("gao") == {"verlenging"}
    assert found("inzet") == {"samenhang", "verlenging"}
    assert found("inzet", since_year=2019) == {"verlenging"}
    assert found("verlenging") == {"verlenging"}  # the title


@pytest.mark.slow  # about 35 s on SQLite, 80 s on PostgreSQL
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("state", MIGRATIONS[:-1])  # the latest has nothing to upgrade
def test_an_archive_at_this_migration_upgrades_to_the_latest(state):
    try:
        call_command("migrate", APP, state, verbosity=0)
        write_archive_as_of(state)
        call_command("migrate", verbosity=0)
        assert_upgraded_archive_is_right()
    finally:
        call_command("migrate", verbosity=0)
