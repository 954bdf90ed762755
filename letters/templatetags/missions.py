"""A mission's timeline and amounts, and what a letter says about a mission, written
in Python: a timeline page lists 50 letters and 50 amounts, and the template loops
took a third of the mission page's time."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

from letters.formatting import format_euro, format_period
from letters.templatetags.html_parts import date_html, kamerstuk_label, mention_html

register = template.Library()


def _timeline_entry(entry) -> str:
    letter = entry.letter
    if letter.date:
        when = date_html(letter.date)
    else:
        when = str(letter.year) if letter.year else "Datum onbekend"
    return (
        f'<li>\n<p class="timeline-date">{when}</p>\n'
        f'<a class="letter-item-title" href="{escape(letter.get_absolute_url())}">'
        f"{escape(letter.title)}</a>\n"
        f'<span class="letter-item-meta">{kamerstuk_label(letter)}</span>\n'
        f"{mention_html(entry.decisions, entry.mentions[0] if entry.mentions else None)}\n</li>"
    )


@register.simple_tag
def mission_timeline(entries) -> str:
    """One <li> per letter (``selectors.missions.TimelineEntry``): date, title,
    Kamerstuk, and its decisions about the mission or else the sentence naming it."""
    return mark_safe("\n".join(_timeline_entry(entry) for entry in entries))


def _budget_row(line) -> str:
    nature = escape(line.get_nature_display()) if line.nature else ""
    return (
        f'<tr>\n<td><a href="{escape(line.letter.get_absolute_url())}">'
        f"{escape(line.letter.title)}</a></td>\n"
        f"<td>{escape(line.get_instrument_display())}</td>\n"
        f"<td>{format_period(line.year_from, line.year_to)}</td>\n"
        f"<td>{nature}</td>\n"
        f'<td class="number">{format_euro(line.amount)}</td>\n</tr>'
    )


@register.simple_tag
def mission_budget_rows(lines) -> str:
    """One table row per amount: the letter, budget, period, nature and amount."""
    return mark_safe("\n".join(_budget_row(line) for line in lines))


@register.simple_tag
def mission_mention(decisions, first) -> str:
    """What one letter says about one mission (``mention_html``)."""
    return mark_safe(mention_html(decisions, first))
