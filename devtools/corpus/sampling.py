"""Skewed choices: a few items get most of the picks, like citations in a real archive."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence


class Zipf:
    """Pick an index 0..n-1 with probability ∝ 1 / (rank + 1) ** exponent."""

    def __init__(self, n: int, exponent: float = 1.0):
        if n < 1:
            raise ValueError("Zipf needs at least one item")
        self.cumulative = list(itertools.accumulate(1.0 / (r + 1) ** exponent for r in range(n)))
        self.total = self.cumulative[-1]

    def __len__(self) -> int:
        return len(self.cumulative)

    def pick(self, rng: random.Random) -> int:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return min(index, len(self.cumulative) - 1)


def weighted(rng: random.Random, choices: Sequence[tuple[str, float]]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]
