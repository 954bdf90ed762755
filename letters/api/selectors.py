"""Reads for the API and the downloads, built on the pages' selectors so both show the
same letters in the same order. Each function returns querysets whose evaluation
costs a fixed number of queries per page (select_related / prefetch_related)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch
from django.db.models.functions import Length

from letters.api.filters import LetterQuery
from letters.models import Dossier, Letter, LetterMission, Recommendation, Signatory
from letters.selectors.letters import citations_of, light
from letters.selectors.recommendations import NO_RESPONSE
from letters.selectors.search import choose_sort, ordered_letters, page_ids, with_display_data

# -- letters -------------------------------------------------------------------------


def _sort(query: LetterQuery) -> str:
    return choose_sort(query.sort, query.filterset.parsed_query.has_positive_terms, [])


def _list_data(queryset):
    return with_display_data(queryset).prefetch_related("ministries").defer("body", "structure")


def letters(query: LetterQuery):
    """The letters /brieven/ shows for the same parameters, in the same order, with
    what a list item needs. Unknown sort values fall back as on the page."""
    filterset = query.filterset
    return _list_data(ordered_letters(filterset.qs, filterset, _sort(query)))


class LetterRows:
    """``letters(query)`` as ``paginate`` reads it: an exact count, and a page whose
    ids come the way /brieven/ reads its pages (``page_ids``), so that the first
    pages of a common word do not order every match."""

    def __init__(self, query: LetterQuery):
        self.filterset = query.filterset
        self.sort = _sort(query)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.filterset.qs.order_by().count()
        return self._count

    def __getitem__(self, bounds: slice) -> list[Letter]:
        limit = min(bounds.stop, self.count()) - bounds.start
        if limit <= 0:
            return []
        ids = page_ids(self.filterset, self.sort, offset=bounds.start, limit=limit)
        by_id = {letter.pk: letter for letter in _list_data(Letter.objects.filter(pk__in=ids))}
        return [by_id[pk] for pk in ids if pk in by_id]


def letter_by_slug(slug: str) -> Letter | None:
    return (
        Letter.objects.filter(slug=slug)
        .select_related("dossier")
        .defer("original_text", "search_vector")
        .prefetch_related(
            "other_dossiers",
            "ministries",
            Prefetch("mission_links", queryset=LetterMission.objects.select_related("mission")),
            Prefetch("signatures", queryset=Signatory.objects.select_related("person", "ministry")),
        )
        .first()
    )


def letter_for_key(dossier: str, number: int) -> Letter | None:
    return (
        Letter.objects.filter(dossier__number=dossier, number=number)
        .select_related("dossier")
        .defer(*light())
        .first()
    )


def cited_by(key, letter: Letter | None):
    """Citations of a letter (or of its Kamerstuk number), newest citing letter first."""
    return (
        citations_of(key, letter)
        .select_related("letter__dossier")
        .defer(*light("letter__"))
        .order_by(F("letter__date").desc(nulls_last=True), "-letter_id", "start", "id")
    )


@dataclass
class LetterRelated:
    citations: list
    cited_by: list
    mission_links: list
    budget_lines: list
    recommendations: list


def letter_related(letter: Letter) -> LetterRelated:
    return LetterRelated(
        citations=list(
            letter.citations.select_related("target__dossier")
            .defer(*light("target__"))
            .order_by("start", "id")
        ),
        cited_by=list(cited_by(letter.kamerstuk_key, letter)),
        mission_links=sorted(
            letter.mission_links.all(),
            key=lambda link: (link.start is None, link.start or 0, link.pk),
        ),
        budget_lines=list(letter.budget_lines.select_related("mission").order_by("start", "id")),
        recommendations=list(
            letter.recommendations.select_related("report")
            .prefetch_related("missions")
            .order_by("report__title", Length("number"), "number", "id")
        ),
    )


# -- budget lines ----------------------------------------------------------------------------


def with_budget_display(lines):
    return lines.select_related("letter__dossier", "mission")


# -- recommendations ---------------------------------------------------------------------------


def recommendations(response: str | None):
    """The recommendations /aanbevelingen/ shows for ``reactie``: newest report first,
    then by number ("2" before "10")."""
    rows = Recommendation.objects.select_related("report", "letter__dossier").defer(
        *light("letter__")
    )
    if response == NO_RESPONSE:
        rows = rows.filter(response="")
    elif response:
        rows = rows.filter(response=response)
    return rows.prefetch_related("missions").order_by(
        F("report__year").desc(nulls_last=True),
        "report__title",
        "report_id",
        Length("number"),
        "number",
        "id",
    )


# -- dossiers ----------------------------------------------------------------------------------


def dossiers():
    return Dossier.objects.order_by("number")


def dossier_letter_counts(dossier_ids: list[int]) -> dict[int, int]:
    """Letters per dossier, as main dossier or as one of the others (counted once),
    for one page of dossiers: two aggregate queries."""
    counts = dict.fromkeys(dossier_ids, 0)
    main = (
        Letter.objects.filter(dossier_id__in=dossier_ids)
        .order_by()
        .values("dossier_id")
        .annotate(n=Count("id"))
    )
    also = (
        Letter.other_dossiers.through.objects.filter(dossier_id__in=dossier_ids)
        .exclude(letter__dossier_id=F("dossier_id"))
        .order_by()
        .values("dossier_id")
        .annotate(n=Count("letter_id", distinct=True))
    )
    for row in [*main, *also]:
        counts[row["dossier_id"]] += row["n"]
    return counts
