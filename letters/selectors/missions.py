"""Reads for the missions list (with facets) and a mission's page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Sum

from letters.models import BudgetLine, Letter, LetterMission, Mission, Organisation
from letters.selectors.letters import light

ACTIVE = "actief"
ENDED = "beeindigd"
STATUS_LABELS = {ACTIVE: "Lopend", ENDED: "Beëindigd"}


def mission_status(mission: Mission) -> str:
    return ACTIVE if mission.is_active else ENDED


@dataclass
class MissionFacets:
    organisation: list[tuple[str, str, int]]  # (value, label, count)
    region: list[tuple[str, str, int]]
    status: list[tuple[str, str, int]]


@dataclass
class MissionList:
    missions: list[Mission]
    facets: MissionFacets
    region: str | None  # the region filter applied: None when none was asked or it is unknown


def all_missions() -> list[Mission]:
    """Every mission with the number of letters about it; there are tens, not thousands,
    so facets are counted in Python from this one query."""
    return list(
        Mission.objects.annotate(
            letter_count=Count("letter_links__letter", distinct=True)
        ).order_by("short_name", "name")
    )


def mission_list(
    *, organisation: str | None, region: str | None, status: str | None
) -> MissionList:
    """Filter on already validated ``organisation`` and ``status``; ``region`` is checked
    here against the regions missions have."""
    missions = all_missions()
    if region not in {m.region for m in missions if m.region}:
        region = None

    def matches(mission: Mission, skip: str = "") -> bool:
        return (
            (skip == "organisation" or not organisation or mission.organisation == organisation)
            and (skip == "region" or not region or mission.region == region)
            and (skip == "status" or not status or mission_status(mission) == status)
        )

    organisations = Counter(m.organisation for m in missions if matches(m, "organisation"))
    regions = Counter(m.region for m in missions if m.region and matches(m, "region"))
    statuses = Counter(mission_status(m) for m in missions if matches(m, "status"))
    facets = MissionFacets(
        organisation=[
            (value, label, organisations[value])
            for value, label in Organisation.choices
            if organisations[value] or value == organisation
        ],
        region=[(value, value, regions[value]) for value in sorted(regions)],
        status=[(value, label, statuses[value]) for value, label in STATUS_LABELS.items()],
    )
    return MissionList(
        missions=[m for m in missions if matches(m)],
        facets=facets,
        region=region,
    )


@dataclass
class TimelineEntry:
    letter: object
    mentions: list[LetterMission] = field(default_factory=list)

    @property
    def decisions(self) -> list[LetterMission]:
        return [m for m in self.mentions if m.decision]


TIMELINE_PAGE_SIZE = 50
BUDGET_LINES_SHOWN = 50
# Oldest letter first; ``letter_date`` is the line's copy of its letter's date.
BUDGET_LINE_ORDER = (F("letter_date").asc(nulls_last=True), "letter_id", "start", "id")


def first_budget_line_ids(mission: Mission):
    """The ids of the mission's first ``BUDGET_LINES_SHOWN`` budget lines, from the
    ``budget_mission_order`` index alone: only those lines are then joined to their
    letters (SQLite sorted the busiest mission's 5 000 lines joined to their letters:
    58 → 1.4 ms at 100 000 letters)."""
    lines = BudgetLine.objects.filter(mission=mission).order_by(*BUDGET_LINE_ORDER)
    return lines.values("id")[:BUDGET_LINES_SHOWN]


@dataclass
class MissionPage:
    mission: Mission
    timeline: list[TimelineEntry]
    timeline_page: Page
    budget_lines: list[BudgetLine]  # the first BUDGET_LINES_SHOWN
    budget_line_count: int
    budget_total: Decimal


def mission_page(slug: str, *, page_number: int | None = None) -> MissionPage | None:
    """A mission with one page of its timeline (letters in date order): a mission can
    have thousands of letters, so the page size, not the archive, bounds the work."""
    mission = Mission.objects.filter(slug=slug).prefetch_related("aliases").first()
    if mission is None:
        return None
    links = LetterMission.objects.filter(mission=mission)
    letters = (
        Letter.objects.filter(Exists(links.filter(letter=OuterRef("pk"))))
        .order_by(F("date").asc(nulls_last=True), "id")
        .values_list("id", flat=True)
    )
    paginator = Paginator(letters, TIMELINE_PAGE_SIZE)
    # Counted from the (mission, letter) index alone, without joining thousands of letters.
    paginator.count = links.values("letter_id").distinct().count()
    timeline_page = paginator.get_page(page_number)
    page_ids = list(timeline_page.object_list)
    page_links = (
        LetterMission.objects.filter(mission=mission, letter_id__in=page_ids)
        .select_related("letter__dossier")
        .defer(*light("letter__"))
        .order_by("letter_id", "start", "id")
    )
    by_letter: dict[int, TimelineEntry] = {}
    for link in page_links:
        entry = by_letter.get(link.letter_id)
        if entry is None:
            entry = by_letter[link.letter_id] = TimelineEntry(link.letter)
        entry.mentions.append(link)
    budget = BudgetLine.objects.filter(mission=mission)
    totals = budget.aggregate(total=Sum("amount"), count=Count("id"))
    budget_lines = list(
        BudgetLine.objects.filter(id__in=first_budget_line_ids(mission))
        .select_related("letter__dossier")
        .defer(*light("letter__"))
        .order_by(*BUDGET_LINE_ORDER)
    )
    return MissionPage(
        mission=mission,
        timeline=[by_letter[pk] for pk in page_ids if pk in by_letter],
        timeline_page=timeline_page,
        budget_lines=budget_lines,
        budget_line_count=totals["count"],
        budget_total=totals["total"] or Decimal(0),
    )
