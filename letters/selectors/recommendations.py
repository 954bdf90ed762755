"""Reads for the recommendations page: recommendations grouped by report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count

from letters.models import Recommendation, Report, Response
from letters.selectors.letters import light

NO_RESPONSE = "geen"
RESPONSE_LABELS = {**dict(Response.choices), NO_RESPONSE: "Nog geen reactie"}


@dataclass
class ReportGroup:
    report: Report
    recommendations: list[Recommendation] = field(default_factory=list)


@dataclass
class RecommendationsPage:
    groups: list[ReportGroup]
    responses: list[tuple[str, str, int]]  # (value, label, count) for the filter


def _natural(number: str) -> tuple:
    """ "2" before "10", "3a" after "3"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", number))


def recommendations_page(*, response: str | None) -> RecommendationsPage:
    counts = {
        row["response"] or NO_RESPONSE: row["n"]
        for row in Recommendation.objects.values("response").annotate(n=Count("id"))
    }
    rows = (
        Recommendation.objects.select_related("report", "letter__dossier")
        .defer(*light("letter__"))
        .prefetch_related("missions")
    )
    if response == NO_RESPONSE:
        rows = rows.filter(response="")
    elif response:
        rows = rows.filter(response=response)

    groups: dict[int, ReportGroup] = {}
    for recommendation in rows:
        group = groups.setdefault(recommendation.report_id, ReportGroup(recommendation.report))
        group.recommendations.append(recommendation)
    for group in groups.values():
        group.recommendations.sort(key=lambda r: _natural(r.number))
    ordered = sorted(groups.values(), key=lambda g: (-(g.report.year or 0), g.report.title.lower()))
    return RecommendationsPage(
        groups=ordered,
        responses=[
            (value, label, counts.get(value, 0)) for value, label in RESPONSE_LABELS.items()
        ],
    )
