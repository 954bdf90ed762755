"""Budget lines with facets, totals, a server-drawn chart and a CSV download."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from letters.api.downloads import budget_csv
from letters.charts import bar_chart
from letters.formatting import format_euro
from letters.models import Instrument
from letters.selectors.budget import BudgetFilters, budget_page, filtered_lines, mission_by_slug
from letters.views.params import choices, ignored_notice, int_param

INSTRUMENT, YEAR, MISSION = "instrument", "jaar", "missie"


def _filters(request: HttpRequest) -> tuple[BudgetFilters, list[str]]:
    notices = []
    instrument = request.GET.get(INSTRUMENT, "").strip()
    if instrument and instrument not in Instrument.values:
        notices.append(ignored_notice("budget", instrument))
        instrument = ""
    raw_year = request.GET.get(YEAR, "").strip()
    year = int_param(request, YEAR, minimum=1800, maximum=2200)
    if raw_year and year is None:
        notices.append(ignored_notice("jaar", raw_year))
    slug = request.GET.get(MISSION, "").strip()
    mission = mission_by_slug(slug) if slug else None
    if slug and mission is None:
        notices.append(ignored_notice("missie", slug))
    return BudgetFilters(instrument=instrument or None, year=year, mission=mission), notices


def budget(request: HttpRequest) -> HttpResponse:
    filters, notices = _filters(request)
    if request.GET.get("format") == "csv":
        return _csv(request, filters)
    page = budget_page(filters, page=request.GET.get("page"))
    chart = bar_chart(
        chart_id="grafiek-per-jaar",
        title="Totaal per jaar",
        bars=[(t.label, t.total) for t in page.totals_per_year],
        format_value=format_euro,
    )
    facets = [
        (
            "Budget",
            choices(
                request,
                INSTRUMENT,
                [(t.value, t.label, t.count) for t in page.instruments],
                filters.instrument,
                Instrument(filters.instrument).label if filters.instrument else "",
            ),
        ),
        (
            "Jaar",
            choices(
                request,
                YEAR,
                [(t.value, t.label, t.count) for t in page.years],
                str(filters.year) if filters.year else None,
            ),
        ),
        (
            "Missie",
            choices(
                request,
                MISSION,
                [(t.value, t.label, t.count) for t in page.missions],
                filters.mission.slug if filters.mission else None,
                str(filters.mission) if filters.mission else "",
            ),
        ),
    ]
    csv_query = request.GET.copy()
    csv_query.pop("page", None)
    csv_query["format"] = "csv"
    return render(
        request,
        "letters/budget.html",
        {
            "page": page,
            "filters": filters,
            "facets": facets,
            "notices": notices,
            "chart": chart,
            "csv_url": "?" + csv_query.urlencode(),
            "filtered": bool(filters.instrument or filters.year or filters.mission),
        },
    )


def _csv(request: HttpRequest, filters: BudgetFilters) -> StreamingHttpResponse:
    # The list pages' writer and columns: one CSV writer for every download.
    return budget_csv(request, filtered_lines(filters))
