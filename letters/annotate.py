"""Turn a letter's cleaned text into safe HTML blocks: paragraphs, headings, list
items and footnotes, with our citation links and footnote markers woven in.

Plain Python (no ORM): the caller passes the body, its ``structure`` (block and
footnote-marker offsets, see ``letters.ingest.types``) and the links to make.
All letter text is escaped; the only markup is what this module writes itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import escape

from letters.ingest.types import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH

KINDS = {HEADING, PARAGRAPH, LIST_ITEM, FOOTNOTE}

# Blank lines separate paragraphs in a letter typed by hand (empty ``structure``).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Markers end up in ids and hrefs: only plain ones are used as they are.
_SAFE_MARKER = re.compile(r"^[0-9A-Za-z]{1,10}$")


class SafeHTML(str):
    """A string of HTML this module built (every piece of letter text escaped).
    Django templates and markupsafe both honour ``__html__`` and do not escape it again."""

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Link:
    """Make ``body[start:end]`` a link to ``href``."""

    start: int
    end: int
    href: str
    css_class: str = "citation"
    id: str = ""  # an anchor other pages can point at ("c12")
    # Anchors of links left out because they cover the same text ("Kamerstukken 33 694
    # en 26 643, nr. 47" is two citations in one place): they stay reachable here.
    also_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    number: int  # 1-based index in structure["blocks"]: the anchor is "p<number>"
    kind: str
    html: SafeHTML
    marker: str = ""  # footnote number, for footnote blocks
    note_id: str = ""  # "fn1": the anchor the markers in the text point at
    backref_id: str = ""  # "fnref1": the first marker pointing here, "" when none

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def element(self) -> SafeHTML:
        """The block as the letter page shows it: a heading or paragraph with its anchor
        and a pilcrow link to it (built here: a template loop over a hundred blocks
        costs milliseconds)."""
        pilcrow = f'<a class="pilcrow" href="#{self.anchor}" aria-label="Link naar'
        if self.kind == HEADING:
            return SafeHTML(
                f'<h3 class="block heading" id="{self.anchor}">{self.html} '
                f'{pilcrow} deze kop">¶</a></h3>'
            )
        css_class = "block list-item" if self.kind == LIST_ITEM else "block"
        return SafeHTML(
            f'<p class="{css_class}" id="{self.anchor}">{self.html} '
            f'{pilcrow} alinea {self.number}">¶</a></p>'
        )


@dataclass
class _Ref:
    marker: str
    offset: int
    ref_id: str = ""
    note_id: str = ""


@dataclass
class AnnotatedText:
    blocks: list[Block] = field(default_factory=list)

    @property
    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != FOOTNOTE]

    @property
    def footnotes(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == FOOTNOTE]

    @property
    def text_html(self) -> SafeHTML:
        """Every block but the footnotes, as ``Block.element``s, one per line."""
        return SafeHTML("\n".join(b.element for b in self.blocks if b.kind != FOOTNOTE))


def annotate(body: str, structure: dict | None, links: Iterable[Link] = ()) -> AnnotatedText:
    """The letter as HTML blocks. ``structure`` may be empty or stale: blocks that do
    not fit the body are dropped, and with none left the body is split on blank lines."""
    body = body or ""
    structure = structure if isinstance(structure, dict) else {}
    raw_blocks = valid_blocks(structure.get("blocks"), len(body)) or _split_paragraphs(body)

    note_ids = {
        block["marker"]: _note_id(block["marker"], number)
        for number, block in raw_blocks
        if block["kind"] == FOOTNOTE and block["marker"]
    }
    refs = _refs(structure.get("footnote_refs"), len(body), note_ids)
    first_ref = {}
    for ref in refs:
        first_ref.setdefault(ref.marker, ref.ref_id)
    accepted_links = _non_overlapping(links, len(body))

    blocks = []
    used_ids: set[str] = set()  # a link split over two blocks keeps its anchor in the first
    for number, raw in raw_blocks:
        start, end = raw["start"], raw["end"]
        if raw["kind"] == FOOTNOTE:
            start = _after_marker(body, start, end, raw["marker"])
        block_refs = (
            [r for r in refs if start <= r.offset <= end] if raw["kind"] != FOOTNOTE else []
        )
        block_links = [link for link in accepted_links if link.start < end and link.end > start]
        html = _render(body, start, end, block_links, block_refs, used_ids)
        marker = raw["marker"] if raw["kind"] == FOOTNOTE else ""
        blocks.append(
            Block(
                number=number,
                kind=raw["kind"],
                html=html,
                marker=marker,
                note_id=note_ids.get(marker, "") if marker else "",
                backref_id=first_ref.get(marker, "") if marker else "",
            )
        )
    return AnnotatedText(blocks)


# -- input checking -----------------------------------------------------------
def valid_blocks(blocks, length: int) -> list[tuple[int, dict]]:
    """(number, block) for the blocks that fit: numbers stay the 1-based index in the
    stored list so that anchors are stable even when one block is dropped. The search
    snippets number paragraphs with this same rule (``iter_valid_blocks``), so their
    #pN links agree."""
    return list(iter_valid_blocks(blocks, length))


def iter_valid_blocks(blocks, length: int) -> Iterator[tuple[int, dict]]:
    """``valid_blocks`` one at a time, for a reader that stops early (a snippet needs
    the first few paragraphs of a long letter, not all of them)."""
    if not isinstance(blocks, list):
        return
    previous_end = 0
    for index, block in enumerate(blocks, start=1):
        if not isinstance(block, dict):
            continue
        start, end = block.get("start"), block.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        if not (previous_end <= start < end <= length):
            continue
        kind = block.get("kind") if block.get("kind") in KINDS else PARAGRAPH
        marker = str(block.get("marker") or "") if kind == FOOTNOTE else ""
        yield index, {"kind": kind, "start": start, "end": end, "marker": marker}
        previous_end = end


def _split_paragraphs(body: str) -> list[tuple[int, dict]]:
    result = []
    position = 0
    pieces = [*_PARAGRAPH_BREAK.finditer(body), None]
    for separator in pieces:
        stop = separator.start() if separator else len(body)
        chunk = body[position:stop]
        if chunk.strip():
            start = position + (len(chunk) - len(chunk.lstrip()))
            end = position + len(chunk.rstrip())
            result.append(
                (len(result) + 1, {"kind": PARAGRAPH, "start": start, "end": end, "marker": ""})
            )
        if separator:
            position = separator.end()
    return result


def _after_marker(body: str, start: int, end: int, marker: str) -> int:
    """The page shows the footnote's number itself: skip it when the text repeats it."""
    match = re.match(rf"{re.escape(marker)}[ \t]+", body[start:end]) if marker else None
    return start + match.end() if match and start + match.end() < end else start


def _note_id(marker: str, number: int) -> str:
    return f"fn{marker}" if _SAFE_MARKER.match(marker) else f"fn-p{number}"


def _refs(raw_refs, length: int, note_ids: dict[str, str]) -> list[_Ref]:
    if not isinstance(raw_refs, list):
        return []
    usable = [
        raw
        for raw in raw_refs
        if isinstance(raw, dict)
        and isinstance(raw.get("offset"), int)
        and 0 <= raw["offset"] <= length
        and raw.get("marker")
    ]
    refs = []
    seen: dict[str, int] = {}
    # In reading order, so the first marker in the text is the one a note links back to.
    for raw in sorted(usable, key=lambda r: r["offset"]):
        marker = str(raw["marker"])
        seen[marker] = seen.get(marker, 0) + 1
        note_id = note_ids.get(marker, "")
        ref_id = ""
        if note_id:
            base = "fnref" + note_id[2:]
            ref_id = base if seen[marker] == 1 else f"{base}-{seen[marker]}"
        refs.append(_Ref(marker=marker, offset=raw["offset"], ref_id=ref_id, note_id=note_id))
    return refs


def _non_overlapping(links: Iterable[Link], length: int) -> list[Link]:
    """Links inside the body, first and longest first; a link overlapping an earlier
    one is left out (nested or crossing <a> elements are not valid HTML)."""
    candidates = sorted(
        (link for link in links if link.href and 0 <= link.start < link.end <= length),
        key=lambda link: (link.start, -link.end),
    )
    accepted: list[Link] = []
    for link in candidates:
        if accepted and link.start < accepted[-1].end:
            if link.id:
                kept = accepted[-1]
                accepted[-1] = replace(kept, also_ids=(*kept.also_ids, link.id))
            continue
        accepted.append(link)
    return accepted


# -- rendering ----------------------------------------------------------------
def _render(
    body: str, start: int, end: int, links: list[Link], refs: list[_Ref], used_ids: set[str]
) -> SafeHTML:
    out: list[str] = []
    position = start
    pending = list(refs)

    def text_until(stop: int, *, inclusive: bool) -> None:
        nonlocal position
        while pending and (pending[0].offset < stop or (inclusive and pending[0].offset == stop)):
            ref = pending.pop(0)
            offset = max(ref.offset, position)
            out.append(_text(body[position:offset]))
            out.append(_marker(ref))
            position = offset
        out.append(_text(body[position:stop]))
        position = stop

    for link in links:
        link_start, link_end = max(link.start, start), min(link.end, end)
        text_until(link_start, inclusive=False)
        for also_id in link.also_ids:
            if also_id not in used_ids:
                used_ids.add(also_id)
                out.append(f'<span id="{escape(also_id)}"></span>')
        id_attr = ""
        if link.id and link.id not in used_ids:
            used_ids.add(link.id)
            id_attr = f' id="{escape(link.id)}"'
        out.append(
            f'<a class="{escape(link.css_class)}" href="{escape(link.href)}"{id_attr}>'
            f"{_text(body[link_start:link_end])}</a>"
        )
        position = link_end
        # A marker inside the link text goes right after the link.
        while pending and pending[0].offset < link_end:
            out.append(_marker(pending.pop(0)))
    text_until(end, inclusive=True)
    return SafeHTML("".join(out))


def _text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>\n")


def _marker(ref: _Ref) -> str:
    label = escape(ref.marker)
    if not ref.note_id:
        return f"<sup>{label}</sup>"
    return f'<sup><a href="#{ref.note_id}" id="{ref.ref_id}">{label}</a></sup>'
