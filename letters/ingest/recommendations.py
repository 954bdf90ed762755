"""Recommendations a letter responds to.

Two shapes are recognised:

- an enumerated list ("1) …", "2. …", "a) …") right after a paragraph or heading
  that speaks of "aanbeveling(en)" or "hoofdconclusies" (seed 000: the three
  recommendations of the BIV policy review; seed 002: the three main
  conclusions of the WRR report, each worked out in recommendations). Sub-items
  ("•", "–") belong to the item above them;
- headings "Aanbeveling 3: …" (the letter then answers them one by one).

The report is named when the text allows: a «quoted title» after "rapport", or
a policy review of an acronym the letter spells out ("beleidsdoorlichting BIV"
→ "Beleidsdoorlichting Budget Internationale Veiligheid").
"""

from __future__ import annotations

import re

from letters.ingest.segments import Segments
from letters.ingest.types import HEADING, LIST_ITEM, Block, CleanText, RecommendationFound

_INTRO = re.compile(r"aanbeveling|hoofdconclusie|conclusies luiden", re.I)
_ENUMERATOR = re.compile(r"(?P<number>\d{1,2}|[A-Za-z])(?P<close>[.)])\s+")
_BULLET = re.compile(r"[•▪◦●○■□·*–—-]\s+")
_RECOMMENDATION_HEADING = re.compile(r"Aanbeveling\s+(?P<number>\d{1,2}[a-z]?)\s*[:.–-]?\s*", re.I)
_REPORT_NOUN = re.compile(
    r"\b(?P<noun>[\w-]*(?:rapport|advies|beleidsdoorlichting|evaluatie|doorlichting|onderzoek))\b",
    re.I,
)
_QUOTED_TITLE = re.compile(r"\b(?:rapport|advies)\s+«(?P<title>[^»]{5,250})»")
_REVIEW_OF = re.compile(r"beleidsdoorlichting\s+(?:van\s+(?:het|de)\s+)?(?P<acronym>[A-Z]{2,6})\b")
_INTRO_SENTENCES = 2


def find_recommendations(source: CleanText | Segments) -> list[RecommendationFound]:
    doc = Segments.of(source)
    clean = doc.clean
    body = doc.body
    found: list[RecommendationFound] = []
    index = 0
    while index < len(body):
        block = body[index]
        if block.kind == LIST_ITEM and (index == 0 or body[index - 1].kind != LIST_ITEM):
            end = index
            while end < len(body) and body[end].kind == LIST_ITEM:
                end += 1
            trigger, context = _intro(doc, index)
            if _INTRO.search(trigger):
                found.extend(_list_items(clean, body[index:end], _report(context, clean.text)))
            index = end
            continue
        if block.kind == HEADING and (
            match := _RECOMMENDATION_HEADING.match(clean.text, block.start)
        ):
            found.append(_from_heading(clean, body, index, match))
        index += 1
    return found


def _intro(doc: Segments, index: int) -> tuple[str, str]:
    """What introduces a list: its last sentences and the heading above them (to
    decide whether the list holds recommendations), and the whole paragraph with
    that heading (to find the report)."""
    if index == 0:
        return "", ""
    clean, body = doc.clean, doc.body
    block = body[index - 1]
    spans = doc.sentences_in(block.start, block.end)
    last = [clean.text[s.start : s.end] for s in spans[-_INTRO_SENTENCES:]]
    whole = [clean.text[block.start : block.end]]
    if index >= 2 and body[index - 2].kind == HEADING and block.kind != HEADING:
        heading = clean.text[body[index - 2].start : body[index - 2].end]
        last.insert(0, heading)
        whole.insert(0, heading)
    return " ".join(last), " ".join(whole)


def _list_items(clean: CleanText, items: list[Block], report: str) -> list[RecommendationFound]:
    """Top-level items (the enumerator kind of the first item) with their sub-items."""
    text = clean.text
    top_kind = _enumerator_kind(text, items[0])
    groups: list[list[Block]] = []
    for block in items:
        if _enumerator_kind(text, block) == top_kind or not groups:
            groups.append([block])
        else:
            groups[-1].append(block)
    found = []
    for position, group in enumerate(groups, start=1):
        first = group[0]
        enumerated = _ENUMERATOR.match(text, first.start)
        marker = enumerated or _BULLET.match(text, first.start)
        start = marker.end() if marker else first.start
        number = enumerated.group("number") if enumerated else str(position)
        end = group[-1].end
        found.append(
            RecommendationFound(
                number=number, text=text[start:end], start=start, end=end, report=report
            )
        )
    return found


def _enumerator_kind(text: str, block: Block) -> str:
    if match := _ENUMERATOR.match(text, block.start):
        number = match.group("number")
        kind = "digit" if number.isdigit() else "upper" if number.isupper() else "lower"
        return f"{kind}{match.group('close')}"
    if match := _BULLET.match(text, block.start):
        return match.group(0).strip()
    return ""


def _from_heading(
    clean: CleanText, body: tuple[Block, ...], index: int, match: re.Match
) -> RecommendationFound:
    block = body[index]
    start, end = match.end(), block.end
    if start >= end and index + 1 < len(body):  # "Aanbeveling 3" alone: the text follows
        start, end = body[index + 1].start, body[index + 1].end
    return RecommendationFound(
        number=match.group("number"),
        text=clean.text[start:end],
        start=start,
        end=end,
        report=_report(clean.text[: block.start][-600:], clean.text),
    )


def _report(intro: str, text: str) -> str:
    """The report the recommendations come from, when the letter names it."""
    noun = _REPORT_NOUN.search(intro)
    if not noun:
        return ""
    word = noun.group("noun")
    lowered = word.lower()
    if "doorlichting" in lowered and (review := _REVIEW_OF.search(text)):
        acronym = review.group("acronym")
        spelled = re.search(rf"((?:[A-Z][\w’-]*\s+){{1,6}})\({acronym}\)", text)
        if spelled:
            words = re.sub(r"^(?:Het|De|Een)\s+", "", spelled.group(1).strip())
            if words[:1] == acronym[:1]:
                return f"Beleidsdoorlichting {words}"
        return f"Beleidsdoorlichting {acronym}"
    if ("rapport" in lowered or "advies" in lowered) and (quoted := _QUOTED_TITLE.search(text)):
        return quoted.group("title")
    return word[:1].upper() + word[1:]
