"""Reads for the budget page: budget lines filtered by instrument, year and mission,
facet counts, totals per instrument and per year, and the rows for the CSV."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, F, Sum

from letters.models import BudgetLine, Instrument, Mission
from letters.selectors.letters import light

PER_PAGE = 50


@dataclass(frozen=True)
class BudgetFilters:
    instrument: str | None = None
    year: int | None = None
    mission: Mission | None = None


@dataclass(frozen=True)
class Total:
    value: str  # what the facet parameter takes
    label: str
    count: int
    total: Decimal


@dataclass
class BudgetPage:
    lines: object  # a django Page of BudgetLine
    instruments: list[Total]  # facet: counted without the instrument filter
    years: list[Total]
    missions: list[Total]
    totals_per_instrument: list[Total]  # with every filter applied
    totals_per_year: list[Total]

    @property
    def grand_total(self) -> Decimal:
        return sum((t.total for t in self.totals_per_instrument), Decimal(0))

    @property
    def line_count(self) -> int:
        return sum(t.count for t in self.totals_per_instrument)


SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def budget_lines():
    """Every budget line, with ``budget_year`` the year it counts for: its first year,
    or else the year of the letter that names it (a stored copy, see the model)."""
    return BudgetLine.objects.all()


def _filtered(filters: BudgetFilters):
    lines = budget_lines()
    if filters.instrument:
        lines = lines.filter(instrument=filters.instrument)
    if filters.year is not None:
        lines = lines.filter(budget_year=filters.year)
    if filters.mission is not None:
        lines = lines.filter(mission=filters.mission)
    return lines


def filtered_lines(filters: BudgetFilters):
    """Newest year first, then the newest letter: straight from the
    ``budget_newest_first`` index (migrations 0009 and 0017), which has these columns
    in this order."""
    return (
        _filtered(filters)
        .select_related("letter__dossier", "mission")
        .defer(*light("letter__"))
        .order_by(
            F("budget_year").desc(nulls_last=True),
            F("letter_date").desc(nulls_last=True),
            "letter_id",
            "start",
            "id",
        )
    )


@dataclass
class _Sum:
    count: int = 0
    total: Decimal = Decimal(0)

    def add(self, count: int, total: Decimal | None) -> None:
        self.count += count
        self.total += total or Decimal(0)


def budget_page(filters: BudgetFilters, *, page: str | None) -> BudgetPage:
    """The facets and totals come from one aggregate: number and sum of the budget lines
    per (budget, year, mission), a few thousand rows read from the ``budget_totals``
    index. Each facet adds up the rows that pass every filter but its own."""
    cells = (
        BudgetLine.objects.values_list("instrument", "budget_year", "mission_id")
        .annotate(count=Count("*"), total=Sum("amount"))
        .order_by()
    )
    mission_id = filters.mission.pk if filters.mission is not None else None
    by_instrument: dict[str, _Sum] = defaultdict(_Sum)
    by_year: dict[int, _Sum] = defaultdict(_Sum)
    by_mission: dict[int, _Sum] = defaultdict(_Sum)
    for instrument, year, mission, count, total in cells:
        instrument_ok = not filters.instrument or instrument == filters.instrument
        year_ok = filters.year is None or year == filters.year
        mission_ok = mission_id is None or mission == mission_id
        if year_ok and mission_ok:
            by_instrument[instrument].add(count, total)
        if instrument_ok and mission_ok and year is not None:
            by_year[year].add(count, total)
        if instrument_ok and year_ok and mission is not None:
            by_mission[mission].add(count, total)

    instrument_labels = dict(Instrument.choices)
    instruments = [
        Total(str(value), instrument_labels.get(value, value), s.count, s.total)
        for value, s in sorted(by_instrument.items())
    ]
    years = [Total(str(year), str(year), s.count, s.total) for year, s in sorted(by_year.items())]
    missions = [
        Total(slug, short_name or name, by_mission[pk].count, by_mission[pk].total)
        for pk, slug, short_name, name in Mission.objects.filter(pk__in=list(by_mission))
        .order_by("short_name", "name")
        .values_list("pk", "slug", "short_name", "name")
    ]
    # Totals under every filter are the facet rows restricted to the chosen value.
    per_instrument = [
        t for t in instruments if not filters.instrument or t.value == filters.instrument
    ]
    per_year = [t for t in years if filters.year is None or t.value == str(filters.year)]
    paginator = Paginator(filtered_lines(filters), PER_PAGE)
    paginator.count = sum(t.count for t in per_instrument)  # no COUNT(*) of its own
    return BudgetPage(
        lines=paginator.get_page(page),
        instruments=instruments,
        years=years,
        missions=missions,
        totals_per_instrument=per_instrument,
        totals_per_year=per_year,
    )


def mission_by_slug(slug: str) -> Mission | None:
    # Only a well-formed slug can name a mission; anything else (NUL bytes, say)
    # is not sent to the database at all.
    if not SLUG_RE.fullmatch(slug or ""):
        return None
    return Mission.objects.filter(slug=slug).first()
