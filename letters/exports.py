"""Streaming CSV and JSON downloads of the list pages.

Rows are written one at a time as the client reads them: callers pass an iterator
over a queryset (``.iterator(chunk_size=…)``), so no download ever holds the whole
table in memory. The JSON is an array of the same objects the API lists return;
the CSV has one column per ``Column`` with Dutch headers, for spreadsheets.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import StreamingHttpResponse

CSV, JSON = "csv", "json"
FORMATS = (CSV, JSON)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]


def cell(value) -> str:
    """One CSV cell: empty for nothing, lists joined with "; ", booleans in Dutch."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return "; ".join(cell(item) for item in value)
    return str(value)


class _Echo:
    """A file-like object for csv.writer that hands each written line back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(items: Iterable[dict], columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([column.header for column in columns])
    for item in items:
        yield writer.writerow([cell(column.value(item)) for column in columns])


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
