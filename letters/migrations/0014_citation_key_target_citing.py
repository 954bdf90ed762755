""""Geciteerd door" without hashing or sorting every citing letter:

- ``citation_key_target_citing`` puts the target before the rest, so a Kamerstuk in
  the archive finds the citations of its number that point elsewhere or nowhere
  (nearly always none) by index conditions instead of reading the resolved ones;
- PostgreSQL: ``citation_target_newest`` holds a letter's citing letters newest first
  (``NULLS LAST`` cannot be written in a SQLite index), so a page of them reads about
  twenty index entries."""

from django.db import migrations, models

NEWEST_FIRST_INDEX = (
    "CREATE INDEX IF NOT EXISTS citation_target_newest ON letters_citation "
    "(target_id, letter_date DESC NULLS LAST, letter_id DESC, letter_year)"
)


def create_newest_first_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NEWEST_FIRST_INDEX, params=None)


def drop_newest_first_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS citation_target_newest")


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0013_coarsest_sample_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='citation',
            name='citation_key_citing',
        ),
        migrations.AddIndex(
            model_name='citation',
            index=models.Index(fields=['key', 'kind', 'target', 'letter_year', 'letter_date', 'letter'], name='citation_key_target_citing'),
        ),
        migrations.RunPython(create_newest_first_index, drop_newest_first_index),
    ]
