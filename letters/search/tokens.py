"""Words as the search index sees them: lower case, without diacritics, stemmed.

Both backends index exactly these tokens, so PostgreSQL and SQLite find the same
letters. The stemmer is Snowball's current Dutch algorithm (Kraaij-Pohlmann) from
``snowballstemmer``; PostgreSQL's built-in ``dutch`` configuration uses the older
Porter variant, which does not even conflate "missies" with "missie" or
"brieven" with "brief". Diacritics are removed before stemming, so "Oekraine"
finds "Oekraïne" without the ``unaccent`` extension.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# A word: letters and digits. Combining marks are included so that text in
# decomposed form ("i" + U+0308) stays one word.
WORD_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# Words longer than this are not words (base64, garbage) and are not indexed.
MAX_WORD_LENGTH = 60

_local = threading.local()


def _stemmer():
    # Snowball stemmer objects keep state while stemming: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch")
    return stemmer


def strip_diacritics(text: str) -> str:
    """``"Oekraïne"`` → ``"Oekraine"``; ``"²"`` → ``"2"`` (compatibility forms too)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """The comparable form of one word as written: lower case, no diacritics."""
    return strip_diacritics(word).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index form of one word as written (``"Missies"`` → ``"missie"``)."""
    return _stemmer().stemWord(normalise_word(word))


@lru_cache(maxsize=200_000)
def word_stems(word: str) -> tuple[str, ...]:
    """The index tokens of one word as written: usually one; a compatibility
    character can split it ("1½" → "1", "1", "2")."""
    return tuple(WORD_RE.findall(stem(word)))


def words(text: str) -> list[str]:
    """The words of a text, as written, in order."""
    return [w for w in WORD_RE.findall(text) if len(w) <= MAX_WORD_LENGTH]


def index_text(text: str) -> str:
    """The text as the index stores it: its stems, separated by spaces.

    Stems can contain letters without a decomposition (``ø``, ``ß``) but never
    punctuation, so both PostgreSQL's parser and FTS5's tokenizer read each stem
    back as exactly one token.
    """
    found = WORD_RE.findall(text)
    # Each distinct word stemmed once; the rest runs in C (map, join): this is
    # most of the time spent indexing a letter.
    indexed = {
        word: " ".join(word_stems(word)) for word in set(found) if len(word) <= MAX_WORD_LENGTH
    }
    return " ".join(filter(None, map(indexed.get, found)))
