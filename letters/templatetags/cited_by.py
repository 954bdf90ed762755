"""The two lists of "Geciteerd door" (``selectors.letters.CitedBy``), written in
Python: a letter cited thousands of times lists 30 years and 20 letters with
their citing sentences, and the template loops with their ``{% querystring %}``,
``{% with %}`` and date filters took most of the letter page's rendering.
``templates/letters/_cited_by.html`` keeps the rest of the section."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

from letters.kamerstuk import format_dossier
from letters.templatetags.html_parts import date_html

register = template.Library()

SECTION = "#geciteerd-door"
YEAR = "geciteerd_jaar"
PAGE = "geciteerd_pagina"


def _year_hrefs(request):
    """A function giving the link to a year (None: all years) that keeps the reader's
    other parameters and drops the page. The other parameters are encoded once: a
    letter cited for thirty years has thirty links."""
    others = request.GET.copy()
    for name in (YEAR, PAGE):
        others.pop(name, None)
    kept = others.urlencode()

    def href(year: int | None) -> str:
        query = "&".join(part for part in (kept, f"{YEAR}={year}" if year else "") if part)
        return escape(f"{request.path}{'?' if query else ''}{query}{SECTION}")

    return href


def _year_link(href: str, label: str, count: int, current: bool) -> str:
    aria = ' aria-current="true"' if current else ""
    return f'<li><a href="{href}"{aria}>{label} <span class="count">({count})</span></a></li>'


@register.simple_tag(takes_context=True)
def cited_by_years(context, cited_by) -> str:
    """Links to "Alle jaren" and to each year with citing letters, newest first; letters
    without a year are counted but cannot be chosen."""
    href = _year_hrefs(context["request"])
    items = [_year_link(href(None), "Alle jaren", cited_by.total_all_years, cited_by.year is None)]
    for year, count in cited_by.year_counts:
        if year:
            items.append(_year_link(href(year), str(year), count, cited_by.year == year))
        else:
            items.append(f'<li>Zonder jaar <span class="count">({count})</span></li>')
    return mark_safe("\n".join(items))


def _citing_letter(entry) -> str:
    citing = entry.letter  # a selectors.letters.LetterLink
    url = escape(citing.url)
    meta = escape(citing.key.display) if citing.key else "Nog zonder Kamerstuknummer"
    if citing.date:
        meta += f" · {date_html(citing.date)}"
    parts = [
        f'<li>\n<a class="letter-item-title" href="{url}">{escape(citing.title)}</a>',
        f'<span class="letter-item-meta">{meta}</span>',
    ]
    for place in entry.citations:
        anchor = f"{url}#c{place.citation_id}"
        footnote = " (in een voetnoot)" if place.in_footnote else ""
        if place.other_dossiers:
            named = ", ".join(escape(format_dossier(d)) for d in place.other_dossiers)
            footnote += (
                f' <span class="citation-also">· in dezelfde verwijzing ook genoemd: '
                f"dossier {named}</span>"
            )
        parts.append(
            f'<blockquote class="citation-context" cite="{anchor}">\n'
            f"<p>{escape(place.sentence)}</p>\n</blockquote>\n"
            f'<p class="citation-place"><a href="{anchor}">Naar deze plek in de brief</a>'
            f"{footnote}</p>"
        )
    parts.append("</li>")
    return "\n".join(parts)


@register.simple_tag
def citing_letters(cited_by) -> str:
    """One <li> per citing letter on this page: title, Kamerstuk and date, and the
    sentence around each of its citations with a link to that place."""
    return mark_safe("\n".join(_citing_letter(entry) for entry in cited_by.entries))
