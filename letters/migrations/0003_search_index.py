"""Full-text search index.

SQLite: an FTS5 table with our own stems per letter (rowid = letter id); a
``post_delete`` receiver (``letters.search.connect_signals``) removes a deleted
letter's row. (Not a trigger: SQLite table rebuilds by later migrations drop
triggers.) PostgreSQL needs no new objects (``search_vector`` and its GIN index
come from 0001). On both, letters already in the database are indexed.
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


def index_existing_letters(apps, schema_editor):
    from letters.search import index_letters

    Letter = apps.get_model("letters", "Letter")
    ids = list(Letter.objects.using(schema_editor.connection.alias).values_list("pk", flat=True))
    index_letters(Letter, ids, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_reference_data_and_editors")]

    operations = [
        migrations.RunPython(create_fts_table, drop_fts_table),
        migrations.RunPython(index_existing_letters, migrations.RunPython.noop),
    ]
