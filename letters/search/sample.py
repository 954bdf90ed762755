"""The fixed counting sample: the letters whose id is a multiple of ``every``.

Facet counts for a search matching most of the archive are estimated from it
(``letters.filters``). Fixed, not random, so that the same search gives the same
estimate every time and PostgreSQL can keep partial indexes over it (migration
0008, whose predicate is exactly this SQL).
"""

from __future__ import annotations

from django.db.models import BooleanField, Func


class InSample(Func):
    """``(id % every) = 0`` as a condition."""

    output_field = BooleanField()

    def __init__(self, expression, *, every: int):
        super().__init__(expression)
        self.every = int(every)

    def as_sql(self, compiler, connection, **extra):
        # "%%%%": the template is %-formatted once here, the SQL once more by the driver.
        return super().as_sql(
            compiler, connection, template=f"(%(expressions)s %%%% {self.every}) = 0", **extra
        )
