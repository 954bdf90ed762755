"""The publisher's links (``<extref>``) and how they compare with the citations our
own extractor finds in the same text.

A link and a citation *match* when they name the same Kamerstuk (or Handeling) and
cover overlapping text: the comparison is per place in the text, not per key, so a
reference our extractor misses is counted even when the same key is found elsewhere.
Precision and recall of our extractor follow (``CitationScore``); the admin page
lists the differences and ``citation_report`` sums the scores over the archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from letters.ingest.types import CitationFound, ProceedingFound
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey
from letters.official.types import (
    LINK_HANDELING,
    LINK_KAMERSTUK,
    LINK_OTHER,
    LINK_URL,
    PublisherLink,
)

_KST = re.compile(r"(?<![\w-])(kst-[0-9A-Za-z-]+?)(?:\.html|\.xml|\.pdf)?(?:[?#/].*)?$")
_HANDELING = re.compile(r"^h-(?:tk|ek|vv)-\d{8}-[0-9A-Za-z-]+$")
_OFFICIAL_HOSTS = ("zoek.officielebekendmakingen.nl", "repository.overheid.nl")

Found = CitationFound | ProceedingFound


def classify(target: str, soort: str = "") -> tuple[str, KamerstukKey | None]:
    """``doc="kst-33694-12"`` → (``LINK_KAMERSTUK``, 33694-12); a web address of the
    publisher's own site counts as the document it shows."""
    target = target.strip()
    lowered = target.lower()
    is_url = soort.lower() == "url" or lowered.startswith(("http://", "https://", "www."))
    if is_url and not any(host in lowered for host in _OFFICIAL_HOSTS):
        return LINK_URL, None
    name = target.rsplit("/", 1)[-1] if is_url else target
    if match := _KST.search(name):
        try:
            return LINK_KAMERSTUK, KamerstukKey.parse(match.group(1))
        except InvalidKamerstuk:
            return LINK_KAMERSTUK, None  # an opaque id ("kst-1268678") or a lettered number
    name = re.sub(r"\.(?:html|xml|pdf)$", "", name)
    if _HANDELING.match(name.lower()):
        return LINK_HANDELING, None
    return (LINK_URL if is_url else LINK_OTHER), None


def link_key(link: PublisherLink) -> str:
    """What a link names, in the same spelling as ``found_key``: "33694-12", "h-tk-20192020-23-4"."""
    if link.kind == LINK_KAMERSTUK and link.key is not None:
        return link.key.key
    if link.kind == LINK_HANDELING:
        return re.sub(r"\.(?:html|xml|pdf)$", "", link.target.rsplit("/", 1)[-1].lower())
    return ""


def found_key(found: Found) -> str:
    return found.key.key if isinstance(found, CitationFound) else found.key


@dataclass(frozen=True)
class CitationScore:
    """Counts that add up over letters; precision and recall are None when undefined."""

    matched: int = 0
    only_publisher: int = 0
    only_ours: int = 0

    def __add__(self, other: CitationScore) -> CitationScore:
        return CitationScore(
            self.matched + other.matched,
            self.only_publisher + other.only_publisher,
            self.only_ours + other.only_ours,
        )

    @property
    def precision(self) -> float | None:
        found = self.matched + self.only_ours
        return self.matched / found if found else None

    @property
    def recall(self) -> float | None:
        given = self.matched + self.only_publisher
        return self.matched / given if given else None


@dataclass(frozen=True)
class CitationComparison:
    matched: tuple[tuple[PublisherLink, Found], ...]
    only_publisher: tuple[PublisherLink, ...]  # a link we do not find
    only_ours: tuple[Found, ...]  # a citation the publisher does not link

    @property
    def score(self) -> CitationScore:
        return CitationScore(len(self.matched), len(self.only_publisher), len(self.only_ours))


def compare_citations(
    given: Iterable[PublisherLink],
    found: Sequence[Found],
    *,
    own_key: KamerstukKey | None = None,
) -> CitationComparison:
    """Links that name a Kamerstuk or Handeling against our citations and proceedings.
    Links to other things (web pages, Staatsblad, bijlagen) are not compared: our
    extractor does not look for them."""
    links = [
        link
        for link in given
        if link_key(link) and not (own_key is not None and link.key == own_key)
    ]
    unused = list(found)
    matched: list[tuple[PublisherLink, Found]] = []
    only_publisher: list[PublisherLink] = []
    for link in sorted(links, key=lambda item: item.start):
        partner = next(
            (
                item
                for item in unused
                if found_key(item) == link_key(link)
                and item.start < link.end
                and link.start < item.end
            ),
            None,
        )
        if partner is None:
            only_publisher.append(link)
        else:
            unused.remove(partner)
            matched.append((link, partner))
    return CitationComparison(tuple(matched), tuple(only_publisher), tuple(unused))
