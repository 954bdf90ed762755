"""PostgreSQL: keep letter rows narrow.

A letter row carried its ``structure`` JSON compressed inline (~1 KB), because
PostgreSQL only moves values out of line once a row exceeds ~2 KB. Every scan
over many letters (facet counts, "Geciteerd door" years, a mission's timeline)
then read ~1.3 KB per letter for a few small columns. With a 512-byte target the
large values (body, original text, structure, search vector) live in the TOAST
table and a row is a few hundred bytes.

New and updated rows follow the target at once; an existing archive is
rewritten with ``VACUUM FULL letters_letter`` (docs/performance.md).

Also partial indexes over the two counting samples of ``letters.filters``
(letters whose id is a multiple of SAMPLE_EVERY = 64 or FINE_SAMPLE_EVERY = 8):
facet counts for a search matching many letters read a sample from these
instead of every letter. Their predicates must stay exactly the SQL of
``letters.search.sample.InSample``.

SQLite needs nothing here: FTS5 yields letter ids, and ``id % 64`` is checked
on the id alone.
"""

from django.db import migrations

TARGET = 512
# The GIN indexes (searches with words) and the B-tree ones (the sample without
# words) spell the predicate differently, so that a search never reads the
# sample from a B-tree and then decompresses every letter's vector to test it
# (see letters.search.sample.InSample).
SAMPLE_INDEXES = {
    "letter_sample_search_gin": "USING gin (search_vector) WHERE MOD(id, 64) = 0",
    "letter_fine_sample_search_gin": "USING gin (search_vector) WHERE MOD(id, 8) = 0",
    "letter_sample": "(id) INCLUDE (year, kind, dossier_id) WHERE (id % 64) = 0",
    "letter_fine_sample": "(id) INCLUDE (year, kind, dossier_id) WHERE (id % 8) = 0",
}


def set_target(apps, schema_editor, value=TARGET):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name("letters_letter")
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = {int(value)})")


def reset_target(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name("letters_letter")
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")


def create_sample_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name("letters_letter")
        with schema_editor.connection.cursor() as cursor:
            for name, definition in SAMPLE_INDEXES.items():
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop_sample_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for name in SAMPLE_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("letters", "0007_index_source_name")]

    operations = [
        migrations.RunPython(set_target, reset_target),
        migrations.RunPython(create_sample_indexes, drop_sample_indexes),
    ]
