"""PostgreSQL backend: ``Letter.search_vector`` (a tsvector with a GIN index).

The vector is built from our own stems (see ``tokens``) with the ``simple``
configuration, which only lower-cases: stemming and diacritics are already done
in Python, identically for both backends. Title weighs A, headings B, body C.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import RawSQL

from letters.search.documents import IndexDocument
from letters.search.query import ParsedQuery, Term
from letters.search.sample import InSample
from letters.search.window import Candidates, newest, years_from

CONFIG = "simple"

# Each vector also holds its letter's year as a lexeme, "§2026", which no text
# gives (§ is not part of a word): the GIN index can then find the matches of
# recent years without reading every match's row (see ``letters.search.window``).
# It has no position, so ``ts_rank`` (which weighs only the query's lexemes,
# without length normalisation) and phrases do not see it.
YEAR_MARK = "§"  # also in migration 0012, which adds the lexeme to older vectors
_UPDATE_SQL = """
UPDATE {table} AS letter
SET search_vector =
    setweight(to_tsvector('simple'::regconfig, doc.title), 'A')
    || setweight(to_tsvector('simple'::regconfig, doc.headings), 'B')
    || setweight(to_tsvector('simple'::regconfig, doc.body), 'C')
    || CASE WHEN letter.year IS NULL THEN ''::tsvector
       ELSE array_to_tsvector(ARRAY['§' || letter.year::text]) END
FROM (VALUES {rows}) AS doc (id, title, headings, body)
WHERE letter.id = doc.id
"""


class YearsQuery(SearchQuery):
    """Letters of a year from ``since`` on (or of exactly the ``years`` given), by
    their year lexemes: a tsquery written out, not parsed, so the mark stays."""

    template = "CAST(%(expressions)s AS tsquery)"

    def __init__(self, years=(), *, since: int | None = None):
        terms = [f"'{YEAR_MARK}{int(year)}'" for year in years]
        if since is not None:
            terms += _years_since(int(since))
        super().__init__(" | ".join(terms))


def _years_since(since: int) -> list[str]:
    """tsquery terms for every year from ``since`` on (``window.years_from``)."""
    return [
        f"'{YEAR_MARK}{digits}'{':*' if prefix else ''}" for digits, prefix in years_from(since)
    ]


def write(connection, table: str, documents: list[IndexDocument]) -> None:
    if not documents:
        return
    rows = ", ".join(["(%s::bigint, %s::text, %s::text, %s::text)"] * len(documents))
    params = []
    for doc in documents:
        params.extend([doc.letter_id, doc.title, doc.headings, doc.body])
    sql = _UPDATE_SQL.format(table=connection.ops.quote_name(table), rows=rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def unindexed_ids(connection, table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {connection.ops.quote_name(table)} WHERE search_vector IS NULL"
        )
        return [row[0] for row in cursor.fetchall()]


def remove(connection, table: str, letter_ids: list[int]) -> None:
    """Clear the vector of letters that stay but must not be found. A deleted
    letter needs nothing: its vector lives in its own row and goes with it."""
    if not letter_ids:
        return
    placeholders = ", ".join(["%s"] * len(letter_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(table)} SET search_vector = NULL "
            f"WHERE id IN ({placeholders})",
            letter_ids,
        )


def _term_query(term: Term) -> SearchQuery:
    # plainto_/phraseto_tsquery accept any text without raising, and each term
    # is its own parameter: nothing typed by the user is parsed as tsquery syntax.
    return SearchQuery(
        " ".join(term.stems),
        config=CONFIG,
        search_type="phrase" if term.is_phrase else "plain",
    )


def _any_of(terms) -> SearchQuery:
    query = None
    for term in terms:
        query = _term_query(term) if query is None else query | _term_query(term)
    return query


def to_search_query(parsed: ParsedQuery) -> SearchQuery | None:
    query = None
    for group in parsed.groups:
        query = _any_of(group) if query is None else query & _any_of(group)
    # Each excluded term negated on its own: Django cannot negate a combined
    # SearchQuery (~(a | b) is not a SearchQuery and fails to combine), so
    # "-a -b" is written as !a & !b.
    for term in parsed.excluded:
        excluded = ~_term_query(term)
        query = excluded if query is None else query & excluded
    return query


def in_sample(queryset, every: int):
    """Only the letters in the counting sample: answered by the sample's
    partial B-tree index (migration 0008)."""
    return queryset.filter(InSample("id", every=every))


def filter_queryset(
    queryset, parsed: ParsedQuery, sample_every: int | None = None, since_year: int | None = None
):
    query = to_search_query(parsed)
    if query is None:
        return in_sample(queryset, sample_every) if sample_every else queryset
    queryset = queryset.filter(search_vector=query)
    if sample_every:
        # Spelled to match only the sample's partial GIN index (see InSample).
        queryset = queryset.filter(InSample("id", every=sample_every, as_function=True))
    if since_year is not None:
        # By the year lexemes: filtering on the year column instead made the
        # planner read the recent years' rows and test the query on each
        # letter's whole vector (100 ms against 6–10 ms at 100 000 letters).
        queryset = queryset.filter(search_vector=YearsQuery(since=since_year))
    return queryset


def annotate_rank(queryset, parsed: ParsedQuery, candidates: Candidates | None = None):
    """``rank``: ``ts_rank`` for the letters in the rank window (``letters.search.window``),
    0 for the others, which then follow newest first. ``candidates``: see
    ``window.window_ids``; without, the window is the newest of ``queryset``."""
    if not parsed.has_positive_terms:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # A sub-select: the full order is often built and never read (a page inside
    # the window comes from ``window_ranks``).
    window = newest(queryset if candidates is None else candidates(None))
    return queryset.annotate(
        rank=Case(
            When(id__in=window, then=SearchRank(F("search_vector"), to_search_query(parsed))),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def window_ranks(queryset, parsed: ParsedQuery, window: list[int], since_year: int | None) -> dict:
    """``ts_rank`` of the window's letters that are in ``queryset`` (those matching
    the search itself, not only its candidates). ``ts_rank`` reads a letter's whole
    vector (TOASTed and compressed, ~20 KB): the window keeps that to 500 letters."""
    rank = SearchRank(F("search_vector"), to_search_query(parsed))
    return dict(queryset.filter(id__in=_ids(window)).annotate(rank=rank).values_list("id", "rank"))


def _ids(ids: list[int]) -> RawSQL:
    # One array parameter rather than 500: Django preparing and psycopg quoting
    # each of 500 ids cost more Python than the query took to run.
    return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
