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
  ``rank`` (higher is better; order by ``-rank``). On PostgreSQL only the
  newest ``rank_window()`` matches get a relevance rank (see
  ``postgres.annotate_rank``).
- ``filter_letters`` / ``annotate_rank`` do the two halves with a parsed query.
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
from letters.search import postgres, sqlite
from letters.search.documents import build_document, letter_paragraphs
from letters.search.query import ParsedQuery, parse_query

__all__ = [
    "ParsedQuery",
    "annotate_rank",
    "connect_signals",
    "filter_letters",
    "index_scans",
    "index_letters",
    "letter_paragraphs",
    "parse_query",
    "rank_window",
    "ranked_window",
    "relevance_page",
    "rebuild_index",
    "remove_from_index",
    "search",
    "update_index",
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
            .only("id", "title", "body", "structure", "number", "dossier__number")
        )
        documents = [build_document(letter) for letter in letters]
        found = {doc.letter_id for doc in documents}
        with transaction.atomic(using=connection.alias):
            backend.write(connection, table, documents)
            backend.remove(connection, table, [pk for pk in batch if pk not in found])


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


def filter_letters(queryset, parsed: ParsedQuery, *, sample_every: int | None = None):
    """Only the letters matching the query (no ranking); with ``sample_every``
    only those in the counting sample (``sample.InSample``)."""
    backend = _backend(default_connection)
    if parsed.is_empty:
        return backend.in_sample(queryset, sample_every) if sample_every else queryset
    return backend.filter_queryset(queryset, parsed, sample_every)


def annotate_rank(queryset, parsed: ParsedQuery, candidates=None):
    """Add ``rank`` (a float, higher is better) to a queryset already filtered
    by ``filter_letters``; 0 for every letter when there is nothing to rank by.
    ``candidates``: see ``postgres.annotate_rank``."""
    return _backend(default_connection).annotate_rank(queryset, parsed, candidates)


def ranked_window(queryset, parsed: ParsedQuery, candidates=None, year_counts=None, estimated=False):
    """The first ``rank_window()`` letters of ``annotate_rank``'s order, with
    ``rank``; only where there is a window (PostgreSQL). ``year_counts``
    (matching letters per year, ``estimated`` or not), when known, let the
    window be looked for in the newest years only."""
    since = postgres.window_since_year(year_counts, estimated=estimated) if year_counts else None
    return postgres.ranked_window(queryset, parsed, candidates, since_year=since)


def relevance_page(parsed: ParsedQuery, within, offset: int, limit: int) -> list[int] | None:
    """One page of matching letter ids by relevance straight from the index,
    where the backend can (SQLite: ``sqlite.relevance_page``); else None."""
    from letters.models import Letter

    connection = connections[router.db_for_read(Letter)]
    if is_postgres(connection):
        return None
    return sqlite.relevance_page(connection, parsed, within, offset, limit)


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


def rank_window() -> int | None:
    """How many matching letters (the newest) are ordered by relevance at most;
    None when all are. The rest follow newest first."""
    return postgres.RANK_WINDOW if is_postgres(default_connection) else None


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
