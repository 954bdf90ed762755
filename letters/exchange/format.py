"""Version 1 of the archive exchange format: which tables, which fields, how values
are written. ``docs/export-format.md`` describes the same thing for people.

A file is JSON Lines (UTF-8, one JSON value per line, optionally gzip-compressed):

1. a header ``{"format", "version", "exported_at", "counts", "tables"}``;
2. one line per row, ``{"table": NAME, "row": {FIELD: VALUE, ...}}``, tables in
   the order of ``TABLES`` (parents before the rows that point at them);
3. a trailer ``{"end": "kamerbrieven-archief", "counts": {...}}``: a file without
   it was cut off.

The field lists below are the contract: adding a model field does not silently
change the format (``tests/test_exchange.py`` fails until the field is listed here,
in the docs, and the version is raised when old readers would lose data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from simple_history.utils import get_history_model_for_model

from letters.models import (
    BudgetLine,
    Citation,
    Dossier,
    Letter,
    LetterMission,
    Ministry,
    Mission,
    MissionAlias,
    Person,
    Recommendation,
    Report,
    Signatory,
)

FORMAT_NAME = "kamerbrieven-archief"
FORMAT_VERSION = 1

# Tables with a natural key: rows elsewhere point at them by that key
# ("dossier": "33694"), which keeps the file readable and diffable.
NATURAL_KEYS: dict[type[models.Model], str] = {
    Ministry: "slug",
    Dossier: "number",
    Person: "name",
    Mission: "slug",
    Report: "slug",
}

# Derived data that is rebuilt on restore instead of exported: the search index, and
# the copies of a letter's date and year on its citations and budget lines.
DERIVED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Letter: ("search_vector",),
    Citation: ("letter_date", "letter_year", "other_dossiers"),
    BudgetLine: ("budget_year", "letter_date"),
}
# Models of the app that are not archive content: the page cache's version
# counter (letters/page_cache.py), which a restore bumps instead, and texts kept
# between a review page and saving (letters/admin/pending.py), which expire.
NOT_EXPORTED_MODELS = ("letters.ArchiveState", "letters.PendingText")

HISTORY_FIELDS = (
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
)


class FormatError(ValueError):
    """A value in the file does not fit its field (message in Dutch)."""


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    label: str  # Dutch, for messages
    history: bool = False

    @property
    def natural_key(self) -> str | None:
        return None if self.history else NATURAL_KEYS.get(self.model)

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    def reference(self, name: str) -> tuple[type[models.Model], str] | None:
        """(model, key) when ``name`` is a foreign key written as a natural key.

        History rows keep raw ids: they may point at rows deleted since, and ids
        survive a restore anyway. ``history_user`` is the exception (users are not
        exported), written as a username."""
        field = self.field(name)
        if not field.is_relation:
            return None
        target = field.related_model
        if self.history:
            return (target, target.USERNAME_FIELD) if name == "history_user" else None
        return (target, NATURAL_KEYS[target]) if target in NATURAL_KEYS else None

    def lookup(self, name: str) -> str:
        """The ``values()`` lookup that reads field ``name`` as the file writes it."""
        field = self.field(name)
        reference = self.reference(name)
        if reference:
            return f"{name}__{reference[1]}"
        return field.attname


def _table(name, model, label, *fields) -> Table:
    return Table(name=name, model=model, fields=("id", *fields), label=label)


TABLES: tuple[Table, ...] = (
    _table("ministries", Ministry, "ministeries", "name", "short_name", "slug"),
    _table("dossiers", Dossier, "dossiers", "number", "title"),
    _table("people", Person, "personen", "name"),
    _table(
        "missions",
        Mission,
        "missies",
        "name",
        "short_name",
        "slug",
        "organisation",
        "region",
        "country",
        "start_date",
        "end_date",
        "description",
    ),
    _table("mission_aliases", MissionAlias, "missie-aliassen", "mission", "alias"),
    _table("reports", Report, "rapporten", "title", "author", "year", "slug"),
    _table(
        "letters",
        Letter,
        "brieven",
        "dossier",
        "number",
        "slug",
        "title",
        "date",
        "year",
        "vergaderjaar",
        "kind",
        "body",
        "structure",
        "original_text",
        "source_url",
        "source_name",
        "text_hash",
        "created_at",
        "updated_at",
        "version",
    ),
    _table(
        "letter_other_dossiers",
        Letter.other_dossiers.through,
        "overige dossiers van brieven",
        "letter",
        "dossier",
    ),
    _table(
        "letter_ministries",
        Letter.ministries.through,
        "ministeries van brieven",
        "letter",
        "ministry",
    ),
    _table(
        "signatories",
        Signatory,
        "ondertekenaars",
        "letter",
        "person",
        "function",
        "ministry",
        "position",
    ),
    _table(
        "citations",
        Citation,
        "verwijzingen",
        "letter",
        "kind",
        "key",
        "dossier",
        "number",
        "target",
        "text",
        "start",
        "end",
        "in_footnote",
        "context",
    ),
    _table(
        "letter_missions",
        LetterMission,
        "missies in brieven",
        "letter",
        "mission",
        "decision",
        "text",
        "start",
        "end",
    ),
    _table(
        "recommendations",
        Recommendation,
        "aanbevelingen",
        "report",
        "number",
        "text",
        "response",
        "response_text",
        "letter",
    ),
    _table(
        "recommendation_missions",
        Recommendation.missions.through,
        "missies van aanbevelingen",
        "recommendation",
        "mission",
    ),
    _table(
        "budget_lines",
        BudgetLine,
        "begrotingsregels",
        "amount",
        "instrument",
        "year_from",
        "year_to",
        "nature",
        "purpose",
        "letter",
        "text",
        "start",
        "end",
        "mission",
    ),
)


def _history_table(name: str) -> Table:
    base = TABLE_BY_NAME[name]
    model = get_history_model_for_model(base.model)
    # The historical model mirrors its table's fields ("id" is not its primary key
    # there) minus what it does not track (Letter: search_vector, text_hash).
    tracked = {field.name for field in model._meta.concrete_fields}
    fields = tuple(f for f in base.fields if f in tracked) + HISTORY_FIELDS
    return Table(
        name=f"{name}_history",
        model=model,
        fields=fields,
        label=f"geschiedenis van {base.label}",
        history=True,
    )


TABLE_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
HISTORY_TABLES: tuple[Table, ...] = tuple(
    _history_table(name)
    for name in (
        "missions",
        "letters",
        "citations",
        "letter_missions",
        "recommendations",
        "budget_lines",
    )
)
TABLE_BY_NAME.update({table.name: table for table in HISTORY_TABLES})
# Tables migrations fill (reference data): a restore replaces their rows.
REFERENCE_TABLES = ("ministries", "dossiers", "people", "missions", "mission_aliases", "reports")


def all_tables(*, with_history: bool) -> tuple[Table, ...]:
    return TABLES + HISTORY_TABLES if with_history else TABLES


# -- values ----------------------------------------------------------------------


def encode(field: models.Field, value):
    """A database value as JSON: exact decimals as strings, dates and datetimes in
    ISO 8601 (datetimes in UTC, with offset), JSON fields as they are."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return str(value)
    if isinstance(field, models.DateTimeField):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(field, models.DateField):
        return value.isoformat()
    return value


def decode(field: models.Field, value):
    """The inverse of ``encode``; raises ``FormatError`` for a value that does not fit."""
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.DecimalField):
        # A float would already have lost cents: only strings are exact.
        if not isinstance(value, str):
            raise FormatError(f'{value!r} is geen bedrag als tekst (bijvoorbeeld "12.50")')
        try:
            return Decimal(value)
        except InvalidOperation:
            raise FormatError(f"{value!r} is geen bedrag") from None
    if isinstance(field, models.DateTimeField):
        moment = _iso(dt.datetime.fromisoformat, value, "tijdstip")
        if moment.tzinfo is None:
            raise FormatError(f"tijdstip {value!r} mist een tijdzone")
        return moment
    if isinstance(field, models.DateField):
        return _iso(dt.date.fromisoformat, value, "datum")
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise FormatError(f"{value!r} is geen true of false")
        return value
    if isinstance(field, models.IntegerField | models.ForeignKey):
        if not isinstance(value, int) or isinstance(value, bool):
            raise FormatError(f"{value!r} is geen geheel getal")
        return value
    if not isinstance(value, str):
        raise FormatError(f"{value!r} is geen tekst")
    return value


def _iso(parse, value, what: str):
    if not isinstance(value, str):
        raise FormatError(f"{value!r} is geen {what}")
    try:
        return parse(value)
    except ValueError:
        raise FormatError(f"{value!r} is geen geldige {what} (ISO 8601)") from None
