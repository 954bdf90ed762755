"""The user's search text, parsed into a small safe structure.

Supported, like common web search engines:

- words: all must occur (``missie mali``); Dutch stemming, no diacritics needed;
- ``"quoted phrases"``: the words in this order (an unclosed quote runs to the end);
- ``-word`` or ``-"a phrase"`` (or ``NOT word``): letters without it;
- ``a OR b``: either; binds tighter than the implicit AND, so
  ``missie mali OR afghanistan`` means missie AND (mali OR afghanistan).

Anything else (brackets, ``*``, ``NEAR``, ``:``, SQL) is just text: only words
(letters and digits) survive, so nothing the user types reaches a database query
language. The backends quote every stem themselves. Input is capped in length and
number of terms, so a 10 000-character query costs no more than a short one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from letters.search.tokens import word_stems, words

MAX_QUERY_LENGTH = 500
MAX_TERMS = 12
MAX_WORDS_PER_TERM = 10

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_DASHES = str.maketrans({"−": "-", "–": "-"})
_TOKEN_RE = re.compile(r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


@dataclass(frozen=True)
class Term:
    """One word or phrase: ``stems`` are the index tokens, in order."""

    stems: tuple[str, ...]
    text: str  # as typed, for display
    negated: bool = False
    loose: bool = False  # all of the words, in any order (see ParsedQuery.loosened)

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1 and not self.loose


@dataclass(frozen=True)
class ParsedQuery:
    """``groups`` must all match (AND); a group matches when any of its terms
    does (OR). ``excluded`` terms must not occur."""

    text: str = ""
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    @property
    def has_positive_terms(self) -> bool:
        return bool(self.groups)

    def loosened(self) -> ParsedQuery:
        """A query matching at least the letters this one matches, without
        phrases: a phrase becomes all of its words, an excluded phrase is
        dropped. PostgreSQL's index answers it without reading any letter's
        vector, which checking a phrase needs."""
        return replace(
            self,
            groups=tuple(
                tuple(replace(term, loose=True) if term.is_phrase else term for term in group)
                for group in self.groups
            ),
            excluded=tuple(term for term in self.excluded if not term.is_phrase),
        )

    @property
    def highlight_stems(self) -> frozenset[str]:
        return frozenset(stem for group in self.groups for term in group for stem in term.stems)


def clean_query_text(raw: str | None) -> str:
    """Remove what no one means to type (NUL bytes, control characters) and
    unify quotes and dashes; keep the rest as typed."""
    if not raw:
        return ""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in str(raw)
    )
    return " ".join(text.translate(_QUOTES).translate(_DASHES).split())


def parse_query(raw: str | None) -> ParsedQuery:
    text = clean_query_text(raw)
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        # Cut at a space so no half word is searched for.
        head = text[:MAX_QUERY_LENGTH]
        text = head.rsplit(" ", 1)[0] if " " in head else head

    groups: list[list[Term]] = []
    excluded: list[Term] = []
    seen: set[tuple[tuple[str, ...], bool]] = set()
    pending_or = False
    pending_not = False
    previous_was_positive = False

    for match in _TOKEN_RE.finditer(text):
        phrase, word = match.group("phrase"), match.group("word")
        negated = bool(match.group("neg")) or pending_not
        if phrase is None and not match.group("neg"):
            if word == "OR":
                pending_or = previous_was_positive
                continue
            if word == "AND":
                continue
            if word == "NOT":
                pending_not = True
                continue
        pending_not = False
        source = phrase if phrase is not None else word
        stems = tuple(stem for w in words(source) for stem in word_stems(w))[:MAX_WORDS_PER_TERM]
        if not stems:
            continue
        key = (stems, negated)
        if key in seen:
            continue
        if len(seen) >= MAX_TERMS:
            truncated = True
            break
        seen.add(key)
        term = Term(stems=stems, text=source.strip(), negated=negated)
        if negated:
            excluded.append(term)
            previous_was_positive = False
        elif pending_or and groups:
            groups[-1].append(term)
            previous_was_positive = True
        else:
            groups.append([term])
            previous_was_positive = True
        pending_or = False

    return ParsedQuery(
        text=text,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        truncated=truncated,
    )
