"""Restore an archive from a version 1 exchange file (see ``format``) into an
empty database, all or nothing.

The file is read line by line and inserted in batches (``bulk_create``: no
``save()``, so no signals, no new history rows and no recomputed fields), with the
primary keys from the file. Reference rows the migrations loaded (ministries,
dossiers, missions, reports) are replaced by the file's, so every restored row is
identical to the exported one (text fields cleaned of control characters, as on
every path into the archive). Afterwards PostgreSQL's sequences are moved past the
restored ids and ``services.after_write`` runs for the restored letters: the copies
of each letter's date and year, citations, the search index, the archive generation.
"""

from __future__ import annotations

import gzip
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction

from letters import json_input
from letters.exchange.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    HISTORY_TABLES,
    REFERENCE_TABLES,
    TABLE_BY_NAME,
    TABLES,
    FormatError,
    Table,
    decode,
)
from letters.models import Letter, Recommendation
from letters.services import after_write, clean_instance

BATCH_SIZE = 100  # rows per INSERT; bounds memory like export.CHUNK_SIZE
# Everything on the primary, in one transaction: with a read replica configured
# (archive/routers.py) reads would otherwise miss the rows being restored.
DB = DEFAULT_DB_ALIAS
ORDER = {table.name: position for position, table in enumerate(TABLES + HISTORY_TABLES)}


class RestoreRefused(Exception):
    """The file cannot be restored here; the message (Dutch) says why. Nothing was written."""


@dataclass(frozen=True)
class RestoreResult:
    counts: dict[str, int]
    indexed: int


def open_archive(path: Path) -> IO[str]:
    """A text stream over ``path``, gzip-compressed or not (recognised by content)."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    if compressed:
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def restore_archive(lines: Iterable[str]) -> RestoreResult:
    """Restore from the lines of an exchange file. Raises ``RestoreRefused``."""
    items = _parse(lines)
    header = next(items, None)
    tables = _check_header(header)
    try:
        with transaction.atomic(using=DB):
            _refuse_unless_empty(tables)
            _clear(REFERENCE_TABLES)
            loader = _Loader(tables)
            loader.load(items, announced=header[1]["counts"])
            _reset_sequences(tables)
            after_write(letter_ids=loader.letter_ids)
    except DatabaseError as error:
        # Deferred foreign keys are only checked when the transaction commits.
        raise RestoreRefused(
            f"De database weigert het archief; er is niets hersteld. ({error})"
        ) from None
    return RestoreResult(counts=loader.counts, indexed=len(loader.letter_ids))


# -- reading ---------------------------------------------------------------------


def _parse(lines: Iterable[str]) -> Iterator[tuple[int, dict]]:
    number = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json_input.loads(line)
            except json_input.JsonInputError:
                raise RestoreRefused(
                    f"Regel {number} is geen geldige JSON: het bestand is beschadigd of afgebroken."
                ) from None
            if not isinstance(item, dict):
                raise RestoreRefused(f"Regel {number} is geen JSON-object.")
            yield number, item
    except UnicodeDecodeError:
        raise RestoreRefused(
            f"Het bestand is geen UTF-8-tekst (na regel {number}): dit is geen archiefbestand."
        ) from None
    except (EOFError, zlib.error, gzip.BadGzipFile):
        raise RestoreRefused(
            f"Het gecomprimeerde bestand is beschadigd of afgebroken (na regel {number})."
        ) from None


def _check_header(first: tuple[int, dict] | None) -> list[Table]:
    if first is None:
        raise RestoreRefused("Het bestand is leeg.")
    _, header = first
    if header.get("format") != FORMAT_NAME:
        raise RestoreRefused(
            "Dit is geen exportbestand van het Kamerbrievenarchief: de eerste regel noemt niet "
            f'"format": "{FORMAT_NAME}".'
        )
    version = header.get("version")
    if version != FORMAT_VERSION:
        raise RestoreRefused(
            f"Dit bestand heeft formaatversie {version!r}; deze versie van het archief kan alleen "
            f"versie {FORMAT_VERSION} herstellen."
        )
    described, counts = header.get("tables"), header.get("counts")
    if not isinstance(described, dict) or not isinstance(counts, dict):
        raise RestoreRefused('De eerste regel mist "tables" of "counts".')
    unknown = sorted(set(described) - set(TABLE_BY_NAME))
    if unknown:
        raise RestoreRefused(f"Onbekende tabel(len) in het bestand: {', '.join(unknown)}.")
    missing = [table.name for table in TABLES if table.name not in described]
    if missing:
        raise RestoreRefused(f"Het bestand mist de tabel(len): {', '.join(missing)}.")
    tables = sorted((TABLE_BY_NAME[name] for name in described), key=lambda t: ORDER[t.name])
    for table in tables:
        description = described[table.name]
        if not isinstance(description, dict) or description.get("fields") != list(table.fields):
            raise RestoreRefused(
                f"Tabel {table.name} heeft niet de velden die versie {FORMAT_VERSION} voorschrijft."
            )
        if not isinstance(counts.get(table.name), int):
            raise RestoreRefused(
                f'De eerste regel mist het aantal rijen ("counts") van {table.name}.'
            )
    return tables


def _refuse_unless_empty(tables: list[Table]) -> None:
    letters = Letter.objects.using(DB).count()
    if letters:
        raise RestoreRefused(
            f"De database bevat al {letters} brie{'f' if letters == 1 else 'ven'}. Herstel alleen "
            "in een lege database (nieuwe database, daarna manage.py migrate); er is niets veranderd."
        )
    if Recommendation.objects.using(DB).exists():
        raise RestoreRefused(
            "De database bevat al aanbevelingen. Herstel alleen in een lege database; "
            "er is niets veranderd."
        )
    for table in tables:
        if table.history and table.model._default_manager.using(DB).exists():
            raise RestoreRefused(
                f"De database bevat al {table.label}. Een archief met geschiedenis kan alleen in een "
                "lege database worden hersteld; er is niets veranderd."
            )


def _clear(names: Iterable[str]) -> None:
    """Empty the reference tables (children first) so the file's rows, ids included,
    replace them; with no letters and no recommendations nothing points at them.
    Plain SQL: a queryset delete() would write a history row per deleted row."""
    connection = connections[DB]
    with connection.cursor() as cursor:
        for name in reversed(tuple(names)):
            table = connection.ops.quote_name(TABLE_BY_NAME[name].model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")


class _Loader:
    def __init__(self, tables: list[Table]):
        self.tables = {table.name: table for table in tables}
        self.counts: dict[str, int] = {}
        self.keys: dict[type[models.Model], dict[str, int]] = defaultdict(dict)
        # Ids of rows other rows point at by id (letters, recommendations): a bad
        # reference is reported with its line instead of failing at commit.
        self.ids: dict[type[models.Model], set[int]] = {
            table.field(name).related_model: set()
            for table in TABLES
            for name in table.fields
            if table.field(name).is_relation and not table.reference(name)
        }
        self.users: dict[str, int] | None = None
        self.letter_ids: list[int] = []
        self.batch: list[models.Model] = []
        self.batch_table: Table | None = None
        self.batch_lines: tuple[int, int] = (0, 0)
        self.position = -1

    def load(self, items: Iterator[tuple[int, dict]], announced: dict[str, int]) -> None:
        for number, item in items:
            if "end" in item:
                self._flush()
                self._finish(number, item, items, announced)
                return
            self._add(number, item)
        raise RestoreRefused(
            "Het bestand is onvolledig: de slotregel ontbreekt (afgebroken tijdens schrijven of "
            "kopiëren?). Er is niets hersteld."
        )

    def _add(self, number: int, item: dict) -> None:
        name, row = item.get("table"), item.get("row")
        table = self.tables.get(name) if isinstance(name, str) else None
        if table is None or not isinstance(row, dict) or set(item) != {"table", "row"}:
            raise RestoreRefused(
                f'Regel {number} is geen rij van een tabel uit de eerste regel ({{"table": …, "row": …}}).'
            )
        if ORDER[name] < self.position:
            raise RestoreRefused(
                f"Regel {number}: rijen van {name} staan na die van een latere tabel; "
                "de volgorde van het bestand klopt niet."
            )
        if table is not self.batch_table or len(self.batch) >= BATCH_SIZE:
            self._flush()
            self.batch_table, self.batch_lines = table, (number, number)
        self.position = ORDER[name]
        self.batch.append(self._instance(number, table, row))
        self.batch_lines = (self.batch_lines[0], number)
        self.counts[name] = self.counts.get(name, 0) + 1

    def _instance(self, number: int, table: Table, row: dict) -> models.Model:
        if set(row) != set(table.fields):
            missing = sorted(set(table.fields) - set(row))
            extra = sorted(set(row) - set(table.fields))
            detail = "; ".join(
                part
                for part in (
                    f"ontbreekt: {', '.join(missing)}" if missing else "",
                    f"onbekend: {', '.join(extra)}" if extra else "",
                )
                if part
            )
            raise RestoreRefused(f"Regel {number} ({table.name}): velden kloppen niet ({detail}).")
        values = {}
        for name in table.fields:
            field = table.field(name)
            try:
                values[field.attname] = self._value(table, name, field, row[name])
            except FormatError as error:
                raise RestoreRefused(f"Regel {number} ({table.name}.{name}): {error}.") from None
        instance = clean_instance(table.model(**values))
        if table.natural_key:
            self.keys[table.model][row[table.natural_key]] = instance.pk
        if table.model in self.ids:
            self.ids[table.model].add(instance.pk)
        if table.model is Letter:
            self.letter_ids.append(instance.pk)
        return instance

    def _value(self, table: Table, name: str, field: models.Field, raw):
        reference = table.reference(name)
        if raw is None or (reference is None and not field.is_relation):
            return decode(field, raw)
        if reference is None:  # a reference by id
            value = decode(field, raw)
            known = None if table.history else self.ids.get(field.related_model)
            if known is not None and value not in known:
                raise FormatError(
                    f"{field.related_model._meta.verbose_name} {value} staat niet in het bestand"
                )
            return value
        if not isinstance(raw, str):
            raise FormatError(f"{raw!r} is geen {reference[1]}")
        if table.history:  # history_user: a username; users are not part of the archive
            return self._user_ids().get(raw)
        try:
            return self.keys[reference[0]][raw]
        except KeyError:
            raise FormatError(
                f"{reference[0]._meta.verbose_name} {raw!r} staat niet (eerder) in het bestand"
            ) from None

    def _user_ids(self) -> dict[str, int]:
        if self.users is None:
            user = get_user_model()
            self.users = dict(
                user._default_manager.using(DB).values_list(user.USERNAME_FIELD, "pk")
            )
        return self.users

    def _flush(self) -> None:
        if not self.batch:
            return
        table, batch = self.batch_table, self.batch
        self.batch = []
        automatic = [
            field.attname
            for field in table.model._meta.concrete_fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        original = [[getattr(obj, name) for name in automatic] for obj in batch]
        manager = table.model._default_manager.db_manager(DB)
        try:
            with transaction.atomic(using=DB):
                manager.bulk_create(batch)
                if automatic:
                    # bulk_create stamps auto_now fields with "now": put the
                    # exported timestamps back.
                    for obj, values in zip(batch, original, strict=True):
                        for name, value in zip(automatic, values, strict=True):
                            setattr(obj, name, value)
                    manager.bulk_update(batch, automatic)
        except (DatabaseError, ValueError, TypeError) as error:
            first, last = self.batch_lines
            raise RestoreRefused(
                f"De database weigert rijen van {table.name} (regels {first}–{last}): {error}"
            ) from None

    def _finish(
        self,
        number: int,
        trailer: dict,
        rest: Iterator[tuple[int, dict]],
        announced: dict[str, int],
    ) -> None:
        extra = next(rest, None)
        if extra is not None:
            raise RestoreRefused(f"Regel {extra[0]} staat na de slotregel (regel {number}).")
        if trailer.get("end") != FORMAT_NAME or not isinstance(trailer.get("counts"), dict):
            raise RestoreRefused(f"Regel {number} is geen geldige slotregel.")
        for name in self.tables:
            found = self.counts.setdefault(name, 0)
            expected = announced[name]
            if not found == expected == trailer["counts"].get(name):
                raise RestoreRefused(
                    f"Tabel {name}: {expected!r} rijen aangekondigd, {found} gevonden; "
                    "het bestand is onvolledig of bewerkt. Er is niets hersteld."
                )


def _reset_sequences(tables: list[Table]) -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    connection = connections[DB]
    statements = connection.ops.sequence_reset_sql(no_style(), [table.model for table in tables])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)

