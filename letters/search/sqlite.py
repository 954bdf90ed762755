"""SQLite backend: an FTS5 table ``letters_letter_fts`` (rowid = letter id) with
the columns title, headings and body, holding our own stems (see ``tokens``), and
years, holding the letter's year as one token (``y2026``) for the rank window
(``letters.search.window``).

The table is created by migration 0003 and given its years column by 0016; a
``post_delete`` receiver drops a deleted letter's row. Ranking is FTS5's ``bm25()``
with column weights (0 for the years, so they change no rank); bm25 scores are
lower for better matches, so the rank is its negation (higher is better, as with
PostgreSQL's ``ts_rank``).
"""

from __future__ import annotations

from django.db import connections
from django.db.models import FloatField, Value
from django.db.models.expressions import RawSQL

from letters.search.documents import IndexDocument
from letters.search.query import ParsedQuery, Term
from letters.search.sample import InSample
from letters.search.window import Candidates, newest, years_from

FTS_TABLE = "letters_letter_fts"
# title, headings, body, years
COLUMN_WEIGHTS = (10.0, 4.0, 1.0, 0.0)
BM25 = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in COLUMN_WEIGHTS)})"
YEAR_TOKEN = "y"  # y2026: only ever searched for in the years column


def write(connection, table: str, documents: list[IndexDocument]) -> None:
    if not documents:
        return
    remove(connection, table, [doc.letter_id for doc in documents])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, headings, body, years) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (doc.letter_id, doc.title, doc.headings, doc.body, _year_token(doc.year))
                for doc in documents
            ],
        )


def unindexed_ids(connection, table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id NOT IN (SELECT rowid FROM {FTS_TABLE})")
        return [row[0] for row in cursor.fetchall()]


def _year_token(year: int | None) -> str:
    return f"{YEAR_TOKEN}{int(year)}" if year else ""


def remove(connection, table: str, letter_ids: list[int]) -> None:
    if not letter_ids:
        return
    placeholders = ", ".join(["%s"] * len(letter_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", letter_ids)


def _phrase(term: Term) -> str:
    # Stems are letters and digits only (see tokens.WORD_RE), so a double-quoted
    # FTS5 string cannot be broken out of; quoting also makes FTS5 keywords
    # (AND, NEAR, …) plain words.
    if term.loose:
        return "(" + " AND ".join(f'"{stem}"' for stem in term.stems) + ")"
    return '"' + " ".join(term.stems) + '"'


def _any_of(terms) -> str:
    phrases = [_phrase(term) for term in terms]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def match_expressions(parsed: ParsedQuery) -> tuple[str, str]:
    """(what must match, what must not) as FTS5 query strings; either may be ""."""
    positive = " AND ".join(_any_of(group) for group in parsed.groups)
    negative = _any_of(parsed.excluded) if parsed.excluded else ""
    if positive and negative:
        positive = f"{positive} NOT {negative}"
    return positive, negative


def _years(since_year: int) -> str:
    """The letters from ``since_year`` on, by their year tokens (``window.years_from``)."""
    terms = (f"{YEAR_TOKEN}{digits}{'*' if prefix else ''}" for digits, prefix in years_from(since_year))
    return f"years : ({' OR '.join(terms)})"


def _from_year(expression: str, since_year: int | None) -> str:
    """``expression`` for letters from ``since_year`` on only: FTS5 then reads
    those years' matches only."""
    return expression if since_year is None else f"({expression}) AND {_years(since_year)}"


def _matching_ids(expression: str, sample_every: int | None = None) -> RawSQL:
    # The sample is taken inside the FTS query: FTS5 then hands over a few
    # thousand ids instead of every match (9 ms instead of 110 ms for a common
    # word at 100 000 letters).
    sample = f" AND (rowid %% {int(sample_every)}) = 0" if sample_every else ""
    return RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{sample}", (expression,)
    )


def in_sample(queryset, every: int):
    """Only the letters in the counting sample. The ids come from a sub-select
    that SQLite answers from an index: testing ``id % 64`` while scanning the
    letters table reads every row's first page (81 ms at 100 000 letters,
    against 7 ms)."""
    ids = queryset.model.objects.filter(InSample("id", every=every)).values("id")
    return queryset.filter(id__in=ids)


def filter_queryset(
    queryset, parsed: ParsedQuery, sample_every: int | None = None, since_year: int | None = None
):
    positive, negative = match_expressions(parsed)
    if positive:
        return queryset.filter(id__in=_matching_ids(_from_year(positive, since_year), sample_every))
    if sample_every:
        queryset = in_sample(queryset, sample_every)
    if negative:
        # FTS5's NOT needs a left-hand side: "all indexed letters except …".
        queryset = queryset.filter(id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE}", ())).exclude(
            id__in=_matching_ids(negative)
        )
    if since_year is not None:
        queryset = queryset.filter(id__in=_matching_ids(_years(since_year)))
    return queryset


def annotate_rank(queryset, parsed: ParsedQuery, candidates: Candidates | None = None):
    """``rank``: ``-bm25`` for the letters in the rank window (``letters.search.window``),
    0 for the others, which then follow newest first. ``candidates``: see
    ``window.window_ids``; without, the window is the newest of ``queryset``."""
    positive, _ = match_expressions(parsed)
    if not positive:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # The window as a sub-select: the full order is often built and never read
    # (a page inside the window comes from ``window_ranks``).
    window_sql, window_params = newest(
        queryset if candidates is None else candidates(None)
    ).query.sql_with_params()
    # A join with the FTS table, not a correlated subquery: FTS5 then evaluates
    # the query once instead of once per matching letter (seconds for a phrase
    # of common words over a few thousand letters). Django has no join to a
    # table without a model other than ``extra``; the rank is then an extra
    # select, usable as ``order_by("-rank")`` and as ``letter.rank``. bm25 is
    # computed for the window's letters only (CASE reads no further).
    letter_table = queryset.model._meta.db_table
    return queryset.extra(
        select={"rank": f'CASE WHEN "{letter_table}"."id" IN ({window_sql}) THEN -{BM25} ELSE 0.0 END'},
        select_params=window_params,
        tables=[FTS_TABLE],
        where=[f'{FTS_TABLE}.rowid = "{letter_table}"."id"', f"{FTS_TABLE} MATCH %s"],
        params=[positive],
    )


def window_ranks(queryset, parsed: ParsedQuery, window: list[int], since_year: int | None) -> dict:
    """``-bm25`` of the window's letters that match the search itself (not only its
    candidates), asked of FTS5 alone for the years the window was found in.

    Joining the window's ids to the FTS table instead made FTS5 evaluate the
    search once per id (seconds); ranking every match took 150–240 ms at
    100 000 letters, against 2–30 ms for the newest years' matches (about 120 ms
    for a phrase of common words, which FTS5 checks in every letter that has
    its words). ``queryset`` is not read: the window's letters already have
    the chosen facets."""
    positive, _ = match_expressions(parsed)
    if not positive or not window:
        return {}
    in_window = set(window)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -{BM25} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [_from_year(positive, since_year)],
        )
        return {letter_id: rank for letter_id, rank in cursor.fetchall() if letter_id in in_window}
