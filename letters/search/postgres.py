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

CONFIG = "simple"
# Relevance is computed for at most this many matching letters, the newest; see
# ``annotate_rank``.
RANK_WINDOW = 500
# The order of "newest first" (letters.selectors.search.NEWEST_FIRST).
_NEWEST_FIRST = (
    F("year").desc(nulls_last=True),
    F("date").desc(nulls_last=True),
    F("id").desc(),
)

# Each vector also holds its letter's year as a lexeme, "§2026", which no text
# gives (§ is not part of a word): the GIN index can then find the matches of
# recent years without reading every match's row (see ``_window_ids``). It
# has no position, so ``ts_rank`` (which weighs only the query's lexemes,
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
    """tsquery terms for every four-digit year from ``since`` on, without knowing
    the newest: 2025 gives 2025, 2026 … 2029, then the prefixes 203* … 209*,
    21* … 29*, 3* … 9*. A handful of terms, however far the years reach."""
    digits = f"{since:04d}"
    terms = [f"'{YEAR_MARK}{digits}'"]
    for length in range(3, -1, -1):
        prefix = digits[:length]
        star = "" if length == 3 else ":*"
        terms += [
            f"'{YEAR_MARK}{prefix}{digit}'{star}" for digit in range(int(digits[length]) + 1, 10)
        ]
    return terms


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


def filter_queryset(queryset, parsed: ParsedQuery, sample_every: int | None = None):
    query = to_search_query(parsed)
    if query is None:
        return in_sample(queryset, sample_every) if sample_every else queryset
    queryset = queryset.filter(search_vector=query)
    if sample_every:
        # Spelled to match only the sample's partial GIN index (see InSample).
        queryset = queryset.filter(InSample("id", every=sample_every, as_function=True))
    return queryset


def annotate_rank(queryset, parsed: ParsedQuery, candidates=None):
    """``rank``: ``ts_rank`` for the newest ``RANK_WINDOW`` matching letters, 0
    for older ones (which then follow newest first).

    ``ts_rank`` reads the letter's whole vector, TOASTed and compressed at
    ~20 KB: ranking all 10 000 matches of a common word took 0.15–0.6 s, and
    grows with the archive. The window keeps it at ``RANK_WINDOW`` vectors.

    ``candidates``, when given, is a superset of ``queryset`` that the index
    answers alone (``ParsedQuery.loosened``); the window is then its newest
    letters, so that choosing it does not check a phrase in every letter.
    """
    if not parsed.has_positive_terms:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    window = _window(queryset if candidates is None else candidates)
    return queryset.annotate(
        rank=Case(
            When(id__in=window, then=SearchRank(F("search_vector"), to_search_query(parsed))),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def ranked_window(queryset, parsed: ParsedQuery, candidates=None, since_year: int | None = None):
    """The letters of ``queryset`` in the rank window, with ``rank``: ordered by
    rank they are the start of ``annotate_rank``'s order (the rest has rank 0).

    ``since_year``: a year from which on the candidates probably fill the
    window (``window_since_year``); the window is then looked for there first.

    The first pages of a large result come from here: only the window's
    letters are read. Ordering every match by ``annotate_rank`` visited all of
    them, and for a phrase checked it in every letter's vector (1.3 s for a
    phrase of two common words at 100 000 letters)."""
    # The window's ids are read first (one query) and passed as a list: as a
    # sub-select, the planner at times tested a phrase in every matching
    # letter and only then joined the window (120 ms at 10 000 letters,
    # against 10 ms for the window's 500).
    window = _window_ids(queryset if candidates is None else candidates, since_year)
    # One array parameter rather than 500: Django preparing and psycopg quoting
    # each of 500 ids cost more Python than the query took to run.
    in_window = RawSQL("SELECT unnest(%s::bigint[])", (window,))
    return queryset.filter(id__in=in_window).annotate(
        rank=SearchRank(F("search_vector"), to_search_query(parsed))
    )


def window_since_year(year_counts: dict[int, int], *, estimated: bool) -> int | None:
    """The newest year from which on ``year_counts`` (matching letters per year)
    add up to the rank window; with ``estimated`` counts, to twice the window.
    None when all years together do not."""
    needed = RANK_WINDOW * (2 if estimated else 1)
    running = 0
    for year in sorted(year_counts, reverse=True):
        running += year_counts[year]
        if running >= needed:
            return year
    return None


def _window_ids(candidates, since_year: int | None) -> list[int]:
    """The ids of the newest ``RANK_WINDOW`` candidates.

    Ordering every candidate by date reads the row of each (a common word
    matches most of the archive: 80 ms at 100 000 letters). When the
    candidates since ``since_year`` hold a full window, they are the newest
    ones, and the GIN index finds them alone through their year lexemes
    (6–10 ms). When they turn out not to (an estimated count), all candidates
    decide.

    Every year from ``since_year`` on is asked for, also years without
    matches: a candidate of such a year still comes before older ones.
    Filtering on the year column instead made the planner read the recent
    years' rows and test the query on each letter's whole vector (100 ms)."""
    if since_year is not None:
        recent = candidates.filter(search_vector=YearsQuery(since=since_year))
        ids = list(_window(recent))
        if len(ids) == RANK_WINDOW:
            return ids
    return list(_window(candidates))


def _window(candidates):
    return candidates.order_by(*_NEWEST_FIRST).values_list("id", flat=True)[:RANK_WINDOW]
