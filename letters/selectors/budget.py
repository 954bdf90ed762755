"""Reads for the budget page: budget lines filtered by instrument, year and mission,
facet counts, totals per instrument and per year, and the rows for the CSV."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce

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
    """Every budget line with the year it counts for: its first year, or else the
    year of the letter that names it."""
    return BudgetLine.objects.annotate(budget_year=Coalesce("year_from", "letter__year"))


def _filtered(filters: BudgetFilters, *, skip: str = ""):
    lines = budget_lines()
    if filters.instrument and skip != "instrument":
        lines = lines.filter(instrument=filters.instrument)
    if filters.year is not None and skip != "year":
        lines = lines.filter(budget_year=filters.year)
    if filters.mission is not None and skip != "mission":
        lines = lines.filter(mission=filters.mission)
    return lines


def _totals(rows, value_key: str, label) -> list[Total]:
    return [
        Total(
            value=str(row[value_key]),
            label=label(row),
            count=row["count"],
            total=row["total"] or Decimal(0),
        )
        for row in rows
    ]


def filtered_lines(filters: BudgetFilters):
    return (
        _filtered(filters)
        .select_related("letter__dossier", "mission")
        .defer(*light("letter__"))
        .order_by(
            F("budget_year").desc(nulls_last=True),
            F("letter__date").desc(nulls_last=True),
            "letter_id",
            "start",
            "id",
        )
    )


def budget_page(filters: BudgetFilters, *, page: str | None) -> BudgetPage:
    instrument_labels = dict(Instrument.choices)
    instruments = _totals(
        _filtered(filters, skip="instrument")
        .values("instrument")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by("instrument"),
        "instrument",
        lambda row: instrument_labels.get(row["instrument"], row["instrument"]),
    )
    years = _totals(
        _filtered(filters, skip="year")
        .exclude(budget_year__isnull=True)
        .values("budget_year")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by("budget_year"),
        "budget_year",
        lambda row: str(row["budget_year"]),
    )
    missions = _totals(
        _filtered(filters, skip="mission")
        .filter(mission__isnull=False)
        .values("mission__slug", "mission__short_name", "mission__name")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by("mission__short_name", "mission__name"),
        "mission__slug",
        lambda row: row["mission__short_name"] or row["mission__name"],
    )
    # Totals under every filter are the facet rows restricted to the chosen value.
    per_instrument = [
        t for t in instruments if not filters.instrument or t.value == filters.instrument
    ]
    per_year = [t for t in years if filters.year is None or t.value == str(filters.year)]
    return BudgetPage(
        lines=Paginator(filtered_lines(filters), PER_PAGE).get_page(page),
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
