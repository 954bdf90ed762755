"""The fixed counting sample: the letters whose id is a multiple of ``every``.

Facet counts for a search matching most of the archive are estimated from it
(``letters.filters``). Fixed, not random, so that the same search gives the same
estimate every time and PostgreSQL can keep partial indexes over it (migration
0008, whose predicate is exactly this SQL).
"""

from __future__ import annotations

from django.db.models import BooleanField, Func


class InSample(Func):
    """``(id % every) = 0`` as a condition; with ``as_function`` spelled
    ``MOD(id, every) = 0``.

    The two spellings mean the same, but PostgreSQL matches a partial index
    only to the spelling of its predicate. Migration 0008 gives the GIN indexes
    (for searches with words) the MOD spelling and the B-tree indexes (for the
    sample without words) the % spelling, so that a search never finds the
    sample through a B-tree and then decompresses each letter's vector to test
    it, which the planner thinks cheap and is not."""

    output_field = BooleanField()

    def __init__(self, expression, *, every: int, as_function: bool = False):
        super().__init__(expression)
        self.every = int(every)
        self.as_function = as_function

    def as_sql(self, compiler, connection, **extra):
        if self.as_function:
            template = f"MOD(%(expressions)s, {self.every}) = 0"
        else:
            # "%%%%": the template is %-formatted here, the SQL once more by the driver.
            template = f"(%(expressions)s %%%% {self.every}) = 0"
        return super().as_sql(compiler, connection, template=template, **extra)
