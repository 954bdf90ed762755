"""The rank window, the same on both databases.

Relevance is computed for the newest ``RANK_WINDOW`` letters that can match a
search, the *candidates* (the search without its phrases, ``ParsedQuery.loosened``,
which the index answers without checking a phrase in every letter); the other
matches follow, newest first. Ranking every match of a common word read every
match's index data: 0.15–0.6 s on PostgreSQL and 0.2–0.4 s on SQLite at 100 000
letters, growing with the archive. The page says when a result is larger than the
window.

Finding the newest candidates without reading every candidate's date: each
letter's year is in the index too (a ``§2026`` lexeme on PostgreSQL, a ``y2026``
token in a column of its own on SQLite), and the facet counts say how many
candidates each year has, so only the newest years' candidates are looked at
(``window_since_year``, ``years_from``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import F

RANK_WINDOW = 500

# The order of "newest first" (letters.selectors.search.NEWEST_FIRST).
NEWEST_FIRST = (
    F("year").desc(nulls_last=True),
    F("date").desc(nulls_last=True),
    F("id").desc(),
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


def years_from(since: int) -> list[tuple[str, bool]]:
    """Every four-digit year from ``since`` on as a handful of (digits, is a prefix)
    terms, without knowing the newest year: 2025 gives 2025, 2026 … 2029, then the
    prefixes 203 … 209, 21 … 29, 3 … 9."""
    digits = f"{since:04d}"
    terms = [(digits, False)]
    for length in range(3, -1, -1):
        prefix = digits[:length]
        terms += [(f"{prefix}{digit}", length < 3) for digit in range(int(digits[length]) + 1, 10)]
    return terms


Candidates = Callable[[int | None], object]  # since_year -> a queryset of candidate letters


def window_ids(candidates: Candidates, since_year: int | None) -> tuple[list[int], int | None]:
    """The ids of the newest ``RANK_WINDOW`` candidates, newest first, and the year
    they were looked for from (None: among all candidates).

    ``candidates(since)`` gives the candidates of the years from ``since`` on (all
    for None). When those from ``since_year`` on do not fill the window after all
    (the counts were estimates), all candidates decide."""
    if since_year is not None:
        ids = list(newest(candidates(since_year)))
        if len(ids) == RANK_WINDOW:
            return ids, since_year
    return list(newest(candidates(None))), None


def newest(candidates):
    """The ids of the newest ``RANK_WINDOW`` of ``candidates``, as an unevaluated
    queryset (a sub-select where the window is only part of a larger query)."""
    return candidates.order_by(*NEWEST_FIRST).values_list("id", flat=True)[:RANK_WINDOW]


def in_rank_order(window: list[int], ranks: dict[int, float]) -> list[int]:
    """The window's letters that match (those with a rank), best first; equal ranks
    newest first (the window's own order)."""
    position = {letter_id: n for n, letter_id in enumerate(window)}
    matching = [letter_id for letter_id in window if letter_id in ranks]
    return sorted(matching, key=lambda letter_id: (-ranks[letter_id], position[letter_id]))
