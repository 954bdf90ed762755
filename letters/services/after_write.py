"""The one step after every write of letters, whoever wrote them.

``after_write(letter_ids=...)`` keeps the invariants that span rows:

1. the copies of each letter's date and year on its citations and budget lines
   (``Citation.letter_date``/``letter_year``, ``BudgetLine.letter_date``/
   ``budget_year``: the "Geciteerd door" lists and the budget page count and order
   from indexes over them without visiting a letter row), and the other dossiers a
   joint reference names beside its Kamerstuk (``Citation.other_dossiers``, read
   from the citation's text);
2. citations point at the letter they name, both ways: citations that point at one
   of these letters under a number it no longer has are released; these letters'
   waiting citations, and every citation of these letters' numbers, point at the
   letter with that number when the archive has it;
3. the search index (``letters.search.update_index``);
4. the archive generation (``letters.page_cache.archive_changed``), at commit.

Everything runs in the caller's transaction (or one of its own), so a letter and
its index entry commit or roll back together. Each step writes only rows that are
not already right: a rewritten row costs PostgreSQL the index-only scans of its
page until the next VACUUM.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db import router, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from letters.models import BudgetLine, Citation, CitationKind, Letter
from letters.page_cache import archive_changed

CHUNK_SIZE = 500  # letters per statement: bounds the parameters SQLite takes


def after_write(*, letter_ids: Iterable[int]) -> None:
    """Run after writing these letters (new, changed or with changed related rows)."""
    from letters import search  # looked up at call time: tests replace it

    ids = sorted({int(pk) for pk in letter_ids if pk is not None})
    db = _db()
    with transaction.atomic(using=db):
        for chunk in _chunks(ids):
            copy_letter_fields(chunk)
            _other_dossiers(chunk)
            _release_citations(chunk)
            resolve_citations(letter_ids=chunk)
        search.update_index(ids)
        archive_changed()


def copy_letter_fields(letter_ids: list[int]) -> int:
    """Bring the copies of these letters' date and year on their citations and
    budget lines up to date; returns how many rows were written."""
    db = _db()
    letter = Letter.objects.using(db).filter(pk=OuterRef("letter_id"))
    letter_date = Subquery(letter.values("date")[:1])
    letter_year = Subquery(letter.values("year")[:1])
    written = (
        Citation.objects.using(db)
        .filter(letter_id__in=letter_ids)
        .filter(_differs("letter_date", "letter__date") | _differs("letter_year", "letter__year"))
        .update(letter_date=letter_date, letter_year=letter_year)
    )
    # The year an amount counts for: its own first year, or else its letter's year.
    stale_year = (Q(year_from__isnull=False) & _differs("budget_year", "year_from")) | (
        Q(year_from__isnull=True) & _differs("budget_year", "letter__year")
    )
    written += (
        BudgetLine.objects.using(db)
        .filter(letter_id__in=letter_ids)
        .filter(stale_year | _differs("letter_date", "letter__date"))
        .update(letter_date=letter_date, budget_year=Coalesce("year_from", letter_year))
    )
    return written


def _other_dossiers(letter_ids: list[int]) -> int:
    """Set ``Citation.other_dossiers`` from the text of these letters' citations
    ("Kamerstukken 33 694 en 26 643, nr. 47" names 26643 beside kst-33694-47)."""
    from letters.ingest.citations import other_dossiers_in

    db = _db()
    changed = []
    rows = Citation.objects.using(db).filter(
        letter_id__in=letter_ids, kind=CitationKind.KAMERSTUK
    )
    # A reference names several dossiers as "33 694 en 26 643" ("…, … en …", "… & …").
    rows = rows.filter(Q(text__contains=" en ") | Q(text__contains="&")).only(
        "id", "text", "other_dossiers"
    )
    for citation in rows:
        others = list(other_dossiers_in(citation.text))
        if others != citation.other_dossiers:
            citation.other_dossiers = others
            changed.append(citation)
    Citation.objects.using(db).bulk_update(changed, ["other_dossiers"], batch_size=500)
    return len(changed)


def citation_copies(letter_date: date | None, letter_year: int | None) -> dict:
    """The copied fields of a new citation of a letter with this date and year (the
    write path sets them on insert, so ``copy_letter_fields`` finds nothing to do)."""
    return {"letter_date": letter_date, "letter_year": letter_year}


def budget_line_copies(letter_date: date | None, letter_year: int | None, year_from: int | None) -> dict:
    """The copied fields of a new budget line (see ``citation_copies``)."""
    return {
        "letter_date": letter_date,
        "budget_year": year_from if year_from is not None else letter_year,
    }


def resolve_citations(*, letter_ids: list[int] | None = None) -> int:
    """Point Kamerstuk citations at the archived letter with their number: the
    waiting citations of these letters and every citation of these letters'
    numbers; with ``letter_ids=None`` every waiting citation in the archive.
    A letter's citation of its own number stays unresolved. Returns how many."""
    db = _db()
    citations = Citation.objects.using(db).filter(kind=CitationKind.KAMERSTUK)
    if letter_ids is None:
        citations = citations.filter(target__isnull=True)
    else:
        keys = [
            f"{dossier}-{number}"
            for dossier, number in Letter.objects.using(db)
            .filter(pk__in=letter_ids, number__isnull=False)
            .values_list("dossier__number", "number")
        ]
        citations = citations.filter(
            Q(letter_id__in=letter_ids, target__isnull=True) | Q(key__in=keys)
        )
    target = (
        Letter.objects.using(db)
        .filter(dossier__number=OuterRef("dossier"), number=OuterRef("number"))
        .exclude(pk=OuterRef("letter_id"))
        .values("pk")[:1]
    )
    return (
        citations.filter(Exists(target))
        .exclude(target=Subquery(target))
        .update(target=Subquery(target))
    )


def _release_citations(letter_ids: list[int]) -> int:
    """Citations pointing at one of these letters under another number (the letter
    was renumbered, or has no number) wait again."""
    db = _db()
    same_number = Letter.objects.using(db).filter(
        pk=OuterRef("target_id"), number=OuterRef("number"), dossier__number=OuterRef("dossier")
    )
    return (
        Citation.objects.using(db)
        .filter(target_id__in=letter_ids)
        .exclude(Exists(same_number))
        .update(target=None)
    )


def _differs(copy: str, source: str) -> Q:
    """``copy`` is not equal to ``source``, where two NULLs are equal (SQL's
    ``IS DISTINCT FROM``, which both databases spell differently)."""
    return ~Q(**{copy: F(source)}) & ~Q(**{f"{copy}__isnull": True, f"{source}__isnull": True})


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK_SIZE):
        yield ids[start : start + CHUNK_SIZE]


def _db() -> str:
    # Reads as well as writes on the primary: a replica may not have these rows yet.
    return router.db_for_write(Letter)
