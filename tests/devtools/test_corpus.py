"""The synthetic corpus: reproducible, realistic in shape, and stored in the same
state as the real save path would leave it."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from devtools.corpus import CorpusGenerator, MissionInfo, Vocabulary
from devtools.corpus.generator import MAX_SIZE, MIN_SIZE
from letters.ingest import types as ingest
from letters.kamerstuk import KamerstukKey
from letters.models import Citation, CitationKind, Letter, LetterMission
from letters.search import letter_paragraphs, search
from tests.factories import stale_letter_copies

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
MISSIONS = [
    MissionInfo("minusma", "MINUSMA", "MINUSMA", ("VN-missie in Mali",), 2013, 2023),
    MissionInfo("resolute-support", "Resolute Support Mission", "Resolute Support", ("RSM",), 2015, 2021),
    MissionInfo("unifil", "UNIFIL", "UNIFIL", (), 1978, None),
]


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.from_directory(
        SEEDS, forbidden=[s for m in MISSIONS for s in (m.name, *m.spellings())], seed=3
    )


def corpus(vocabulary, count=30, seed=3):
    return CorpusGenerator(count=count, seed=seed, vocabulary=vocabulary, missions=MISSIONS)


def test_same_seed_gives_the_same_letters(vocabulary):
    first = [corpus(vocabulary).letter(i) for i in range(30)]
    again = corpus(vocabulary)
    # Any order: letter i depends on the seed and i only.
    second = [again.letter(i) for i in reversed(range(30))][::-1]
    assert [(s.title, s.key, s.slug, s.body) for s in first] == [
        (s.title, s.key, s.slug, s.body) for s in second
    ]
    other = [corpus(vocabulary, seed=4).letter(i) for i in range(30)]
    assert [s.body for s in other] != [s.body for s in first]


def test_letters_look_like_kamerbrieven(vocabulary):
    specs = [corpus(vocabulary).letter(i) for i in range(30)]
    assert all(MIN_SIZE <= len(s.body) <= MAX_SIZE + 10_000 for s in specs)
    assert len({len(s.body) // 5_000 for s in specs}) > 3, "sizes spread like the seeds"
    assert all(date(1995, 1, 1) <= s.date <= date(2026, 12, 31) for s in specs)
    numbered = [s for s in specs if s.key]
    assert len(numbered) >= 25
    for spec in numbered:
        KamerstukKey.parse(spec.key)  # a valid Kamerstuk number
    assert all(s.signatories for s in specs)
    assert any(s.recommendations for s in specs) or any(s.kind != "kabinetsreactie" for s in specs)


def test_every_extracted_item_sits_where_the_text_says(vocabulary):
    for spec in (corpus(vocabulary).letter(i) for i in range(30)):
        body = spec.body
        for citation in spec.citations:
            assert body[citation.start : citation.end] == citation.text
        for mention in spec.missions:
            spellings = next(m.spellings() for m in MISSIONS if m.slug == mention.mission)
            assert body[mention.start : mention.end] in spellings
            assert body[mention.start : mention.end] in mention.text
        for amount in spec.amounts:
            assert body[amount.start : amount.end] == amount.text
        blocks = spec.structure["blocks"]
        # The letter page and the index accept every block (none skipped as invalid).
        assert [p.number for p in letter_paragraphs(body, spec.structure)] == list(
            range(1, len(blocks) + 1)
        )
        footnotes = [b for b in blocks if b["kind"] == "footnote"]
        assert len(footnotes) == len(spec.structure["footnote_refs"])


def test_citation_in_degree_is_skewed(vocabulary):
    generator = corpus(vocabulary, count=600)
    in_degree = Counter(c.key for i in range(600) for c in generator.letter(i).citations)
    counts = sorted(in_degree.values(), reverse=True)
    assert counts[0] >= 15 * statistics.median(counts), counts[:10]
    unresolvable = {f"{d}-{n}" for d, n in generator.external_keys}
    assert any(key in unresolvable for key in in_degree), "some citations name letters outside the corpus"


@pytest.mark.django_db
def test_generated_corpus_is_stored_resolved_and_searchable():
    call_command("generate_corpus", letters=30, seed=5, batch_size=12, stdout=_Quiet())
    letters = Letter.objects.filter(source_name__startswith="corpus-5-")
    assert letters.count() == 30
    keys = {
        f"{d}-{n}": pk for pk, d, n in letters.exclude(number=None).values_list("pk", "dossier__number", "number")
    }
    citations = Citation.objects.filter(letter__in=letters, kind=CitationKind.KAMERSTUK)
    assert citations.exists()
    for citation in citations:
        if citation.key in keys and keys[citation.key] != citation.letter_id:
            assert citation.target_id == keys[citation.key], citation.key
        elif citation.target_id is not None:
            assert Letter.objects.get(pk=citation.target_id).kamerstuk_key.key == citation.key
    assert citations.filter(target=None).exists(), "unresolved citations stay waiting"
    assert LetterMission.objects.filter(letter__in=letters).exists()
    assert stale_letter_copies() == []

    letter = letters.order_by("id").first()
    word = max(letter.title.split(), key=len)
    assert letter in search(Letter.objects.all(), word)


@pytest.mark.django_db
def test_bulk_path_leaves_the_state_of_the_save_path(vocabulary):
    """The same generated letters through services.save_extraction and through the
    bulk path end up with the same rows."""
    from devtools.corpus_writer import CorpusWriter, ensure_missions
    from letters.services import LetterOverrides, resolve_citations, save_extraction

    missions = ensure_missions()
    generator = CorpusGenerator(count=12, seed=8, vocabulary=vocabulary, missions=missions)
    specs = [generator.letter(i) for i in range(12)]

    CorpusWriter(generator).write(specs)
    resolve_citations()
    bulk = _snapshot()
    Letter.objects.all().delete()
    for spec in specs:
        letter = save_extraction(
            extraction=_extraction(spec, missions),
            original_text=spec.body,
            overrides=LetterOverrides(
                title=spec.title,
                dossier=spec.dossier,
                number=spec.number,
                other_dossiers=spec.other_dossiers,
                date=spec.date,
                vergaderjaar=spec.vergaderjaar,
                kind=spec.kind,
                source_url=KamerstukKey(spec.dossier, spec.number).official_url if spec.key else "",
            ),
            source_name=spec.source_name,
        )
        assert letter.pk
    saved = _snapshot()
    for name in bulk:
        for part in bulk[name]:
            assert saved[name][part] == bulk[name][part], (name, part)
    assert saved == bulk


def _snapshot():
    rows = {}
    for letter in Letter.objects.all():
        key = letter.source_name
        rows[key] = {
            "letter": (
                letter.title, letter.dossier_id, letter.number, letter.date, letter.year,
                letter.vergaderjaar, letter.kind, letter.body, letter.structure, letter.text_hash,
                letter.source_url, letter.history.count(),
            ),
            "other_dossiers": sorted(letter.other_dossiers.values_list("number", flat=True)),
            "ministries": sorted(letter.ministries.values_list("slug", flat=True)),
            "signatures": list(
                letter.signatures.order_by("position").values_list("person__name", "function", "ministry_id", "position")
            ),
            "citations": sorted(
                letter.citations.values_list(
                    "kind", "key", "dossier", "number", "text", "start", "end", "in_footnote", "context",
                    "target__source_name", "letter_date", "letter_year",
                )
            ),
            "missions": sorted(
                letter.mission_links.values_list("mission__slug", "decision", "text", "start", "end")
            ),
            "budget": sorted(
                letter.budget_lines.values_list(
                    "amount", "instrument", "year_from", "year_to", "nature", "purpose", "text", "start", "end",
                    "budget_year", "letter_date",
                )
            ),
            "recommendations": sorted(letter.recommendations.values_list("number", "text")),
        }
    return rows


def _extraction(spec, missions) -> ingest.Extraction:
    names = {m.slug: m.name for m in missions}
    qualifiers = {"structural": ("structureel",), "one-off": ("incidenteel",), "": ()}
    blocks = [
        ingest.Block(b["kind"], b["start"], b["end"], b.get("marker", "")) for b in spec.structure["blocks"]
    ]
    refs = [ingest.FootnoteRef(r["marker"], r["offset"]) for r in spec.structure["footnote_refs"]]
    proceedings = []
    for c in spec.citations:
        if c.kind == "handelingen":
            _, _, years, number, item = c.key.split("-")
            proceedings.append(
                ingest.ProceedingFound(
                    "II", f"{years[:4]}-{years[4:]}", int(number), int(item), c.text, c.start, c.end, c.in_footnote
                )
            )
    return ingest.Extraction(
        clean=ingest.CleanText(spec.body, blocks, refs),
        metadata=ingest.Metadata(
            title=spec.title,
            signatories=[ingest.Signatory(s.name, s.function) for s in spec.signatories],
        ),
        citations=[
            ingest.CitationFound(KamerstukKey(c.dossier, c.number), c.text, c.start, c.end, c.in_footnote)
            for c in spec.citations
            if c.kind == "kamerstuk"
        ],
        proceedings=proceedings,
        amounts=[
            ingest.AmountFound(
                euro=Decimal(a.amount),
                text=a.text,
                start=a.start,
                end=a.end,
                qualifiers=qualifiers[a.nature],
                years=tuple(y for y in (a.year_from, a.year_to) if y),
                sentence=a.purpose,
                instrument=a.instrument,
            )
            for a in spec.amounts
        ],
        missions=[
            ingest.MissionFound(
                m.mission, names[m.mission], m.text, m.start, m.end, spec.body[m.start : m.end], m.decision or None
            )
            for m in spec.missions
        ],
        recommendations=[
            ingest.RecommendationFound(r.number, r.text, report=r.report)
            for r in spec.recommendations
        ],
    )


class _Quiet:
    def write(self, *args):
        pass

    def flush(self):
        pass
