"""Plan and write a synthetic corpus of Kamerbrieven.

Two phases keep memory bounded and the output reproducible:

1. ``CorpusGenerator(...)`` plans every letter cheaply (dossier, number, date,
   kind, missions) from ``random.Random(seed)``; this fixes every Kamerstuk
   key in the corpus before any text exists, so citations can point forwards
   and backwards.
2. ``letter(i)`` writes letter ``i`` from its own ``random.Random(seed, i)``:
   the same seed gives the same letter whatever order or batch size is used,
   and no letter body is kept after it is returned.

The citation graph is skewed like a real one: most citations go to earlier
letters of the same dossier, a share goes to a Zipf-ranked handful of famous
letters (at 100 000 letters the top one is cited thousands of times), and a
share names Kamerstukken that are not in the corpus (unresolved), also skewed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify

from devtools.corpus import names
from devtools.corpus.letter_text import (
    FIRST_DAY,
    LAST_DAY,
    Body,
    Sentence,
    amount_sentence,
    citation_sentence,
    handelingen_sentence,
    mission_sentence,
    random_day,
    recommendation,
    signatories_of,
    title_of,
    vergaderjaar_of,
    year_of_dossier,
)
from devtools.corpus.sampling import Zipf, weighted
from devtools.corpus.types import DossierSpec, LetterSpec, ReportSpec
from devtools.corpus.vocabulary import Vocabulary
from letters.kamerstuk import DOSSIER_RE

MIN_SIZE, MAX_SIZE = 5_000, 100_000  # characters of body text

KIND_WEIGHTS = (
    ("artikel-100", 5),
    ("voortgangsrapportage", 9),
    ("besluitvorming", 9),
    ("kabinetsreactie", 6),
    ("beleidsbrief", 14),
    ("verslag", 20),
    ("beantwoording", 19),
    ("overig", 18),
)
MISSION_KINDS = {"artikel-100", "voortgangsrapportage", "besluitvorming"}
UNNUMBERED_SHARE = 0.05
# Where a citation points: (share) same dossier, famous letters, outside the corpus.
LOCAL_SHARE, FAMOUS_SHARE = 0.72, 0.14  # the rest (0.14) is unresolved


@dataclass(frozen=True)
class MissionInfo:
    slug: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    first_year: int | None = None
    last_year: int | None = None

    def active_in(self, year: int) -> bool:
        return (self.first_year or 0) <= year <= (self.last_year or 9999)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for a in (*self.aliases, self.short_name) if a))


@dataclass(slots=True)
class _Plan:
    dossier: str | None
    number: int | None
    day: date
    kind: str
    missions: tuple[int, ...]
    report: int | None


class CorpusGenerator:
    def __init__(
        self,
        *,
        count: int,
        seed: int,
        vocabulary: Vocabulary,
        missions: Sequence[MissionInfo],
        existing_dossiers: Sequence[tuple[str, str]] = (),
        taken_numbers: dict[str, int] | None = None,
    ):
        if count < 1:
            raise ValueError("Een corpus heeft minstens één brief.")
        if not missions:
            raise ValueError("Er zijn geen missies om naar te verwijzen.")
        self.count = count
        self.seed = seed
        self.vocabulary = vocabulary
        self.missions = list(missions)
        rng = random.Random(f"plan:{seed}")
        self.dossiers = self._plan_dossiers(rng, existing_dossiers)
        existing = {number for number, _ in existing_dossiers}
        self.new_dossiers = [d for d in self.dossiers if d.number not in existing]
        self.reports: list[ReportSpec] = []
        self.plans = self._plan_letters(rng, dict(taken_numbers or {}))
        self._index_graph(rng)

    # -- phase 1: the plan --------------------------------------------------------
    def _plan_dossiers(self, rng, existing_dossiers) -> list[DossierSpec]:
        # Only dossiers a KamerstukKey can name ("21501-02" cannot) hold numbered letters.
        existing_dossiers = [(n, t) for n, t in existing_dossiers if DOSSIER_RE.match(n)]
        dossiers = [
            DossierSpec(number, title, year_of_dossier(number)) for number, title in existing_dossiers
        ]
        taken = {d.number for d in dossiers}
        wanted = max(20, self.count // 30)
        while len(dossiers) < len(existing_dossiers) + wanted:
            year = rng.randint(FIRST_DAY.year, LAST_DAY.year)
            base = 24_000 + (year - 1995) * 410 + rng.randrange(410)
            if rng.random() < 0.06:
                chapter, name = rng.choice(names.BUDGET_CHAPTERS)
                number = f"{base}-{chapter}"
                title = f"Vaststelling van de begrotingsstaten van het Ministerie van {name} voor het jaar {year + 1}"
            else:
                number = str(base)
                title = rng.choice(names.DOSSIER_TITLES).format(
                    country=rng.choice(names.COUNTRIES), topic=rng.choice(names.TOPICS), year=year
                )
            if number in taken or not DOSSIER_RE.match(number):
                continue
            taken.add(number)
            dossiers.append(DossierSpec(number, title, year))
        # Popularity order: the reference dossiers (the archive's core) first.
        head, tail = dossiers[: len(existing_dossiers)], dossiers[len(existing_dossiers) :]
        rng.shuffle(tail)
        return head + tail

    def _plan_letters(self, rng, taken_numbers: dict[str, int]) -> list[_Plan]:
        dossier_pick = Zipf(len(self.dossiers), 0.9)
        mission_pick = Zipf(len(self.missions), 0.8)
        next_number = dict(taken_numbers)
        plans = []
        for _ in range(self.count):
            kind = weighted(rng, KIND_WEIGHTS)
            if rng.random() < UNNUMBERED_SHARE:
                dossier, number = None, None
                day = random_day(rng, rng.randint(FIRST_DAY.year, LAST_DAY.year))
            else:
                spec = self.dossiers[dossier_pick.pick(rng)]
                dossier = spec.number
                number = next_number.get(dossier, 0) + 1
                next_number[dossier] = number
                year = min(LAST_DAY.year, spec.year + int(rng.expovariate(0.4)))
                day = random_day(rng, year)
            if kind in MISSION_KINDS:
                wanted = rng.choice((1, 1, 1, 2))
            else:
                wanted = rng.choice((0, 0, 0, 1, 1, 2))
            missions = tuple(
                dict.fromkeys(self._active_mission(rng, mission_pick, day.year) for _ in range(wanted))
            )
            report = None
            if kind == "kabinetsreactie":
                report = len(self.reports)
                author = rng.choice(names.REPORT_AUTHORS)
                topic = rng.choice(names.TOPICS)
                title = f"{author}-advies {report + 1} over {topic}"
                self.reports.append(
                    ReportSpec(
                        title=f"{title} (corpus {self.seed})",
                        author=author,
                        year=max(FIRST_DAY.year, day.year - 1),
                        slug=slugify(f"{title}-{self.seed}")[:120],
                    )
                )
            plans.append(_Plan(dossier, number, day, kind, missions, report))
        return plans

    def _active_mission(self, rng, mission_pick: Zipf, year: int) -> int:
        """A popular mission, preferably one that ran in ``year``."""
        for _ in range(6):
            index = mission_pick.pick(rng)
            if self.missions[index].active_in(year):
                return index
        return index

    def _index_graph(self, rng) -> None:
        self.numbered = [i for i, p in enumerate(self.plans) if p.number is not None]
        famous = list(self.numbered)
        rng.shuffle(famous)
        self.famous = famous
        self.famous_pick = Zipf(len(famous), 1.0) if famous else None
        self.by_dossier: dict[str, list[int]] = {}
        for i in self.numbered:
            self.by_dossier.setdefault(self.plans[i].dossier, []).append(i)
        corpus = {d.number for d in self.dossiers}
        self.external_keys = []
        while len(self.external_keys) < max(50, self.count // 20):
            base = rng.randint(19_000, 36_900)
            dossier = str(base)
            if dossier in corpus:
                continue
            self.external_keys.append((dossier, rng.randint(1, 400)))
        self.external_keys = list(dict.fromkeys(self.external_keys))
        self.external_pick = Zipf(len(self.external_keys), 1.0)

    # -- phase 2: one letter ------------------------------------------------------
    def letter(self, index: int) -> LetterSpec:
        plan = self.plans[index]
        rng = random.Random(f"letter:{self.seed}:{index}")
        missions = [self.missions[m] for m in plan.missions]
        title = title_of(rng, plan, missions, self.reports)
        body = Body()
        specials = self._specials(rng, index, plan, missions)
        size = min(
            MAX_SIZE,
            max(MIN_SIZE, int(rng.lognormvariate(self.vocabulary.log_size_mu, self.vocabulary.log_size_sigma))),
        )
        sentences_per_paragraph = 4
        paragraphs = max(3, round(size / (sentences_per_paragraph * self.vocabulary.mean_sentence + 2)))
        placed: dict[int, list[Sentence]] = {}
        for special in specials:
            placed.setdefault(rng.randrange(paragraphs), []).append(special)
        pool, headings = self.vocabulary.sentences, self.vocabulary.headings
        for p in range(paragraphs):
            if p == 0 or rng.random() < 0.15:
                body.block("heading", [Sentence(rng.choice(headings))])
            sentences = [Sentence(s) for s in rng.choices(pool, k=rng.randint(2, 6))]
            for special in placed.get(p, ()):
                sentences.insert(rng.randint(0, len(sentences)), special)
            body.block("paragraph", sentences)
        recommendations = []
        report = self.reports[plan.report].title if plan.report is not None else None
        if report is not None:
            body.block("heading", [Sentence("Reactie op de aanbevelingen")])
            for number in range(1, rng.randint(3, 12) + 1):
                recommendations.append(recommendation(rng, body, number, report))
        body.footnotes_last()

        spec = LetterSpec(
            index=index,
            title=title,
            slug=f"{slugify(title)[:90].rstrip('-')}-c{self.seed}-{index}",
            dossier=plan.dossier,
            number=plan.number,
            other_dossiers=self._other_dossiers(rng, plan),
            date=plan.day,
            vergaderjaar=vergaderjaar_of(plan.day),
            kind=plan.kind,
            signatories=signatories_of(rng, plan),
            body=body.text(),
            structure={"blocks": body.blocks, "footnote_refs": body.refs},
            source_name=f"corpus-{self.seed}-{index:06d}.txt",
            report=report,
            recommendations=recommendations,
        )
        for sentence in body.sentences_with_spans:
            for span in sentence.spans:
                span.store(spec, sentence)
        return spec

    def _specials(self, rng, index: int, plan: _Plan, missions: list[MissionInfo]) -> list[Sentence]:
        specials = []
        for _ in range(min(40, int(rng.lognormvariate(1.45, 0.75)))):
            dossier, number = self._cited_key(rng, index, plan)
            specials.append(citation_sentence(rng, dossier, number, plan.day))
        if rng.random() < 0.12:
            specials.append(handelingen_sentence(rng, plan.day))
        for mission in missions:
            for _ in range(rng.choice((1, 1, 2, 3))):
                specials.append(mission_sentence(rng, mission, plan.day))
        if rng.random() < 0.3 or plan.kind in MISSION_KINDS:
            for _ in range(rng.randint(1, 4)):
                mission = rng.choice(missions) if missions and rng.random() < 0.5 else None
                specials.append(amount_sentence(rng, mission, plan.day))
        return specials

    def _cited_key(self, rng, index: int, plan: _Plan) -> tuple[str, int]:
        roll = rng.random()
        if roll < LOCAL_SHARE and plan.dossier:
            siblings = self.by_dossier.get(plan.dossier, ())
            if len(siblings) > 1:
                j = rng.choice(siblings)
                if j != index:
                    return self.plans[j].dossier, self.plans[j].number
        if roll < LOCAL_SHARE + FAMOUS_SHARE and self.famous_pick:
            j = self.famous[self.famous_pick.pick(rng)]
            if j != index:
                return self.plans[j].dossier, self.plans[j].number
        return self.external_keys[self.external_pick.pick(rng)]

    def _other_dossiers(self, rng, plan: _Plan) -> list[str]:
        if plan.dossier is None or rng.random() > 0.08:
            return []
        picks = {rng.choice(self.dossiers).number for _ in range(rng.randint(1, 2))}
        return sorted(picks - {plan.dossier})
