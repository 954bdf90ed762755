"""The vergaderjaar (parliamentary year) a date falls in.

The Tweede Kamer's year opens on Prinsjesdag, the third Tuesday of September
(Grondwet, art. 65). A letter is numbered in the year it is received, which can
be a few days after the date it carries, so a date in the ten days before
Prinsjesdag says nothing for sure: then there is no answer rather than a guess.
"""

from __future__ import annotations

from datetime import date, timedelta

_UNSURE_DAYS = 10


def prinsjesdag(year: int) -> date:
    first = date(year, 9, 1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + timedelta(weeks=2)


def vergaderjaar_of(day: date | None) -> str | None:
    """ "2012-2013" for 24 juni 2013; None without a date or close before Prinsjesdag."""
    if day is None:
        return None
    opening = prinsjesdag(day.year)
    if opening - timedelta(days=_UNSURE_DAYS) <= day < opening:
        return None
    first = day.year if day >= opening else day.year - 1
    return f"{first}-{first + 1}"
