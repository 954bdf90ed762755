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

from letters.ingest.sentences import sentence_at
from letters.ingest.types import CleanText, MissionAlias, MissionFound

REFERENCE_MISSIONS = Path(__file__).resolve().parents[2] / "fixtures" / "reference" / "missions.json"

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"

# Decision cues, checked in this order on the folded clause (then sentence).
_DECISIONS = (
    ("end", re.compile(r"\bbeeindig|\bwordt gestopt\b|\bte stoppen\b|\bstopgezet\b")),
    (
        "intensification",
        re.compile(r"\bintensiver|\bgeintensiveerd|\bintensivering|\buit te breiden\b|\bop te schalen\b"),
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
    ("report", re.compile(r"\bvoortgangsrapportage|\btussenrapportage|\brapporteert\b|\bstand van zaken\b")),
)
_UNDECIDED = re.compile(
    r"\bonderzoek(?:t|en)\b|\bwenselijkheid\b|\boverweeg|\bbezien\b|\bverzocht|\bgevraagd\b|"
    r"\bbesluiten te nemen\b|\bwordt (?:op korte termijn )?besloten\b|\bvoornemens\b|\bvoor de hand\b"
)
_DECIDED = re.compile(r"\b(?:heeft|hebben|is)\b(?: \w+){0,3} besloten\b")
_CLAUSE_BREAK = re.compile(r"[,;] ")


def find_missions(clean: CleanText, missions: Sequence[MissionAlias]) -> list[MissionFound]:
    matcher = _matcher(tuple(missions))
    if matcher is None:
        return []
    text = clean.text
    folded = fold(text)
    found = []
    mentions = [(m.start(), m.end()) for m in matcher.pattern.finditer(folded)]
    for start, end in mentions:
        sentence = sentence_at(text, start)
        targets = matcher.targets[" ".join(folded[start:end].split())]
        decision = _decision(folded, sentence.start, sentence.end, start, mentions, matcher)
        for slug, name in targets:
            found.append(
                MissionFound(
                    slug=slug,
                    name=name,
                    text=text[sentence.start : sentence.end],
                    start=start,
                    end=end,
                    matched=text[start:end],
                    decision=decision,
                )
            )
    return found


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
def _matcher(missions: tuple[MissionAlias, ...]) -> _Matcher | None:
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


def _decision(
    folded: str,
    sentence_start: int,
    sentence_end: int,
    start: int,
    mentions: list[tuple[int, int]],
    matcher: _Matcher,
) -> str | None:
    sentence = folded[sentence_start:sentence_end]
    if _UNDECIDED.search(sentence) and not _DECIDED.search(sentence):
        return None
    clause = _clause(sentence, start - sentence_start)
    if decision := _cue(clause):
        return decision
    # Only a sentence about this one mission lends its decision to it.
    slugs = {
        slug
        for m_start, m_end in mentions
        if sentence_start <= m_start < sentence_end
        for slug, _ in matcher.targets[" ".join(folded[m_start:m_end].split())]
    }
    return _cue(sentence) if len(slugs) == 1 else None


def _clause(sentence: str, offset: int) -> str:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
    left = max((b for b in breaks if b <= offset), default=0)
    right = min((b for b in breaks if b > offset), default=len(sentence))
    return sentence[left:right]


def _cue(text: str) -> str | None:
    for decision, pattern in _DECISIONS:
        if pattern.search(text):
            return decision
    return None


def load_reference_missions(path: Path | str = REFERENCE_MISSIONS) -> list[MissionAlias]:
    """The missions of ``fixtures/reference/missions.json`` as the pipeline matches
    them (name, short name and aliases), for use without a database."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        MissionAlias(
            slug=row["slug"],
            name=row["name"],
            aliases=tuple(
                dict.fromkeys(a for a in [row.get("short_name", ""), *row.get("aliases", [])] if a)
            ),
        )
        for row in rows
    ]
