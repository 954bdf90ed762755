"""Reading the citations of stored letters again, after the citation rules improved
(``manage.py reanalyse_citations``; see docs/ingest.md)."""

from __future__ import annotations

from dataclasses import dataclass

from letters.ingest.citations import find_citations
from letters.ingest.types import Block, CleanText, Extraction, Metadata
from letters.models import Letter
from letters.services.extraction import Selection, citations_of
from letters.services.write import replace_citations


@dataclass(frozen=True)
class CitationChanges:
    letter: Letter
    removed: list[str]
    added: list[str]


def reanalyse_citations(*, letter: Letter, dry_run: bool = False) -> CitationChanges:
    """Read a stored letter's citations again from its stored text with today's rules,
    and replace them when they differ ("Kamerstukken 33 694 en 26 643, nr. 47" is one
    citation, kst-33694-47, no longer two). Offsets stay those of the stored body.
    Citations an editor unticked at review come back: the changes say what to check."""
    key = letter.kamerstuk_key
    clean = CleanText(
        text=letter.body,
        blocks=[Block(**block) for block in (letter.structure or {}).get("blocks", [])],
        own_key=key,
    )
    citations, proceedings = find_citations(clean, key)
    before = {(c.key, c.start) for c in letter.citations.all()}
    after = {(c.key.key, c.start) for c in citations} | {(p.key, p.start) for p in proceedings}
    changes = CitationChanges(
        letter,
        removed=sorted(k for k, _ in before - after),
        added=sorted(k for k, _ in after - before),
    )
    if not dry_run and before != after:
        extraction = Extraction(clean, Metadata(), citations, proceedings, [], [], [])
        replace_citations(letter=letter, citations=citations_of(extraction, Selection()))
    return changes
