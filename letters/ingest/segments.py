"""The cleaned letter split once into paragraphs and sentences.

``pipeline.extract`` builds one ``Segments`` value from the ``CleanText`` and
hands it to every extractor (metadata, citations, amounts, missions,
recommendations); none of them splits the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from letters.ingest.sentences import Sentence, SentenceIndex
from letters.ingest.types import FOOTNOTE, Block, CleanText


@dataclass(frozen=True)
class Segments:
    clean: CleanText
    sentences: SentenceIndex
    body: tuple[Block, ...]  # paragraphs, list items and headings (no footnotes)
    notes_start: int  # where the footnotes begin; ``len(text)`` when there are none

    @classmethod
    def of(cls, source: CleanText | Segments) -> Segments:
        """The segments of a cleaned text (a ``Segments`` value is returned as it is)."""
        if isinstance(source, Segments):
            return source
        body = tuple(block for block in source.blocks if block.kind != FOOTNOTE)
        notes_start = next(
            (block.start for block in source.blocks if block.kind == FOOTNOTE), len(source.text)
        )
        return cls(source, SentenceIndex(source.text), body, notes_start)

    @property
    def text(self) -> str:
        return self.clean.text

    def block_text(self, block: Block) -> str:
        return self.clean.text[block.start : block.end]

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences.at(offset)

    def sentences_in(self, start: int, end: int) -> tuple[Sentence, ...]:
        return self.sentences.within(start, end)
