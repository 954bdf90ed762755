"""A reproducible synthetic archive for scale tests and benchmarks.

Pure Python, no ORM: ``vocabulary`` learns sentence shapes from the seed
letters, ``generator`` plans a corpus (dossiers, numbers, dates, a citation
graph with a skewed in-degree) and writes each letter's text with every
citation, mission mention, amount and recommendation at known offsets.
``letters/management/commands/generate_corpus.py`` stores the result.
"""

from devtools.corpus.generator import CorpusGenerator, MissionInfo
from devtools.corpus.types import LetterSpec
from devtools.corpus.vocabulary import Vocabulary

__all__ = ["CorpusGenerator", "LetterSpec", "MissionInfo", "Vocabulary"]
