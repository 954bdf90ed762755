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
from datetime import date, timedelta
from decimal import Decimal

from django.utils.text import slugify

from devtools.corpus import names
from devtools.corpus.sampling import Zipf, weighted
from devtools.corpus.types import (
    AmountSpec,
    CitationSpec,
    DossierSpec,
    LetterSpec,
    MissionSpec,
    RecommendationSpec,
    ReportSpec,
    SignatorySpec,
)
from devtools.corpus.vocabulary import Vocabulary
from letters.kamerstuk import DOSSIER_RE, format_dossier

FIRST_DAY = date(1995, 1, 1)
LAST_DAY = date(2026, 6, 30)
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
            DossierSpec(number, title, _year_of_dossier(number)) for number, title in existing_dossiers
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
                day = _random_day(rng, rng.randint(FIRST_DAY.year, LAST_DAY.year))
            else:
                spec = self.dossiers[dossier_pick.pick(rng)]
                dossier = spec.number
                number = next_number.get(dossier, 0) + 1
                next_number[dossier] = number
                year = min(LAST_DAY.year, spec.year + int(rng.expovariate(0.4)))
                day = _random_day(rng, year)
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
        title = _title(rng, plan, missions, self.reports)
        body = _Body()
        specials = self._specials(rng, index, plan, missions)
        size = min(
            MAX_SIZE,
            max(MIN_SIZE, int(rng.lognormvariate(self.vocabulary.log_size_mu, self.vocabulary.log_size_sigma))),
        )
        sentences_per_paragraph = 4
        paragraphs = max(3, round(size / (sentences_per_paragraph * self.vocabulary.mean_sentence + 2)))
        placed: dict[int, list[_Sentence]] = {}
        for special in specials:
            placed.setdefault(rng.randrange(paragraphs), []).append(special)
        pool, headings = self.vocabulary.sentences, self.vocabulary.headings
        for p in range(paragraphs):
            if p == 0 or rng.random() < 0.15:
                body.block("heading", [_Sentence(rng.choice(headings))])
            sentences = [_Sentence(s) for s in rng.choices(pool, k=rng.randint(2, 6))]
            for special in placed.get(p, ()):
                sentences.insert(rng.randint(0, len(sentences)), special)
            body.block("paragraph", sentences)
        recommendations = []
        if plan.report is not None:
            body.block("heading", [_Sentence("Reactie op de aanbevelingen")])
            for number in range(1, rng.randint(3, 12) + 1):
                recommendations.append(_recommendation(rng, body, number))
        body.footnotes_last()

        spec = LetterSpec(
            index=index,
            title=title,
            slug=f"{slugify(title)[:90].rstrip('-')}-c{self.seed}-{index}",
            dossier=plan.dossier,
            number=plan.number,
            other_dossiers=self._other_dossiers(rng, plan),
            date=plan.day,
            vergaderjaar=_vergaderjaar(plan.day),
            kind=plan.kind,
            signatories=_signatories(rng, plan),
            body=body.text(),
            structure={"blocks": body.blocks, "footnote_refs": body.refs},
            source_name=f"corpus-{self.seed}-{index:06d}.txt",
            report=self.reports[plan.report].title if plan.report is not None else None,
            recommendations=recommendations,
        )
        for sentence in body.sentences_with_spans:
            for span in sentence.spans:
                span.store(spec, sentence)
        return spec

    def _specials(self, rng, index: int, plan: _Plan, missions: list[MissionInfo]) -> list[_Sentence]:
        specials = []
        for _ in range(min(40, int(rng.lognormvariate(1.45, 0.75)))):
            dossier, number = self._cited_key(rng, index, plan)
            specials.append(_citation_sentence(rng, dossier, number, plan.day))
        if rng.random() < 0.12:
            specials.append(_handelingen_sentence(rng, plan.day))
        for mission in missions:
            for _ in range(rng.choice((1, 1, 2, 3))):
                specials.append(_mission_sentence(rng, mission, plan.day))
        if rng.random() < 0.3 or plan.kind in MISSION_KINDS:
            for _ in range(rng.randint(1, 4)):
                mission = rng.choice(missions) if missions and rng.random() < 0.5 else None
                specials.append(_amount_sentence(rng, mission, plan.day))
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


# -- the text of a letter ---------------------------------------------------------


class _Span:
    """Something extracted from a sentence, at [start, end) within it."""

    __slots__ = ("kind", "start", "end", "payload", "absolute")

    def __init__(self, kind: str, start: int, end: int, payload: dict):
        self.kind, self.start, self.end, self.payload = kind, start, end, payload
        self.absolute = 0

    def store(self, spec: LetterSpec, sentence: _Sentence) -> None:
        start, end = self.absolute + self.start, self.absolute + self.end
        text = sentence.text[self.start : self.end]
        p = self.payload
        if self.kind == "citation":
            spec.citations.append(
                CitationSpec(
                    kind=p["kind"],
                    key=p["key"],
                    dossier=p.get("dossier", ""),
                    number=p.get("number"),
                    text=text,
                    start=start,
                    end=end,
                    in_footnote=sentence.in_footnote,
                    context=sentence.text,
                )
            )
        elif self.kind == "mission":
            spec.missions.append(
                MissionSpec(p["slug"], text, sentence.text, start, end, p["decision"])
            )
        else:
            spec.amounts.append(
                AmountSpec(
                    euro=p["euro"],
                    text=text,
                    start=start,
                    end=end,
                    sentence=sentence.text,
                    instrument=p["instrument"],
                    nature=p["nature"],
                    year_from=p["year_from"],
                    year_to=p["year_to"],
                    mission_slug=p["mission"],
                )
            )


class _Sentence:
    __slots__ = ("text", "spans", "footnote", "in_footnote")

    def __init__(self, text: str, spans=(), footnote: _Sentence | None = None):
        self.text = text
        self.spans = list(spans)
        self.footnote = footnote  # a footnote whose marker follows this sentence
        self.in_footnote = False


class _Body:
    """Blocks joined by a blank line, footnotes last (as ``ingest.clean`` lays out text)."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[dict] = []
        self.refs: list[dict] = []
        self.pending_footnotes: list[tuple[str, _Sentence]] = []
        self.sentences_with_spans: list[_Sentence] = []

    def block(self, kind: str, sentences: list[_Sentence], marker: str = "") -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = position = self.length
        for n, sentence in enumerate(sentences):
            if n:
                self.parts.append(" ")
                position += 1
            self._place(sentence, position)
            self.parts.append(sentence.text)
            position += len(sentence.text)
            if sentence.footnote is not None:
                # The marker stood glued to the sentence's last word, before the full stop.
                marker_text = str(len(self.refs) + 1)
                self.refs.append({"marker": marker_text, "offset": position - 1})
                self.pending_footnotes.append((marker_text, sentence.footnote))
        self.length = position
        block = {"kind": kind, "start": start, "end": position}
        if marker:
            block["marker"] = marker
        self.blocks.append(block)
        return start, position

    def _place(self, sentence: _Sentence, position: int) -> None:
        if sentence.spans:
            for span in sentence.spans:
                span.absolute = position
            self.sentences_with_spans.append(sentence)

    def footnotes_last(self) -> None:
        for marker, footnote in self.pending_footnotes:
            footnote.in_footnote = True
            self.block("footnote", [footnote], marker=marker)
        self.pending_footnotes = []

    def text(self) -> str:
        return "".join(self.parts)


def _citation_sentence(rng, dossier: str, number: int, day: date) -> _Sentence:
    written = f"Kamerstuk {format_dossier(dossier)}, nr. {number}"
    payload = {"kind": "kamerstuk", "key": f"{dossier}-{number}", "dossier": dossier, "number": number}
    if rng.random() < 0.3:
        # In a footnote: the body sentence carries the marker, the footnote the reference.
        footnote = _Sentence(f"{written}.", [_Span("citation", 0, len(written), payload)])
        host = _Sentence(
            rng.choice(
                (
                    "Dit is eerder aan uw Kamer gemeld.",
                    "Uw Kamer is hierover eerder geïnformeerd.",
                    "Het kabinet heeft dit toegezegd tijdens het commissiedebat.",
                    "Deze afspraak is vastgelegd in het beleidskader.",
                )
            ),
            footnote=footnote,
        )
        return host
    earlier = _date_text(max(FIRST_DAY, day - timedelta(days=rng.randint(30, 2000))))
    before, after = rng.choice(
        (
            (f"Zoals gemeld in de brief van {earlier} (", ") blijft het kabinet deze inzet nauwgezet volgen."),
            ("Hiermee geeft het kabinet uitvoering aan de toezegging in ", "."),
            ("Voor de achtergrond verwijs ik naar ", "."),
            ("In ", " is uiteengezet welke overwegingen hierbij een rol spelen."),
            ("De motie die uw Kamer hierover aannam (", ") verzoekt de regering hierover te rapporteren."),
        )
    )
    return _Sentence(
        before + written + after, [_Span("citation", len(before), len(before) + len(written), payload)]
    )


def _handelingen_sentence(rng, day: date) -> _Sentence:
    year = max(FIRST_DAY.year, day.year - rng.randint(0, 3))
    number, item = rng.randint(1, 105), rng.randint(1, 30)
    written = f"Handelingen II {year}/{str(year + 1)[2:]}, nr. {number}, item {item}"
    payload = {"kind": "handelingen", "key": f"h-tk-{year}{year + 1}-{number}-{item}"}
    before = "Tijdens het plenaire debat ("
    return _Sentence(
        f"{before}{written}) is hierover uitvoerig gesproken.",
        [_Span("citation", len(before), len(before) + len(written), payload)],
    )


_MISSION_SENTENCES = (
    ("start", "Het kabinet heeft besloten deel te nemen aan {m}."),
    ("extension", "Het kabinet heeft besloten de Nederlandse bijdrage aan {m} met een jaar te verlengen."),
    ("intensification", "Het kabinet heeft besloten de inzet in {m} te intensiveren."),
    ("end", "De Nederlandse bijdrage aan {m} wordt per {d} beëindigd."),
    ("report", "Deze voortgangsrapportage beschrijft de stand van zaken van {m}."),
    ("", "Nederland levert al enige jaren een bijdrage aan {m}."),
    ("", "De situatie in het inzetgebied van {m} blijft zorgelijk."),
)


def _mission_sentence(rng, mission: MissionInfo, day: date) -> _Sentence:
    decision, template = rng.choice(_MISSION_SENTENCES)
    alias = rng.choice(mission.spellings() or (mission.name,))
    text = template.format(m=alias, d=_date_text(day + timedelta(days=rng.randint(30, 400))))
    start = text.index(alias)
    return _Sentence(
        text, [_Span("mission", start, start + len(alias), {"slug": mission.slug, "decision": decision})]
    )


def _amount(rng) -> tuple[str, Decimal]:
    roll = rng.random()
    if roll < 0.55:
        whole, tenths = rng.randint(1, 400), rng.choice((0, 0, 0, 5))
        written = f"{whole},{tenths}" if tenths else str(whole)
        return f"{written} miljoen euro", (Decimal(whole) + Decimal(tenths) / 10) * 10**6
    if roll < 0.75:
        whole = rng.randint(1, 250)
        return f"€ {whole} miljoen", Decimal(whole) * 10**6
    if roll < 0.85:
        whole, tenths = rng.randint(1, 5), rng.choice((0, 5))
        written = f"{whole},{tenths}" if tenths else str(whole)
        return f"{written} miljard euro", (Decimal(whole) + Decimal(tenths) / 10) * 10**9
    thousands = rng.randint(50, 990)
    return f"{thousands}.000 euro", Decimal(thousands) * 1000


def _amount_sentence(rng, mission: MissionInfo | None, day: date) -> _Sentence:
    written, euro = _amount(rng)
    instrument, phrase = rng.choice(names.INSTRUMENT_PHRASES)
    nature_word, nature = rng.choice(
        (("structureel ", "structural"), ("incidenteel ", "one-off"), ("", ""), ("", ""))
    )
    year_roll = rng.random()
    if year_roll < 0.5:
        year_from, year_to = day.year, None
        when = f"in {day.year} "
    elif year_roll < 0.75:
        year_from, year_to = day.year, day.year + rng.randint(1, 4)
        when = f"voor de periode {year_from} tot en met {year_to} "
    else:
        year_from = year_to = None
        when = ""
    spans = []
    if mission is not None:
        alias = rng.choice(mission.spellings() or (mission.name,))
        lead = f"Voor {alias} is "
        offset = len("Voor ")
        spans.append(_Span("mission", offset, offset + len(alias), {"slug": mission.slug, "decision": ""}))
    else:
        lead = "Hiervoor is "
    before = f"{lead}{when}"
    text = f"{before}{written} {nature_word}beschikbaar uit {phrase}."
    spans.append(
        _Span(
            "amount",
            len(before),
            len(before) + len(written),
            {
                "euro": euro,
                "instrument": instrument,
                "nature": nature,
                "year_from": year_from,
                "year_to": year_to,
                "mission": mission.slug if mission else None,
            },
        )
    )
    return _Sentence(text, spans)


_RECOMMENDATIONS = (
    "Zorg voor een integrale afweging van {t} bij besluiten over de inzet van de krijgsmacht.",
    "Investeer structureel in kennis over {t} binnen de betrokken ministeries.",
    "Betrek {t} expliciet bij de evaluatie van missies en operaties.",
    "Versterk de samenwerking met internationale partners op het terrein van {t}.",
    "Informeer de Kamer jaarlijks over de resultaten op het gebied van {t}.",
)
_RESPONSES = (
    ("adopted", "Het kabinet neemt deze aanbeveling over en werkt dit uit in het beleid."),
    ("partly", "Het kabinet neemt deze aanbeveling gedeeltelijk over."),
    ("rejected", "Het kabinet neemt deze aanbeveling niet over, omdat bestaande afspraken volstaan."),
    ("noted", "Het kabinet neemt kennis van deze aanbeveling."),
)


def _recommendation(rng, body: _Body, number: int) -> RecommendationSpec:
    text = rng.choice(_RECOMMENDATIONS).format(t=rng.choice(names.TOPICS))
    start, end = body.block("list_item", [_Sentence(f"Aanbeveling {number}: {text}")])
    response, response_text = rng.choice(_RESPONSES)
    body.block("paragraph", [_Sentence(response_text)])
    return RecommendationSpec(str(number), text, response, response_text, start, end)


# -- metadata -----------------------------------------------------------------------


def _title(rng, plan: _Plan, missions: list[MissionInfo], reports: list[ReportSpec]) -> str:
    mission = missions[0].label if missions else rng.choice(names.COUNTRIES)
    day = _date_text(plan.day)
    if plan.kind == "artikel-100":
        return f"Artikel 100-brief over de Nederlandse bijdrage aan {mission}"
    if plan.kind == "voortgangsrapportage":
        return f"Voortgangsrapportage {mission} {plan.day.year}"
    if plan.kind == "besluitvorming":
        verb = rng.choice(("Verlenging van", "Voorziene besluitvorming over", "Beëindiging van"))
        return f"{verb} de Nederlandse bijdrage aan {mission}"
    if plan.kind == "kabinetsreactie" and plan.report is not None:
        return f"Kabinetsreactie op het {reports[plan.report].title.rsplit(' (', 1)[0]}"
    if plan.kind == "verslag":
        return f"Verslag van de {rng.choice(names.RBZ_FORMATS)} van {day}"
    if plan.kind == "beantwoording":
        return f"Beantwoording van vragen van de commissie over {rng.choice(names.TOPICS)}"
    if plan.kind == "beleidsbrief":
        return f"Beleidsbrief over {rng.choice(names.TOPICS)} en {rng.choice(names.TOPICS)}"
    return f"Geannoteerde agenda {rng.choice(names.RBZ_FORMATS)} van {day}"


def _signatories(rng, plan: _Plan) -> list[SignatorySpec]:
    in_office = [(f, n) for f, n, first, last in names.MINISTERS if first <= plan.day < last]
    by_function = {}
    for function, name in in_office:
        by_function.setdefault(function, name)
    wanted = ["Minister van Buitenlandse Zaken"]
    if plan.missions or rng.random() < 0.4:
        wanted.append("Minister van Defensie")
    if rng.random() < 0.25:
        wanted.append(
            rng.choice(
                (
                    "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
                    "Minister voor Ontwikkelingssamenwerking",
                    "Minister van Justitie en Veiligheid",
                    "Staatssecretaris van Defensie",
                )
            )
        )
    if rng.random() < 0.5:
        wanted.reverse()
    chosen = [SignatorySpec(by_function[f], f) for f in wanted if f in by_function]
    unique = {}
    for signatory in chosen:
        unique.setdefault(signatory.name, signatory)
    return list(unique.values())


def _year_of_dossier(number: str) -> int:
    base = int(number.split("-")[0])
    return min(LAST_DAY.year, max(FIRST_DAY.year, 1995 + (base - 24_000) // 410))


def _random_day(rng, year: int) -> date:
    first = date(year, 1, 1)
    last = min(LAST_DAY, date(year, 12, 31))
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _date_text(day: date) -> str:
    return f"{day.day} {names.MONTHS[day.month - 1]} {day.year}"


def _vergaderjaar(day: date) -> str:
    # The parliamentary year starts on the third Tuesday of September (Prinsjesdag).
    first = day.year if (day.month, day.day) >= (9, 16) else day.year - 1
    return f"{first}-{first + 1}"
