"""Sentence shapes and words learnt from the seed letters at run time.

The seeds are raw text copied from PDFs (hard line breaks, hyphenation, page
furniture, footnotes). A light clean-up is enough here: we only want plain
sentences and headings, not offsets. Sentences that name something the ingest
pipeline would extract (a Kamerstuk, Handelingen, an amount, a mission alias)
are left out of the pool: the generator inserts those itself, at known offsets,
so the stored citations, mission links and budget lines are exactly what is in
the text.

New sentences come from an order-2 word Markov chain over the pool, so the
text has the seeds' vocabulary and rhythm without repeating whole letters.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_FURNITURE = re.compile(
    r"^\s*(kst-\d|ISSN|’s-Gravenhage|'s-Gravenhage|Tweede Kamer, vergaderjaar|\d+\s*$)"
)
_FOOTNOTE_LINE = re.compile(r"^\d{1,2} [A-Z“«(]")
_GLUED_MARKER = re.compile(r"(?<=[a-zà-ÿ\)»”’])\d{1,2}(?=[\s.,;:]|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“«(])")
# What the ingest pipeline extracts; such sentences stay out of the pool.
_EXTRACTABLE = re.compile(
    r"kamerstuk|handelingen|\bnr\.|miljoen|miljard|€|\beuro\b|aanbeveling|\d{2} ?\d{3}",
    re.IGNORECASE,
)
FALLBACK_HEADINGS = (
    "Inleiding",
    "Achtergrond",
    "Politieke context",
    "Veiligheidssituatie",
    "Nederlandse inzet",
    "Financiële aspecten",
    "Risico’s",
    "Samenwerking met partners",
    "Vervolg",
    "Tot slot",
)


@dataclass(frozen=True)
class SeedText:
    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    sizes: tuple[int, ...]  # characters of each seed letter's text


def read_seed_texts(paths: Iterable[Path]) -> SeedText:
    sentences, headings, sizes = [], [], []
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        paragraphs = _paragraphs(raw)
        sizes.append(sum(len(p) + 2 for p in paragraphs))
        for paragraph in paragraphs:
            if _looks_like_heading(paragraph):
                headings.append(paragraph)
                continue
            sentences.extend(s for s in _SENTENCE_END.split(paragraph) if 40 <= len(s) <= 400)
    return SeedText(tuple(sentences), tuple(dict.fromkeys(headings)), tuple(sizes))


def _paragraphs(raw: str) -> list[str]:
    paragraphs, lines = [], []
    for line in raw.replace("\f", "\n\n").splitlines():
        if _FURNITURE.match(line) or _FOOTNOTE_LINE.match(line.strip()):
            continue
        if not line.strip():
            if lines:
                paragraphs.append(_join_lines(lines))
                lines = []
            continue
        lines.append(line.strip())
    if lines:
        paragraphs.append(_join_lines(lines))
    return [p for p in paragraphs if p]


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line  # undo hyphenation across a line break
        else:
            text = f"{text} {line}" if text else line
    return " ".join(_GLUED_MARKER.sub("", text).split())


def _looks_like_heading(paragraph: str) -> bool:
    return (
        len(paragraph) <= 70
        and paragraph[:1].isupper()
        and not paragraph.endswith((".", ":", ";", ","))
        and not any(ch.isdigit() for ch in paragraph)
    )


class Vocabulary:
    """The sentence pool, headings and size spread the generator draws from."""

    def __init__(
        self,
        seeds: SeedText,
        *,
        forbidden: Iterable[str] = (),
        seed: int = 0,
        generated: int = 3000,
    ):
        forbidden_re = _alternation(forbidden)
        real = [
            s
            for s in seeds.sentences
            if not _EXTRACTABLE.search(s) and not (forbidden_re and forbidden_re.search(s))
        ]
        if not real:
            raise ValueError("De seed-brieven leveren geen bruikbare zinnen op.")
        chain = _MarkovChain(real)
        rng = random.Random(f"vocabulary:{seed}")
        synthetic = []
        for _ in range(generated * 3):
            sentence = chain.sentence(rng)
            if (
                sentence
                and not _EXTRACTABLE.search(sentence)
                and not (forbidden_re and forbidden_re.search(sentence))
            ):
                synthetic.append(sentence)
            if len(synthetic) >= generated:
                break
        self.sentences: tuple[str, ...] = tuple(real + synthetic)
        self.headings: tuple[str, ...] = tuple(
            h for h in dict.fromkeys([*seeds.headings, *FALLBACK_HEADINGS])
            if not (forbidden_re and forbidden_re.search(h))
        )
        self.mean_sentence = statistics.fmean(len(s) for s in self.sentences) + 1
        logs = [math.log(size) for size in seeds.sizes if size > 0] or [math.log(20_000)]
        # The seeds' size spread as a log-normal distribution.
        self.log_size_mu = statistics.fmean(logs)
        self.log_size_sigma = statistics.pstdev(logs) if len(logs) > 1 else 0.8

    @classmethod
    def from_directory(cls, directory: Path, **kwargs) -> Vocabulary:
        paths = sorted(Path(directory).glob("*.txt"))
        if not paths:
            raise ValueError(f"Geen seed-brieven (*.txt) gevonden in {directory}.")
        return cls(read_seed_texts(paths), **kwargs)


def _alternation(words: Iterable[str]) -> re.Pattern | None:
    words = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


class _MarkovChain:
    """Order-2 word chain: (w1, w2) → possible next words."""

    def __init__(self, sentences: list[str]):
        self.starts: list[tuple[str, str]] = []
        self.next: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sentence in sentences:
            words = sentence.split()
            if len(words) < 4:
                continue
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:], strict=False):
                self.next[(a, b)].append(c)

    def sentence(self, rng: random.Random) -> str | None:
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < 60:
            options = self.next.get((a, b))
            if not options:
                break
            c = rng.choice(options)
            words.append(c)
            if c.endswith((".", "?", "!")) and len(words) >= 8:
                break
            a, b = b, c
        text = " ".join(words)
        if not text.endswith((".", "?", "!")) or len(words) < 8:
            return None
        # Balanced quotes and brackets, or the sentence looks broken.
        if text.count("(") != text.count(")") or text.count("«") != text.count("»"):
            return None
        return text
