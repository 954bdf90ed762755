"""Reading query parameters without ever failing: a bad value is ignored and,
where the user chose it, explained in a notice."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest


@dataclass(frozen=True)
class Choice:
    """One value of a facet, with its count and the link that selects or clears it."""

    value: str
    label: str
    count: int
    selected: bool
    url: str


def int_param(
    request: HttpRequest, name: str, *, minimum: int = 0, maximum: int = 10**6
) -> int | None:
    raw = request.GET.get(name, "").strip()
    # isascii(): "²" and other Unicode digits pass isdigit() but not int().
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 7:
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def query_with(request: HttpRequest, **changes: str | int | None) -> str:
    """The current query string with ``changes`` applied (None removes a parameter);
    any page number is dropped, because a new filter starts on page one."""
    params = request.GET.copy()
    for key in ("page", *changes):
        params.pop(key, None)
    for key, value in changes.items():
        if value is not None and value != "":
            params[key] = str(value)
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


def choices(
    request: HttpRequest,
    name: str,
    options: list[tuple[str, str, int]],
    selected: str | None,
    selected_label: str = "",
) -> list[Choice]:
    """Facet links for ``options`` (value, label, count): selecting the chosen one again
    clears it. The chosen value stays listed (with 0) when the other filters leave none,
    so that it can always be cleared."""
    if selected and selected not in {value for value, _, _ in options}:
        options = [*options, (selected, selected_label or selected, 0)]
    return [
        Choice(
            value=value,
            label=label,
            count=count,
            selected=value == selected,
            url=query_with(request, **{name: None if value == selected else value}),
        )
        for value, label, count in options
    ]


def ignored_notice(label: str, value: str) -> str:
    shown = value if len(value) <= 40 else value[:40] + "…"
    return f"Onbekende waarde voor {label} genegeerd: „{shown}”."
