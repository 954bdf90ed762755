"""Stores a generated corpus through the archive's write path: each ``LetterSpec``
becomes a ``LetterGraph`` for ``services.write_letters``, a batch at a time."""

from __future__ import annotations

from django.db.models import Max

from devtools.corpus import CorpusGenerator, LetterSpec, MissionInfo
from devtools.corpus.names import EXTRA_MISSIONS, MINISTERS
from letters.kamerstuk import KamerstukKey
from letters.models import Dossier, Letter, Mission, MissionAlias, Person, Report
from letters.services import LetterGraph, write_letters


def ensure_missions() -> list[MissionInfo]:
    """The archive's missions (reference data plus well-known older ones) with their aliases."""
    Mission.objects.bulk_create(
        [
            Mission(
                slug=slug,
                name=name,
                short_name=short,
                organisation=organisation,
                region=region,
                country=country,
                start_date=start,
                end_date=end,
            )
            for slug, name, short, organisation, region, country, start, end, _ in EXTRA_MISSIONS
        ],
        ignore_conflicts=True,
    )
    ids = dict(Mission.objects.values_list("slug", "id"))
    MissionAlias.objects.bulk_create(
        [
            MissionAlias(mission_id=ids[slug], alias=alias)
            for slug, *_, aliases in EXTRA_MISSIONS
            if slug in ids
            for alias in aliases
        ],
        ignore_conflicts=True,
    )
    aliases: dict[int, list[str]] = {}
    for mission_id, alias in MissionAlias.objects.order_by("id").values_list("mission_id", "alias"):
        aliases.setdefault(mission_id, []).append(alias)
    return [
        MissionInfo(
            slug=m.slug,
            name=m.name,
            short_name=m.short_name,
            aliases=tuple(aliases.get(m.pk, ())),
            first_year=m.start_date.year if m.start_date else None,
            last_year=m.end_date.year if m.end_date else None,
        )
        for m in Mission.objects.order_by("id")
    ]


def taken_numbers() -> dict[str, int]:
    rows = (
        Letter.objects.filter(dossier__isnull=False, number__isnull=False)
        .values("dossier__number")
        .annotate(highest=Max("number"))
    )
    return {row["dossier__number"]: row["highest"] for row in rows}


class CorpusWriter:
    """Stores batches of ``LetterSpec`` through the write path (``services.write_letters``)."""

    def __init__(self, generator: CorpusGenerator):
        self.generator = generator
        # Dossiers and reports with their titles, and the signing ministers, made
        # before any batch: the write path finds them by number, title and name, and
        # parallel writers never wait for each other to create one.
        Dossier.objects.bulk_create(
            [Dossier(number=d.number, title=d.title[:300]) for d in generator.new_dossiers],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Report.objects.bulk_create(
            [Report(title=r.title, author=r.author, year=r.year, slug=r.slug) for r in generator.reports],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Person.objects.bulk_create(
            [Person(name=name) for name in {name for _, name, _, _ in MINISTERS}], ignore_conflicts=True
        )
        self.citations = self.mission_links = self.budget_lines = self.recommendations = 0

    def add(self, counts: dict[str, int]) -> None:
        self.citations += counts["citations"]
        self.mission_links += counts["mission_links"]
        self.budget_lines += counts["budget_lines"]
        self.recommendations += counts["recommendations"]

    def write(self, specs: list[LetterSpec]) -> dict[str, int]:
        graphs = [letter_graph(spec) for spec in specs]
        write_letters(graphs=graphs)
        return {
            "letters": len(graphs),
            "citations": sum(len(g.citations) for g in graphs),
            "mission_links": sum(len(g.mission_links) for g in graphs),
            "budget_lines": sum(len(g.budget_lines) for g in graphs),
            "recommendations": sum(len(g.recommendations) for g in graphs),
        }


def letter_graph(spec: LetterSpec) -> LetterGraph:
    """What the write path stores of a generated letter (its parts are graph parts)."""
    key = KamerstukKey(spec.dossier, spec.number) if spec.key else None
    return LetterGraph(
        title=spec.title,
        body=spec.body,
        structure=spec.structure,
        # The generated text is already clean: it is also what was "imported".
        original_text=spec.body,
        dossier=spec.dossier,
        number=spec.number,
        other_dossiers=tuple(spec.other_dossiers),
        date=spec.date,
        vergaderjaar=spec.vergaderjaar,
        kind=spec.kind,
        slug=spec.slug,
        source_url=key.official_url if key else "",
        source_name=spec.source_name,
        signatories=tuple(spec.signatories),
        citations=tuple(spec.citations),
        mission_links=tuple(spec.missions),
        budget_lines=tuple(spec.amounts),
        recommendations=tuple(spec.recommendations),
    )
