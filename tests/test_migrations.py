"""Migrations that rebuild data rather than only change the schema."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from letters.models import Letter
from letters.search import filter_letters, parse_query
from tests.factories import make_letter


def _fts_columns() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info('letters_letter_fts')")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif("connection.vendor != 'sqlite'")
# Migrating needs to run outside a test transaction. Like the other transactional tests
# (run last), it leaves an empty database behind.
@pytest.mark.django_db(transaction=True)
def test_the_fts_years_column_is_added_without_losing_the_index():
    """Migration 0016 builds SQLite's FTS5 table again with a years column, from the
    table's own content: what was findable stays findable, and the years come from
    the letters."""
    dated = make_letter(title="Brief over Mali", body="Over de inzet in Mali.", letter_date=date(2019, 5, 1))
    undated = make_letter(title="Ook Mali", body="Mali.", letter_date=None)
    mali = parse_query("mali")

    def found(**kwargs) -> set[int]:
        return set(filter_letters(Letter.objects.all(), mali, **kwargs).values_list("pk", flat=True))

    try:
        call_command("migrate", "letters", "0015", verbosity=0)
        assert _fts_columns() == ["title", "headings", "body"]
        call_command("migrate", "letters", "0016", verbosity=0)
    finally:
        call_command("migrate", "letters", verbosity=0)
    assert _fts_columns() == ["title", "headings", "body", "years"]
    assert found() == {dated.pk, undated.pk}
    assert found(since_year=2019) == {dated.pk}
    assert found(since_year=2020) == set()
