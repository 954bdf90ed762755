"""Copies of a letter's date and year where pages count and order thousands of rows.

- ``Citation.letter_date`` and ``Citation.letter_year``: the citing letter's date and
  year. "Geciteerd door" on the letter and reference pages counts the citing
  letters per year and orders them newest first. With these columns in the two
  citation indexes below it reads only those indexes (index-only scans), never a
  citation or letter row. ``citation_target_citing`` replaces ``citation_target_letter``
  (same leading column).
- ``BudgetLine.budget_year`` (``year_from``, or else the letter's year) and
  ``BudgetLine.letter_date``: the budget page's totals and its order no longer join
  every budget line to its letter. ``budget_totals`` makes the totals an index-only
  scan. The page's order (newest year first, then newest letter) has an index on
  PostgreSQL only: SQLite has no ``NULLS LAST`` in an index, so it is not in the
  model's Meta.

Kept in step by ``Citation.save``, ``BudgetLine.save``, ``Letter.save``
(``letters.models.letter.copy_letter_dates``) and the bulk paths. Existing rows are
filled here. On PostgreSQL run ``VACUUM (ANALYZE)`` afterwards: the fill rewrites
every citation and budget line, and index-only scans need the visibility map that
VACUUM sets (docs/performance.md).
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

# Must match the order of letters.selectors.budget.filtered_lines.
BUDGET_ORDER_INDEX = (
    "budget_newest_first",
    "(budget_year DESC NULLS LAST, letter_date DESC NULLS LAST, letter_id, start, id)",
)


def fill(apps, schema_editor):
    db = schema_editor.connection.alias
    Letter = apps.get_model("letters", "Letter")
    Citation = apps.get_model("letters", "Citation")
    BudgetLine = apps.get_model("letters", "BudgetLine")
    if schema_editor.connection.vendor == "postgresql":
        # One join instead of a lookup per row: 500 000 citations take seconds.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE letters_citation AS c SET letter_date = l.date, letter_year = l.year "
                "FROM letters_letter AS l WHERE l.id = c.letter_id"
            )
            cursor.execute(
                "UPDATE letters_budgetline AS b "
                "SET budget_year = COALESCE(b.year_from, l.year), letter_date = l.date "
                "FROM letters_letter AS l WHERE l.id = b.letter_id"
            )
        return
    letter = Letter.objects.using(db).filter(pk=OuterRef("letter_id"))
    Citation.objects.using(db).update(
        letter_date=Subquery(letter.values("date")[:1]),
        letter_year=Subquery(letter.values("year")[:1]),
    )
    BudgetLine.objects.using(db).update(
        budget_year=Coalesce("year_from", Subquery(letter.values("year")[:1])),
        letter_date=Subquery(letter.values("date")[:1]),
    )


def create_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        name, columns = BUDGET_ORDER_INDEX
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON letters_budgetline {columns}")


def drop_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {BUDGET_ORDER_INDEX[0]}")


class Migration(migrations.Migration):
    dependencies = [("letters", "0008_narrow_letter_rows")]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="letter_date",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="datum van de brief"
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="letter_year",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="jaar van de brief"
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="budget_year",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="begrotingsjaar"
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="letter_date",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="datum van de brief"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="citation", name="citation_target_letter"),
        migrations.AddIndex(
            model_name="citation",
            index=models.Index(
                fields=["target", "letter_year", "letter_date", "letter"],
                name="citation_target_citing",
            ),
        ),
        migrations.AddIndex(
            model_name="citation",
            index=models.Index(
                fields=["key", "kind", "letter_year", "letter_date", "letter", "target"],
                name="citation_key_citing",
            ),
        ),
        migrations.AddIndex(
            model_name="budgetline",
            index=models.Index(
                fields=["instrument", "budget_year", "mission", "amount"], name="budget_totals"
            ),
        ),
        migrations.RunPython(create_order_index, drop_order_index),
    ]
