"""Page-number pagination for API lists: ``page`` and ``page_size``, with absolute
``next`` and ``previous`` links that keep every other parameter.

Two queries per page (a count and the page), whatever the size of the list.
Lists are always ordered down to a unique column, so pages never overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from letters import site
from letters.api.errors import ApiError, bad_parameter

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


def positive_int(params, name: str, *, default: int, maximum: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 7 or not 1 <= int(raw) <= maximum:
        raise bad_parameter(
            name,
            f"„{raw[:20]}” is geen geldige waarde voor {name}: een geheel getal van 1 tot en met {maximum}.",
        )
    return int(raw)


@dataclass
class PageOf:
    items: list
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None

    def body(self, results: list, **extra) -> dict:
        return {
            "count": self.count,
            "page": self.page,
            "pages": self.pages,
            "next": self.next,
            "previous": self.previous,
            **extra,
            "results": results,
        }


def _link(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return site.absolute(request, f"{request.path}?{params.urlencode()}")


def paginate(request, rows, *, count: int | None = None) -> PageOf:
    """``rows`` is an ordered queryset or a list. A page past the end is a 404,
    except page 1 of an empty list."""
    page = positive_int(request.GET, "page", default=1, maximum=MAX_PAGE)
    size = positive_int(request.GET, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    if count is None:
        count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    pages = max(1, math.ceil(count / size))
    if page > pages:
        raise ApiError(
            404,
            f"Pagina {page} bestaat niet: er {'is' if pages == 1 else 'zijn'} {pages} "
            f"pagina{'' if pages == 1 else '’s'} met {size} per pagina.",
        )
    offset = (page - 1) * size
    items = list(rows[offset : offset + size])
    return PageOf(
        items=items,
        count=count,
        page=page,
        pages=pages,
        next=_link(request, page + 1) if page < pages else None,
        previous=_link(request, page - 1) if page > 1 else None,
    )
