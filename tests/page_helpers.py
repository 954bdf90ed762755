"""Helpers for the public-page tests: citations placed at real text positions."""

from __future__ import annotations

from letters.models import Citation, CitationKind, Letter
from tests.factories import written


def cite(
    letter: Letter,
    text: str,
    dossier: str,
    number: int,
    *,
    context: str = "",
    in_footnote: bool = False,
) -> Citation:
    """A Kamerstuk citation where ``text`` stands in the letter's body."""
    start = letter.body.index(text)
    return written(
        Citation.objects.create(
            letter=letter,
            kind=CitationKind.KAMERSTUK,
            key=f"{dossier}-{number}",
            dossier=dossier,
            number=number,
            text=text,
            start=start,
            end=start + len(text),
            in_footnote=in_footnote,
            context=context or f"De zin met {text}.",
        )
    )


def cite_handelingen(letter: Letter, text: str, key: str = "h-tk-20192020-23-4") -> Citation:
    start = letter.body.index(text)
    return written(
        Citation.objects.create(
            letter=letter,
            kind=CitationKind.HANDELINGEN,
            key=key,
            text=text,
            start=start,
            end=start + len(text),
            context=text,
        )
    )


def html(response) -> str:
    return response.content.decode()
