"""SQLite: the FTS5 table gets a fourth column, ``years``, holding the letter's year
as one token (``y2026``), so that the rank window (``letters.search.window``) can
ask FTS5 for the newest years' matches alone, as PostgreSQL does through the year
lexemes of migration 0012. FTS5 cannot add a column: the table is built again from
its own content (about 3 minutes at 100 000 letters). PostgreSQL needs nothing."""

from django.db import migrations

COLUMNS = "title, headings, body"


def _rebuild(schema_editor, *, with_years: bool) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    columns = f"{COLUMNS}, years" if with_years else COLUMNS
    years = ", CASE WHEN l.year IS NULL THEN '' ELSE 'y' || l.year END" if with_years else ""
    for statement in (
        f"CREATE VIRTUAL TABLE letters_letter_fts_new USING fts5({columns}, tokenize = 'unicode61')",
        f"INSERT INTO letters_letter_fts_new (rowid, {columns}) "
        f"SELECT f.rowid, f.title, f.headings, f.body{years} FROM letters_letter_fts f "
        "LEFT JOIN letters_letter l ON l.id = f.rowid",
        "DROP TABLE letters_letter_fts",
        "ALTER TABLE letters_letter_fts_new RENAME TO letters_letter_fts",
    ):
        schema_editor.execute(statement, params=None)


def add_years(apps, schema_editor):
    _rebuild(schema_editor, with_years=True)


def remove_years(apps, schema_editor):
    _rebuild(schema_editor, with_years=False)


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0015_letter_newest_first"),
    ]

    operations = [migrations.RunPython(add_years, remove_years)]
