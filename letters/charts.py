"""A small horizontal bar chart drawn on the server as accessible SVG.

No script, no external library: the SVG carries ``role="img"``, a ``<title>`` and a
``<desc>`` naming every value, and the page shows the same numbers in a table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from letters.annotate import SafeHTML

WIDTH = 640
LABEL_WIDTH = 150
VALUE_WIDTH = 150  # at least; more for longer values
# The width of one character of a value at the chart's 14 px (digits and "€ ."),
# generously: a value written past the drawing's edge would be cut off.
VALUE_CHAR_WIDTH = 9
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 8


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: Sequence[tuple[str, Decimal | int]],
    format_value: Callable[[Decimal | int], str] = str,
) -> SafeHTML:
    """``bars`` is a list of (label, value) pairs; values must not be negative."""
    if not bars:
        return SafeHTML("")
    largest = max((value for _, value in bars), default=0) or 1
    longest = max(len(format_value(value)) for _, value in bars)
    plot_width = WIDTH - LABEL_WIDTH - max(VALUE_WIDTH, longest * VALUE_CHAR_WIDTH + 12)
    height = PADDING * 2 + ROW_HEIGHT * len(bars)
    title_id, desc_id = f"{chart_id}-titel", f"{chart_id}-omschrijving"
    description = "; ".join(f"{label}: {format_value(value)}" for label, value in bars)

    parts = [
        f'<svg class="bar-chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    for row, (label, value) in enumerate(bars):
        y = PADDING + row * ROW_HEIGHT
        bar_width = max(float(value) / float(largest) * plot_width, 1 if value else 0)
        text_y = y + BAR_HEIGHT / 2
        parts.append(
            f'<g><text class="bar-label" x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" '
            f'text-anchor="end" dominant-baseline="middle">{escape(str(label))}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{bar_width:.1f}" '
            f'height="{BAR_HEIGHT}"></rect>'
            f'<text class="bar-value" x="{LABEL_WIDTH + bar_width + 6:.1f}" y="{text_y:.1f}" '
            f'dominant-baseline="middle">{escape(format_value(value))}</text></g>'
        )
    parts.append("</svg>")
    return SafeHTML("".join(parts))
