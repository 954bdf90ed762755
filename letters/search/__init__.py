"""Full-text search over letters: one interface, two backends.

PostgreSQL uses ``Letter.search_vector`` (tsvector + GIN index), SQLite an FTS5
table. Both index the same tokens (``tokens``: lower case, no diacritics, Dutch
stems), so both find the same letters.

- ``update_index(letter_ids)``: (re)index letters; call after every save.
  Letters that no longer exist are dropped from the index.
- ``remove_from_index(letter_ids)``: make letters unfindable. Deleting a
  letter needs no call: a ``post_delete`` receiver (``connect_signals``) drops
  its FTS5 row on SQLite; on PostgreSQL the vector lives in the letter's row.
- ``search(queryset, query_text)``: the matching letters, annotated with
  ``rank`` (higher is better; order by ``-rank``). Only the newest
  ``rank_window()`` matches get a relevance rank (``window``).
- ``filter_letters`` / ``annotate_rank`` do the two halves with a parsed query;
  ``window_in_order`` gives the ranked window alone, for the first pages.
- ``index_scans(parsed)``: a block whose searches use the full-text index on
  PostgreSQL even when most letters match (see there).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import connections, router, transaction
from django.db.models.signals import post_delete

from letters.db import is_postgres
from letters.search import postgres, sqlite, window
from letters.search.documents import build_document, letter_paragraphs
from letters.search.query import ParsedQuery, parse_query
from letters.search.window import Candidates, in_rank_order, window_ids, window_since_year

__all__ = [
    "ParsedQuery",
    "annotate_rank",
    "connect_signals",
    "filter_letters",
    "index_scans",
    "index_letters",
    "index_missing_letters",
    "letter_paragraphs",
    "parse_query",
    "rank_window",
    "rebuild_index",
    "remove_from_index",
    "search",
    "update_index",
    "window_in_order",
]

BATCH_SIZE = 200


def _backend(connection):
    return postgres if is_postgres(connection) else sqlite


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _clean_ids(letter_ids: Iterable) -> list[int]:
    return sorted({int(pk) for pk in letter_ids if pk is not None})


def index_letters(letter_model, letter_ids: Iterable[int], connection) -> None:
    """Index with any Letter model class: the real one or a migration's."""
    backend = _backend(connection)
    table = letter_model._meta.db_table
    ids = _clean_ids(letter_ids)
    for batch in _batches(ids, BATCH_SIZE):
        # Read from the database we write to, not a (possibly lagging) replica.
        letters = (
            letter_model.objects.using(connection.alias)
            .filter(pk__in=batch)
            .select_related("dossier")
            .prefetch_related("other_dossiers")
            .only("id", "title", "body", "structure", "number", "year", "dossier__number")
        )
        documents = [build_document(letter) for letter in letters]
        found = {doc.letter_id for doc in documents}
        with transaction.atomic(using=connection.alias):
            backend.write(connection, table, documents)
            backend.remove(connection, table, [pk for pk in batch if pk not in found])


def index_missing_letters(connection=default_connection) -> int:
    """Index every letter the index does not hold; returns how many. Run after
    migrating (``letters.after_migrate``): migrations do not index."""
    from letters.models import Letter

    ids = _backend(connection).unindexed_ids(connection, Letter._meta.db_table)
    index_letters(Letter, ids, connection)
    return len(ids)


def update_index(letter_ids: Iterable[int]) -> None:
    from letters.models import Letter

    index_letters(Letter, letter_ids, default_connection)


def remove_from_index(letter_ids: Iterable[int]) -> None:
    from letters.models import Letter

    ids = _clean_ids(letter_ids)
    backend = _backend(default_connection)
    for batch in _batches(ids, BATCH_SIZE):
        backend.remove(default_connection, Letter._meta.db_table, batch)


def rebuild_index() -> int:
    """Index every letter; returns how many."""
    from letters.models import Letter

    ids = list(Letter.objects.values_list("pk", flat=True))
    update_index(ids)
    return len(ids)


def filter_letters(
    queryset, parsed: ParsedQuery, *, sample_every: int | None = None, since_year: int | None = None
):
    """Only the letters matching the query (no ranking); with ``sample_every``
    only those in the counting sample (``sample.InSample``); with ``since_year``
    only those from that year on, by the year the index holds (``window``)."""
    backend = _backend(default_connection)
    if parsed.is_empty:
        return backend.in_sample(queryset, sample_every) if sample_every else queryset
    return backend.filter_queryset(queryset, parsed, sample_every, since_year)


def annotate_rank(queryset, parsed: ParsedQuery, candidates: Candidates | None = None):
    """Add ``rank`` (a float, higher is better) to a queryset already filtered
    by ``filter_letters``: the relevance of the letters in the rank window, 0 for
    the others and for every letter when there is nothing to rank by.
    ``candidates``: see ``window.window_ids``."""
    return _backend(default_connection).annotate_rank(queryset, parsed, candidates)


def window_in_order(
    queryset, parsed: ParsedQuery, candidates: Candidates, year_counts=None, estimated=False
) -> list[int]:
    """The ids of the letters in the rank window that ``queryset`` holds, best first:
    the start of ``annotate_rank``'s order (the rest has rank 0). ``year_counts``
    (matching letters per year, ``estimated`` or not), when known, let the window
    be looked for in the newest years only.

    The first pages of a large result come from here: only the window's letters
    are ranked. Ordering every match by ``annotate_rank`` visited all of them, and
    for a phrase checked it in every letter (1.3 s for a phrase of two common words
    at 100 000 letters on PostgreSQL)."""
    since = window_since_year(year_counts, estimated=estimated) if year_counts else None
    window, since = window_ids(candidates, since)
    ranks = _backend(default_connection).window_ranks(queryset, parsed, window, since)
    return in_rank_order(window, ranks)


@contextmanager
def index_scans(parsed: ParsedQuery):
    """Run the block's queries with the PostgreSQL planner told not to scan the
    letters table sequentially when the query has words.

    For a common word (most letters match) the planner prefers a sequential scan
    with ``search_vector @@ query`` on every row: it does not know that each test
    decompresses a letter's ~20 KB TOASTed vector (130 ms at 10 000 letters,
    linear). The GIN index answers the same question without reading any vector
    (3–15 ms at 10 000 letters). ``SET LOCAL`` ends with the transaction, which
    this block opens. Nothing changes on SQLite, or for a search without words.
    """
    from letters.models import Letter

    alias = router.db_for_read(Letter)
    connection = connections[alias]
    if parsed.is_empty or not is_postgres(connection):
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        yield
        if nested:
            # Inside an outer transaction SET LOCAL would outlive this block.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on")


def rank_window() -> int:
    """How many matching letters (the newest) are ordered by relevance at most;
    the rest follow newest first (``letters.search.window``)."""
    return window.RANK_WINDOW


def search(queryset, query_text: str):
    parsed = parse_query(query_text)
    return annotate_rank(filter_letters(queryset, parsed), parsed)


def _drop_deleted_letter(sender, instance, using, **kwargs) -> None:
    # A receiver rather than an SQLite trigger: Django rebuilds a table on
    # SQLite for many schema changes, and a rebuild silently drops triggers.
    connection = connections[using]
    if not is_postgres(connection):
        sqlite.remove(connection, sender._meta.db_table, [instance.pk])


def connect_signals() -> None:
    """Keep the index in step with deleted letters. Called from
    ``LettersConfig.ready``; connecting twice is harmless."""
    post_delete.connect(
        _drop_deleted_letter,
        sender="letters.Letter",
        dispatch_uid="letters.search.drop_deleted_letter",
    )


# Also on import, so that anything that can search also cleans up.
connect_signals()
