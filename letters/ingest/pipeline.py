"""The entry point: raw letter text → ``Extraction`` (see ``docs/ingest.md``).

    clean_text → Segments (paragraphs and sentences, split once)
               → extract_metadata
               → find_citations (not the letter's own number)
               → find_amounts, find_missions, find_recommendations

Pure Python and deterministic: the admin review page extracts again on save.
"""

from __future__ import annotations

from collections.abc import Sequence

from letters.ingest.amounts import find_amounts
from letters.ingest.citations import find_citations
from letters.ingest.clean import clean_text
from letters.ingest.metadata import extract_metadata
from letters.ingest.missions import find_missions
from letters.ingest.recommendations import find_recommendations
from letters.ingest.segments import Segments
from letters.ingest.types import FOOTNOTE, CitationFound, Extraction, MissionNames


def extract(raw_text: str, missions: Sequence[MissionNames] = ()) -> Extraction:
    clean = clean_text(raw_text)
    doc = Segments.of(clean)
    metadata = extract_metadata(doc)
    citations, proceedings = find_citations(doc, metadata.key)
    return Extraction(
        clean=clean,
        metadata=metadata,
        citations=citations,
        proceedings=proceedings,
        amounts=find_amounts(doc),
        missions=find_missions(doc, missions),
        recommendations=find_recommendations(doc),
        segments=doc,
    )


def extraction_to_json(extraction: Extraction) -> dict:
    """The ``extract_letter --json`` shape (plain JSON types only)."""
    meta = extraction.metadata
    clean = extraction.clean
    key = meta.key or clean.own_key
    return {
        "identifier": key.key if key else None,
        "dossiers": list(meta.dossiers),
        "date": meta.date.isoformat() if meta.date else None,
        "year": meta.year,
        "vergaderjaar": meta.vergaderjaar or clean.vergaderjaar,
        "title": meta.title,
        "kind": meta.kind or None,
        "document_type": meta.document_type or None,
        "senders": list(meta.senders),
        "signatories": [{"name": s.name, "function": s.function} for s in meta.signatories],
        "citations": [_citation_json(c) for c in extraction.citations],
        "proceedings": [
            {
                "key": p.key,
                "chamber": p.chamber,
                "vergaderjaar": p.vergaderjaar,
                "number": p.number,
                "item": p.item,
                "text": p.text,
                "start": p.start,
                "end": p.end,
            }
            for p in extraction.proceedings
        ],
        "amounts": [
            {
                "euro": format(a.euro, "f"),
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "qualifiers": list(a.qualifiers),
            }
            for a in extraction.amounts
        ],
        "missions": [
            {
                "name": m.name,
                "slug": m.slug,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "decision": m.decision,
            }
            for m in extraction.missions
        ],
        "recommendations": [
            {"number": r.number, "text": r.text} for r in extraction.recommendations
        ],
        "paragraphs": sum(1 for b in clean.blocks if b.kind != FOOTNOTE),
        "footnotes": sum(1 for b in clean.blocks if b.kind == FOOTNOTE),
    }


def _citation_json(citation: CitationFound) -> dict:
    return {
        "key": citation.key.key,
        "dossier": citation.key.dossier,
        "number": str(citation.key.number),
        "other_dossiers": list(citation.other_dossiers),
        "text": citation.text,
        "start": citation.start,
        "end": citation.end,
    }
