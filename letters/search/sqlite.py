"""SQLite backend: an FTS5 table ``letters_letter_fts`` (rowid = letter id) with
the columns title, headings and body, holding our own stems (see ``tokens``).

The table and a trigger that drops a letter's row when the letter is deleted
are created by migration 0003. Ranking is FTS5's ``bm25()`` with column weights;
bm25 scores are lower for better matches, so the rank is its negation (higher is
better, as with PostgreSQL's ``ts_rank``).
"""

from __future__ import annotations

from django.db.models import FloatField, Value
from django.db.models.expressions import RawSQL

from letters.search.documents import IndexDocument
from letters.search.query import ParsedQuery, Term
from letters.search.sample import InSample

FTS_TABLE = "letters_letter_fts"
# title, headings, body
COLUMN_WEIGHTS = (10.0, 4.0, 1.0)


def write(connection, table: str, documents: list[IndexDocument]) -> None:
    if not documents:
        return
    remove(connection, table, [doc.letter_id for doc in documents])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, headings, body) VALUES (%s, %s, %s, %s)",
            [(doc.letter_id, doc.title, doc.headings, doc.body) for doc in documents],
        )


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


def filter_queryset(queryset, parsed: ParsedQuery, sample_every: int | None = None):
    positive, negative = match_expressions(parsed)
    if positive:
        return queryset.filter(id__in=_matching_ids(positive, sample_every))
    if sample_every:
        queryset = in_sample(queryset, sample_every)
    if negative:
        # FTS5's NOT needs a left-hand side: "all indexed letters except …".
        return queryset.filter(id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE}", ())).exclude(
            id__in=_matching_ids(negative)
        )
    return queryset


def annotate_rank(queryset, parsed: ParsedQuery, candidates=None):
    """``candidates`` is for PostgreSQL's rank window; FTS5 ranks every match."""
    positive, _ = match_expressions(parsed)
    if not positive:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # A join with the FTS table, not a correlated subquery: FTS5 then evaluates
    # the query once instead of once per matching letter (seconds for a phrase
    # of common words over a few thousand letters). Django has no join to a
    # table without a model other than ``extra``; the rank is then an extra
    # select, usable as ``order_by("-rank")`` and as ``letter.rank``.
    letter_table = queryset.model._meta.db_table
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    return queryset.extra(
        select={"rank": f"-bm25({FTS_TABLE}, {weights})"},
        tables=[FTS_TABLE],
        where=[f'{FTS_TABLE}.rowid = "{letter_table}"."id"', f"{FTS_TABLE} MATCH %s"],
        params=[positive],
    )


def relevance_page(
    connection, parsed: ParsedQuery, within, offset: int, limit: int
) -> list[int] | None:
    """The ids of one page of matches by relevance, asked of FTS5 alone: best
    ``bm25`` first, ties newest id first. ``within``: a queryset of letters the
    matches must be among (the chosen facets), or None.

    Ordering by ``annotate_rank`` joined every match to its letter for the
    tie-breaking dates: 250 ms for a common word at 100 000 letters, against
    about 100 ms here. None when nothing is ranked (no positive words)."""
    positive, _ = match_expressions(parsed)
    if not positive:
        return None
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    sql, params = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [positive]
    if within is not None:
        within_sql, within_params = within.values("id").query.sql_with_params()
        sql += f" AND rowid IN ({within_sql})"
        params += list(within_params)
    sql += f" ORDER BY bm25({FTS_TABLE}, {weights}), rowid DESC LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]
