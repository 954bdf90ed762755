"""An ``OfficialPublication`` → the ingest ``Extraction`` the write path takes.

Our own extractor runs over the publication's text exactly as over a pasted letter
(citations, Handelingen, amounts, missions, recommendations). Where the publication
*states* something — number, dossiers, date, vergaderjaar, title, signatories and
their ministries, kind — that statement replaces what the text suggests. The
publisher's links are kept beside our citations, not mixed in, together with their
comparison (``links.compare_citations``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from letters.ingest.amounts import find_amounts
from letters.ingest.citations import find_citations
from letters.ingest.metadata import extract_metadata
from letters.ingest.missions import find_missions
from letters.ingest.recommendations import find_recommendations
from letters.ingest.types import CleanText, Extraction, Metadata, MissionNames
from letters.official.kinds import LETTER_KIND
from letters.official.links import CitationComparison, compare_citations
from letters.official.types import OfficialPublication, PublisherLink


@dataclass(frozen=True)
class OfficialExtraction:
    publication: OfficialPublication
    extraction: Extraction  # what the write path stores, like a text import
    given_citations: tuple[PublisherLink, ...]  # the publisher's links
    comparison: CitationComparison  # publisher's links against ``extraction``'s citations


def official_extraction(
    publication: OfficialPublication, missions: Sequence[MissionNames] = ()
) -> OfficialExtraction:
    clean = publication.clean
    suggested = extract_metadata(_without_salutation(clean))
    citations, proceedings = find_citations(clean, publication.key)
    extraction = Extraction(
        clean=clean,
        metadata=_stated(publication, suggested),
        citations=citations,
        proceedings=proceedings,
        amounts=find_amounts(clean),
        missions=find_missions(clean, missions),
        recommendations=find_recommendations(clean),
    )
    comparison = compare_citations(
        publication.links, [*citations, *proceedings], own_key=publication.key
    )
    return OfficialExtraction(publication, extraction, publication.links, comparison)


def _stated(publication: OfficialPublication, suggested: Metadata) -> Metadata:
    """The publication's statements; the text's suggestion only where it states nothing
    (a title when there is no metadata, the kind of letter — "kabinetsreactie" —
    which the publication never states)."""
    dates = publication.dates
    letter_date = dates.letter
    return Metadata(
        key=publication.key,
        other_dossiers=list(publication.other_dossiers),
        date=letter_date,
        date_text=suggested.date_text if dates.source == "tekst" else "",
        year=letter_date.year if letter_date else None,
        vergaderjaar=publication.vergaderjaar or suggested.vergaderjaar,
        title=publication.title or suggested.title or _sentence_case(publication.stuk_title),
        kind=LETTER_KIND.get(publication.kind, suggested.kind),
        signatories=list(publication.signatories) or suggested.signatories,
        ministries=list(publication.ministries) or suggested.ministries,
    )


def _without_salutation(clean: CleanText) -> CleanText:
    """The text as the suggestions should read it: an official letter opens with "Aan de
    Voorzitter van de Tweede Kamer der Staten-Generaal", a line the PDF text of a letter
    lacks; left in, it would be taken for the first sentence of the letter (a title)
    and push the letter's description of itself out of the opening paragraphs."""
    blocks = [
        block
        for index, block in enumerate(clean.blocks)
        if not (
            index < 3
            and clean.text.startswith("Aan de ", block.start)
            and block.end - block.start < 120
        )
    ]
    return replace(clean, blocks=blocks)


def _sentence_case(heading: str) -> str:
    """ "BRIEF VAN DE MINISTER VAN DEFENSIE" → "Brief van de minister van defensie"
    (only used when neither the metadata nor the text gives a title)."""
    return heading[:1].upper() + heading[1:].lower() if heading.isupper() else heading
