"""Full-text search index.

SQLite: an FTS5 table with our own stems per letter (rowid = letter id); a
``post_delete`` receiver (``letters.search.connect_signals``) removes a deleted
letter's row. (Not a trigger: SQLite table rebuilds by later migrations drop
triggers.) PostgreSQL needs no new objects (``search_vector`` and its GIN index
come from 0001).

Letters already in the database are not indexed here: indexing is today's code,
written for today's tables (0016 gave the FTS5 table another column), so it runs
after the last migration instead (``letters.after_migrate``), which indexes every
letter the index does not hold.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE letters_letter_fts USING fts5(title, headings, body, tokenize = 'unicode61')",
]
SQLITE_DROP = [
    # An earlier version of this migration created this trigger.
    "DROP TRIGGER IF EXISTS letters_letter_fts_delete",
    "DROP TABLE IF EXISTS letters_letter_fts",
]


def create_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_reference_data_and_editors")]

    operations = [
        migrations.RunPython(create_fts_table, drop_fts_table),
    ]
