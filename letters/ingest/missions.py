"""Missions named in the cleaned text, matched against the known aliases.

All aliases of all missions become one regular expression over a folded copy of
the text (lowercase, no diacritics, hyphens as spaces — the same length as the
text, so positions carry over). Matches stand on word boundaries and the
longest alias wins ("NAVO-trainingsmissie in Irak" before "trainingsmissie in
Irak"). An alias that several missions share ("EU-missies in Mali en Niger")
names each of them.

Each mention carries its sentence and, when the sentence says so, a decision:
"wordt beëindigd" → end, "te verlengen" → extension, "te intensiveren" →
intensification, "deel te nemen"/"zal … bijdragen" → start, a progress report →
report. Requests, studies and intentions ("verzocht", "onderzoekt", "voornemens")
are no decision.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from letters.ingest.segments import Segments
from letters.ingest.types import CleanText, MissionFound, MissionNames

REFERENCE_MISSIONS = (
    Path(__file__).resolve().parents[2] / "fixtures" / "reference" / "missions.json"
)

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"

# Decision cues, checked in this order on the folded clause (then sentence).
_DECISIONS = (
    ("end", re.compile(r"\bbeeindig|\bwordt gestopt\b|\bte stoppen\b|\bstopgezet\b")),
    (
        "intensification",
        re.compile(
            r"\bintensiver|\bgeintensiveerd|\bintensivering|\buit te breiden\b|\bop te schalen\b"
        ),
    ),
    (
        "extension",
        re.compile(
            r"\bverleng|\bvoort te zetten\b|\bvoortzetting\b|\bcontinuer|\bhernieuw|"
            r"\bmeerjarige? (?:bijdrage|mandaat)\b"
        ),
    ),
    (
        "start",
        re.compile(
            r"\bvan start\b|\bbij te dragen\b|\bzal\b(?: [\w']+){0,8} bijdragen\b|\bdeel te nemen\b|"
            r"\bte starten\b|\bte ontplooien\b|\bbesloten tot (?:een|de)\b(?: [\w']+){0,3} bijdrage\b"
        ),
    ),
    (
        "report",
        re.compile(
            r"\bvoortgangsrapportage|\btussenrapportage|\brapporteert\b|\bstand van zaken\b"
        ),
    ),
)
_UNDECIDED = re.compile(
    r"\bonderzoek(?:t|en)\b|\bwenselijkheid\b|\boverweeg|\bbezien\b|\bverzocht|\bgevraagd\b|"
    r"\bbesluiten te nemen\b|\bwordt (?:op korte termijn )?besloten\b|\bvoornemens\b|\bvoor de hand\b"
)
_DECIDED = re.compile(r"\b(?:heeft|hebben|is)\b(?: \w+){0,3} besloten\b")
_CLAUSE_BREAK = re.compile(r"[,;] ")


def find_missions(
    source: CleanText | Segments, missions: Sequence[MissionNames]
) -> list[MissionFound]:
    matcher = _matcher(tuple(missions))
    if matcher is None:
        return []
    doc = Segments.of(source)
    text = doc.text
    folded = fold(text)
    mentions: list[_Mention] = []
    for match in matcher.pattern.finditer(folded):
        sentence = doc.sentence_at(match.start())
        targets = matcher.targets[" ".join(match.group(0).split())]
        mentions.append(_Mention(match.start(), match.end(), sentence.start, sentence.end, targets))
    _decide(folded, mentions)
    return [
        MissionFound(
            slug=slug,
            name=name,
            text=text[m.sentence_start : m.sentence_end],
            start=m.start,
            end=m.end,
            matched=text[m.start : m.end],
            decision=m.decision,
        )
        for m in mentions
        for slug, name in m.targets
    ]


@dataclass
class _Mention:
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    targets: tuple[tuple[str, str], ...]
    decision: str | None = None


def fold(text: str) -> str:
    """Lowercase, strip diacritics, dashes → spaces; one character per character
    (so positions in the folded text are positions in the text)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character that lowercases to two ("İ")
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return _NON_ASCII.sub(_fold_char, lowered.replace("-", " "))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_one(char: str) -> str:
    if char in _DASHES:
        return " "
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def _fold_char(match: re.Match) -> str:
    return _fold_one(match.group(0))


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern
    targets: dict[str, tuple[tuple[str, str], ...]]  # folded alias → (slug, name)…


@lru_cache(maxsize=8)
def _matcher(missions: tuple[MissionNames, ...]) -> _Matcher | None:
    targets: dict[str, list[tuple[str, str]]] = {}
    for mission in missions:
        for alias in {mission.name, *mission.aliases}:
            key = " ".join(fold(alias).split())
            if len(key) < 2:
                continue
            entry = (mission.slug, mission.name)
            if entry not in targets.setdefault(key, []):
                targets[key].append(entry)
    if not targets:
        return None
    alternatives = sorted(targets, key=len, reverse=True)
    body = "|".join(" +".join(map(re.escape, key.split(" "))) for key in alternatives)
    # A cheap first-character test keeps the engine from trying every alias at
    # every position of the text.
    first = "".join(sorted({re.escape(key[0]) for key in alternatives}))
    pattern = re.compile(rf"(?=[{first}])(?<!\w)(?:{body})(?!\w)")
    return _Matcher(pattern, {key: tuple(value) for key, value in targets.items()})


def _decide(folded: str, mentions: list[_Mention]) -> None:
    """Give each mention the decision its sentence states about it. In a clause
    with several missions a cue goes to the nearest one ("… aan MINUSMA te
    verlengen en deel te nemen aan Sophia")."""
    by_sentence: dict[int, list[_Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    for group in by_sentence.values():
        start, end = group[0].sentence_start, group[0].sentence_end
        sentence = folded[start:end]
        if _UNDECIDED.search(sentence) and not _DECIDED.search(sentence):
            continue
        bounds = [start, *(start + m.end() for m in _CLAUSE_BREAK.finditer(sentence)), end]
        for left, right in zip(bounds, bounds[1:], strict=False):
            in_clause = [m for m in group if left <= m.start < right]
            if in_clause:
                _decide_clause(folded, left, right, in_clause)
        # A sentence about one mission lends its decision to that mission.
        undecided = [m for m in group if m.decision is None]
        if undecided and len({slug for m in group for slug, _ in m.targets}) == 1:
            decision = _first_cue(sentence)
            for mention in undecided:
                mention.decision = decision


def _decide_clause(folded: str, left: int, right: int, mentions: list[_Mention]) -> None:
    found: dict[int, list[tuple[int, str]]] = {}
    for rank, (decision, pattern) in enumerate(_DECISIONS):
        for cue in pattern.finditer(folded, left, right):
            candidates = range(len(mentions))
            if decision == "start":
                # "zal bijdragen aan X", "deel te nemen aan X": the mission follows the cue.
                candidates = [i for i in candidates if mentions[i].start >= cue.end()] or candidates
            nearest = min(
                candidates,
                key=lambda i: max(mentions[i].start - cue.end(), cue.start() - mentions[i].end, 0),
            )
            found.setdefault(nearest, []).append((rank, decision))
    for index, cues in found.items():
        mentions[index].decision = min(cues)[1]


def _first_cue(text: str) -> str | None:
    for decision, pattern in _DECISIONS:
        if pattern.search(text):
            return decision
    return None


def load_reference_missions(path: Path | str = REFERENCE_MISSIONS) -> list[MissionNames]:
    """The missions of ``fixtures/reference/missions.json`` as the pipeline matches
    them (name, short name and aliases), for use without a database."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        MissionNames(
            slug=row["slug"],
            name=row["name"],
            aliases=tuple(
                dict.fromkeys(a for a in [row.get("short_name", ""), *row.get("aliases", [])] if a)
            ),
        )
        for row in rows
    ]
