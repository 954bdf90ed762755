"""PostgreSQL: letters newest first, in the order of /brieven/ without search words
(year, then date, newest first, letters without them last; then id). A page of a
facet browse (``?missie=…&jaar=…``) then walks the newest letters and checks each
against the other facets, stopping after twenty, instead of hashing every letter
of a busy mission and sorting the matches (7 ms → 0.2 ms at 100 000 letters).

``NULLS LAST`` cannot be written in a SQLite index, so, like ``citation_target_newest``
(migration 0014), it is created here rather than declared in the model's Meta."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS letter_newest_first ON letters_letter "
            "(year DESC NULLS LAST, date DESC NULLS LAST, id DESC)",
            params=None,
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS letter_newest_first", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0014_citation_key_target_citing"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
