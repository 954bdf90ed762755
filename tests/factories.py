"""Small factory functions shared by the tests (no extra dependency needed)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from letters.models import (
    BudgetLine,
    Citation,
    Dossier,
    Letter,
    LetterMission,
    Ministry,
    Mission,
    Person,
    Recommendation,
    Report,
    Signatory,
)

SEEDS_DIR = Path(settings.BASE_DIR) / "fixtures" / "seeds"
_counter = itertools.count(1)


def make_dossier(number: str = "33694", title: str = "") -> Dossier:
    dossier, _ = Dossier.objects.get_or_create(number=number, defaults={"title": title})
    return dossier


def make_letter(
    *,
    dossier: str | None = "33694",
    number: int | None = None,
    title: str | None = None,
    body: str = "Dit is de tekst van een brief over internationale veiligheid.",
    letter_date: date | None = date(2018, 3, 28),
    index: bool = True,
    **fields,
) -> Letter:
    n = next(_counter)
    letter = Letter.objects.create(
        dossier=make_dossier(dossier) if dossier else None,
        number=number if number is not None else (1000 + n if dossier else None),
        title=title or f"Testbrief {n}",
        slug=fields.pop("slug", f"testbrief-{n}"),
        body=body,
        date=letter_date,
        **fields,
    )
    if index:
        from letters.search import update_index

        update_index([letter.pk])
    return letter


def make_mission(slug: str = "minusma", **fields) -> Mission:
    return Mission.objects.get(slug=slug) if Mission.objects.filter(slug=slug).exists() else (
        Mission.objects.create(
            slug=slug,
            name=fields.pop("name", slug.upper()),
            organisation=fields.pop("organisation", "VN"),
            **fields,
        )
    )


def written(row):
    """``row``, saved straight through the ORM, after the write path's after-write
    step for its letter (copied dates, resolved citations, index): the state the
    admin leaves when an editor adds the row."""
    from letters.services import after_write

    after_write(letter_ids=[row.letter_id])
    row.refresh_from_db()
    return row


def save_letter(letter: Letter) -> Letter:
    """Save a changed letter as the admin does: the save, then the write path's
    after-write step (the copies of its date on its citations and amounts...)."""
    from letters.services import after_write

    letter.save()
    after_write(letter_ids=[letter.pk])
    return letter


def link_mission(letter: Letter, mission: Mission, decision: str = "", text: str = "") -> LetterMission:
    return LetterMission.objects.create(
        letter=letter, mission=mission, decision=decision, text=text or f"Over {mission}."
    )


def make_citation(letter: Letter, dossier: str, number: int, *, start: int = 0) -> Citation:
    return written(
        Citation.objects.create(
            letter=letter,
            key=f"{dossier}-{number}",
            dossier=dossier,
            number=number,
            text=f"Kamerstuk {dossier}, nr. {number}",
            start=start,
            end=start + 10,
        )
    )


def make_signatory(letter: Letter, name: str, function: str, ministry_slug: str = "") -> Signatory:
    person, _ = Person.objects.get_or_create(name=name)
    ministry = Ministry.objects.filter(slug=ministry_slug).first() if ministry_slug else None
    return Signatory.objects.create(letter=letter, person=person, function=function, ministry=ministry)


def make_budget_line(letter: Letter, amount: str = "30000000", **fields) -> BudgetLine:
    return written(BudgetLine.objects.create(letter=letter, amount=Decimal(amount), **fields))


def make_recommendation(letter: Letter | None = None, number: str = "1", **fields) -> Recommendation:
    report = fields.pop("report", None) or Report.objects.get_or_create(
        slug="testrapport", defaults={"title": "Testrapport", "author": "WRR"}
    )[0]
    return Recommendation.objects.create(
        report=report, number=number, text=fields.pop("text", "Doe iets."), letter=letter, **fields
    )


def import_seed_letters() -> list[Letter]:
    from letters.services import import_letter_file

    return [import_letter_file(path).letter for path in sorted(SEEDS_DIR.glob("*.txt"))]


def stale_letter_copies() -> list[str]:
    """Citations and budget lines whose copies of their letter's date and year
    (``Citation.letter_date``, ``BudgetLine.budget_year``...) differ from the letter."""
    stale = []
    for citation in Citation.objects.select_related("letter"):
        letter = citation.letter
        if (citation.letter_date, citation.letter_year) != (letter.date, letter.year):
            stale.append(f"citation {citation.pk}")
    for line in BudgetLine.objects.select_related("letter"):
        year = line.year_from if line.year_from is not None else line.letter.year
        if (line.letter_date, line.budget_year) != (line.letter.date, year):
            stale.append(f"budget line {line.pk}")
    return stale
