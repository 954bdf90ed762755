"""Recommendations a letter responds to. They belong to their report, not to the
letter: writing a letter links the report's recommendations to it (creating those
the archive does not have yet), and a re-import that no longer names one unlinks it."""

from __future__ import annotations

from collections.abc import Sequence

from simple_history.utils import bulk_create_with_history

from letters.models import Letter, Recommendation, Report
from letters.services.after_write import _db
from letters.services.graph import LetterGraph, RecommendationData
from letters.services.text import clean_instance, clean_text, unique_slug


def write_recommendations(
    graphs: Sequence[LetterGraph], letters: Sequence[Letter], *, detached_from: list[int]
) -> None:
    db = _db()
    if detached_from:
        Recommendation.objects.using(db).filter(letter_id__in=detached_from).update(letter=None)
    titles = {found.report for graph in graphs for found in graph.recommendations}
    reports = {title: _report_id(title) for title in titles}
    wanted: dict[tuple[int, str], tuple[RecommendationData, int]] = {}
    for graph, letter in zip(graphs, letters, strict=True):
        for found in graph.recommendations:
            wanted[(reports[found.report], found.number)] = (found, letter.pk)
    if wanted:
        _link(wanted)
    if detached_from:
        # What no letter responds to any more and has no response of its own goes,
        # unless its report still has recommendations with a letter.
        Recommendation.objects.using(db).filter(
            letter__isnull=True, response="", response_text=""
        ).exclude(report__recommendations__letter__isnull=False).delete()


def _link(wanted: dict[tuple[int, str], tuple[RecommendationData, int]]) -> None:
    existing = {
        (row.report_id, row.number): row
        for row in Recommendation.objects.using(_db()).filter(report_id__in={r for r, _ in wanted})
    }
    new = []
    for (report_id, number), (found, letter_id) in wanted.items():
        row = existing.get((report_id, number))
        if row is None:
            row = Recommendation(report_id=report_id, number=number, letter_id=letter_id)
            new.append(row)
        row.text, row.letter_id = found.text, letter_id
        row.response = found.response or row.response
        row.response_text = found.response_text or row.response_text
        clean_instance(row)
        if row.pk:
            row.save(using=_db())
    if new:
        bulk_create_with_history(new, Recommendation)


def _report_id(name: str) -> int:
    title = clean_text(name.strip())[:300] or "Onbekend rapport"
    report = Report.objects.using(_db()).filter(title__iexact=title).first()
    if report is None:
        report = Report.objects.using(_db()).create(
            title=title, slug=unique_slug(Report, title, fallback="rapport")[:110]
        )
    return report.pk
