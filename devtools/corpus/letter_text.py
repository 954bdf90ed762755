"""The text of a synthetic letter: sentences that cite, name missions and spend
money, each with the offsets of what an extractor should find in it, laid out in
blocks with footnotes last; and the letter's title, signatories and dates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from devtools.corpus import names
from devtools.corpus.types import LetterSpec, ReportSpec
from letters.kamerstuk import format_dossier
from letters.services.graph import (
    BudgetLineData,
    CitationData,
    MissionLinkData,
    RecommendationData,
    SignatoryData,
)

if TYPE_CHECKING:
    from devtools.corpus.generator import MissionInfo, _Plan

FIRST_DAY = date(1995, 1, 1)
LAST_DAY = date(2026, 6, 30)


class _Span:
    """Something extracted from a sentence, at [start, end) within it."""

    __slots__ = ("kind", "start", "end", "payload", "absolute")

    def __init__(self, kind: str, start: int, end: int, payload: dict):
        self.kind, self.start, self.end, self.payload = kind, start, end, payload
        self.absolute = 0

    def store(self, spec: LetterSpec, sentence: Sentence) -> None:
        start, end = self.absolute + self.start, self.absolute + self.end
        text = sentence.text[self.start : self.end]
        p = self.payload
        if self.kind == "citation":
            spec.citations.append(
                CitationData(
                    kind=p["kind"],
                    key=p["key"],
                    dossier=p.get("dossier", ""),
                    number=p.get("number"),
                    text=text,
                    start=start,
                    end=end,
                    in_footnote=sentence.in_footnote,
                )
            )
        elif self.kind == "mission":
            spec.missions.append(MissionLinkData(p["slug"], sentence.text, start, end, p["decision"]))
        else:
            spec.amounts.append(
                BudgetLineData(
                    amount=p["euro"],
                    text=text,
                    start=start,
                    end=end,
                    purpose=sentence.text,
                    instrument=p["instrument"],
                    nature=p["nature"],
                    year_from=p["year_from"],
                    year_to=p["year_to"],
                    mission=p["mission"],
                )
            )


class Sentence:
    __slots__ = ("text", "spans", "footnote", "in_footnote")

    def __init__(self, text: str, spans=(), footnote: Sentence | None = None):
        self.text = text
        self.spans = list(spans)
        self.footnote = footnote  # a footnote whose marker follows this sentence
        self.in_footnote = False


class Body:
    """Blocks joined by a blank line, footnotes last (as ``ingest.clean`` lays out text)."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[dict] = []
        self.refs: list[dict] = []
        self.pending_footnotes: list[tuple[str, Sentence]] = []
        self.sentences_with_spans: list[Sentence] = []

    def block(self, kind: str, sentences: list[Sentence], marker: str = "") -> tuple[int, int]:
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

    def _place(self, sentence: Sentence, position: int) -> None:
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


def citation_sentence(rng, dossier: str, number: int, day: date) -> Sentence:
    written = f"Kamerstuk {format_dossier(dossier)}, nr. {number}"
    payload = {"kind": "kamerstuk", "key": f"{dossier}-{number}", "dossier": dossier, "number": number}
    if rng.random() < 0.3:
        # In a footnote: the body sentence carries the marker, the footnote the reference.
        footnote = Sentence(f"{written}.", [_Span("citation", 0, len(written), payload)])
        host = Sentence(
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
    return Sentence(
        before + written + after, [_Span("citation", len(before), len(before) + len(written), payload)]
    )


def handelingen_sentence(rng, day: date) -> Sentence:
    year = max(FIRST_DAY.year, day.year - rng.randint(0, 3))
    number, item = rng.randint(1, 105), rng.randint(1, 30)
    written = f"Handelingen II {year}/{str(year + 1)[2:]}, nr. {number}, item {item}"
    payload = {"kind": "handelingen", "key": f"h-tk-{year}{year + 1}-{number}-{item}"}
    before = "Tijdens het plenaire debat ("
    return Sentence(
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


def mission_sentence(rng, mission: MissionInfo, day: date) -> Sentence:
    decision, template = rng.choice(_MISSION_SENTENCES)
    alias = rng.choice(mission.spellings() or (mission.name,))
    text = template.format(m=alias, d=_date_text(day + timedelta(days=rng.randint(30, 400))))
    start = text.index(alias)
    return Sentence(
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


def amount_sentence(rng, mission: MissionInfo | None, day: date) -> Sentence:
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
    return Sentence(text, spans)


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


def recommendation(rng, body: Body, number: int, report: str) -> RecommendationData:
    text = rng.choice(_RECOMMENDATIONS).format(t=rng.choice(names.TOPICS))
    body.block("list_item", [Sentence(f"Aanbeveling {number}: {text}")])
    response, response_text = rng.choice(_RESPONSES)
    body.block("paragraph", [Sentence(response_text)])
    return RecommendationData(report, str(number), text, response, response_text)


# -- metadata -----------------------------------------------------------------------


def title_of(rng, plan: _Plan, missions: list[MissionInfo], reports: list[ReportSpec]) -> str:
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


def signatories_of(rng, plan: _Plan) -> list[SignatoryData]:
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
    chosen = [SignatoryData(by_function[f], f) for f in wanted if f in by_function]
    unique = {}
    for signatory in chosen:
        unique.setdefault(signatory.name, signatory)
    return list(unique.values())


def year_of_dossier(number: str) -> int:
    base = int(number.split("-")[0])
    return min(LAST_DAY.year, max(FIRST_DAY.year, 1995 + (base - 24_000) // 410))


def random_day(rng, year: int) -> date:
    first = date(year, 1, 1)
    last = min(LAST_DAY, date(year, 12, 31))
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _date_text(day: date) -> str:
    return f"{day.day} {names.MONTHS[day.month - 1]} {day.year}"


def vergaderjaar_of(day: date) -> str:
    # The parliamentary year starts on the third Tuesday of September (Prinsjesdag).
    first = day.year if (day.month, day.day) >= (9, 16) else day.year - 1
    return f"{first}-{first + 1}"
