"""Write the archive as a version 1 exchange file (see ``format``), one row at a time.

Rows are read with ``QuerySet.iterator()`` (server-side cursors on PostgreSQL) and
written line by line, so memory use does not grow with the archive: a 100 000-letter
archive needs no more than one chunk of rows at a time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TextIO

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from letters.db import is_postgres
from letters.exchange.format import FORMAT_NAME, FORMAT_VERSION, Table, all_tables, encode

# Rows per database round trip: a letter with its original text can be 100 kB in
# memory, so this bounds memory at some megabytes whatever the archive size.
CHUNK_SIZE = 100
# The primary: the snapshot transaction below is on it (archive/routers.py would
# send plain reads to a replica).
DB = DEFAULT_DB_ALIAS


def dumps(value) -> str:
    # Compact, and UTF-8 as is: Dutch text stays readable in the file.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_archive(out: TextIO, *, with_history: bool = False) -> dict[str, int]:
    """Write every table to ``out``; returns the row count per table."""
    tables = all_tables(with_history=with_history)
    outermost = not connections[DB].in_atomic_block
    with transaction.atomic(using=DB):
        if outermost:
            _one_snapshot()
        counts = {table.name: table.model._default_manager.using(DB).count() for table in tables}
        header = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": datetime.now(UTC).isoformat(),
            "counts": counts,
            "tables": {table.name: _describe(table) for table in tables},
        }
        out.write(dumps(header) + "\n")
        for table in tables:
            for row in rows(table):
                out.write(dumps({"table": table.name, "row": row}) + "\n")
        out.write(dumps({"end": FORMAT_NAME, "counts": counts}) + "\n")
    return counts


def rows(table: Table):
    """The rows of ``table`` as the file writes them, in primary-key order."""
    lookups = [table.lookup(name) for name in table.fields]
    fields = [table.field(name) for name in table.fields]
    queryset = (
        table.model._default_manager.using(DB)
        .order_by("pk")
        .values_list(*lookups)
        .iterator(CHUNK_SIZE)
    )
    for values in queryset:
        yield {
            name: encode(field, value)
            for name, field, value in zip(table.fields, fields, values, strict=True)
        }


def _describe(table: Table) -> dict:
    description = {"fields": list(table.fields)}
    if table.natural_key:
        description["key"] = table.natural_key
    references = {
        name: f"{reference[0]._meta.label}.{reference[1]}"
        for name in table.fields
        if (reference := table.reference(name))
    }
    if references:
        description["references"] = references
    return description


def _one_snapshot() -> None:
    """Counts and rows from one consistent state, while editors keep working.

    PostgreSQL: a repeatable-read transaction sees one snapshot (this must be the
    transaction's first statement, so it is only done in an outermost one). SQLite:
    the transaction itself holds the database still for writers."""
    connection = connections[DB]
    if is_postgres(connection):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
