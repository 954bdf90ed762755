"""The results of /brieven/ (``selectors.search.Hit``), written in Python: twenty
results with their dossiers, mission chips and snippets cost more in template
loops and includes than the query that found them."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

from letters.kamerstuk import format_dossier
from letters.paths import dossier_path, mission_path
from letters.templatetags.html_parts import date_html

register = template.Library()


def _dossiers_html(letter) -> str:
    dossiers = letter.all_dossiers()
    if not dossiers:
        return ""
    links = ", ".join(
        f'<a href="{escape(dossier_path(d.number))}">{escape(format_dossier(d.number))}</a>'
        for d in dossiers
    )
    return f"<span>{'Dossier' if len(dossiers) == 1 else 'Dossiers'} {links}</span>"


def _missions_html(missions) -> str:
    if not missions:
        return ""
    chips = "".join(
        f'<li><a class="chip" href="{escape(mission_path(m.slug))}">{escape(str(m))}</a></li>'
        for m in missions
    )
    return f'<ul class="chips mission-chips" aria-label="Genoemde missies">{chips}</ul>'


def _snippet_html(hit) -> str:
    snippet = hit.snippet
    if not snippet:
        return ""
    link = ""
    if hit.snippet_url:
        link = (
            f'\n<p class="snippet-link"><a href="{escape(hit.snippet_url)}">Naar deze passage'
            f'<span class="visually-hidden"> in „{escape(hit.letter.title)}”</span> '
            f"(alinea {snippet.paragraph})</a></p>"
        )
    return f'<div class="snippet">\n<p class="snippet-text">{snippet.html}</p>{link}\n</div>'


def _hit_html(hit) -> str:
    letter = hit.letter
    official_id = letter.official_id or "nog geen nummer"
    if letter.date:
        when = date_html(letter.date)
    else:
        when = f"<span>{letter.year}</span>" if letter.year else ""
    kind = f"<span>{escape(letter.get_kind_display())}</span>" if letter.kind else ""
    return (
        f'<li class="hit">\n<h3 class="hit-title"><a href="{escape(hit.url)}">{hit.title_html}</a></h3>\n'
        f'<p class="hit-meta">\n<span class="hit-id">{escape(official_id)}</span>\n'
        f"{when}\n{_dossiers_html(letter)}\n{kind}\n</p>\n"
        f"{_missions_html(hit.missions)}\n{_snippet_html(hit)}\n</li>"
    )


@register.simple_tag
def search_hits(hits) -> str:
    """One <li> per result: title (searched words marked), official id, date,
    dossiers, kind, the missions it names, and the best passage."""
    return mark_safe("\n".join(_hit_html(hit) for hit in hits))
