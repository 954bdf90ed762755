"""PostgreSQL: partial indexes over the coarsest counting sample of
``letters.filters`` (letters whose id is a multiple of COARSE_SAMPLE_EVERY =
256), like migration 0008's for 64 and 8, with the same two spellings of the
predicate (see ``letters.search.sample.InSample``). SQLite needs nothing."""

from django.db import migrations

SAMPLE_INDEXES = {
    "letter_coarsest_sample_search_gin": "USING gin (search_vector) WHERE MOD(id, 256) = 0",
    "letter_coarsest_sample": "(id) INCLUDE (year, kind, dossier_id) WHERE (id % 256) = 0",
}


def create_sample_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in SAMPLE_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON letters_letter {definition}", params=None)


def drop_sample_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in SAMPLE_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("letters", "0012_year_lexemes")]

    operations = [migrations.RunPython(create_sample_indexes, drop_sample_indexes)]
