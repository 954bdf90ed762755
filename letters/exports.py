"""Streaming CSV and JSON downloads: the one writer of every download the archive
offers (the list pages' exports and the budget page's own table).

Rows are written one at a time as the client reads them: callers pass an iterator
over a queryset (``.iterator(chunk_size=…)``), so no download ever holds the whole
table in memory. The JSON is an array of the same objects the API lists return,
exactly as stored; the CSV has one column per ``Column`` with Dutch headers, for
spreadsheets.

No CSV cell can become a formula: text that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading apostrophe, which spreadsheets show as
text (OWASP's advice for CSV injection). Numbers are written as numbers: ints and
decimals, and in a ``numeric`` column (amounts, written as exact strings) a value
that is a plain number such as ``-5`` or ``30000000.00``. A spreadsheet reads those
as numbers, never as formulas, and an apostrophe would make them text that no sum
counts.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import StreamingHttpResponse

CSV, JSON = "csv", "json"
FORMATS = (CSV, JSON)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]
    numeric: bool = False  # values are numbers, possibly written as strings ("-5.00")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return "; ".join(_text(item) for item in value)
    return str(value)


def cell(value, *, numeric: bool = False) -> str:
    """One CSV cell: empty for nothing, lists joined with "; ", booleans in Dutch;
    text a spreadsheet would run as a formula behind an apostrophe."""
    text = _text(value)
    is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if is_number or (numeric and _PLAIN_NUMBER.fullmatch(text)):
        return text
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    """A file-like object for csv.writer that hands each written line back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(items: Iterable[dict], columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([column.header for column in columns])
    for item in items:
        yield writer.writerow([cell(column.value(item), numeric=column.numeric) for column in columns])


def json_lines(items: Iterable[dict]) -> Iterator[str]:
    """A JSON array, one object per line."""
    yield "["
    separator = "\n"
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def download(
    fmt: str, items: Iterable[dict], columns: list[Column], name: str
) -> StreamingHttpResponse:
    """A streamed attachment ``name.csv`` or ``name.json``."""
    if fmt == CSV:
        response = StreamingHttpResponse(
            csv_lines(items, columns), content_type="text/csv; charset=utf-8"
        )
    elif fmt == JSON:
        response = StreamingHttpResponse(
            json_lines(items), content_type="application/json; charset=utf-8"
        )
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
