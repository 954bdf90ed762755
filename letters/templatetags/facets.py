"""The values of a facet on /brieven/, written in Python: a page lists up to 300
of them (six facets, up to 50 each), and an ``{% include %}`` per value took
about a third of the page's rendering."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()


def _value_html(facet_name: str, value) -> str:
    field_id = escape(slugify(f"f-{facet_name}-{value.value}"))
    title = f' title="{escape(value.detail)}"' if value.detail else ""
    return (
        f'<li class="facet-value{"" if value.count else " facet-value-empty"}">\n'
        f'  <input type="checkbox" id="{field_id}" name="{escape(facet_name)}" '
        f'value="{escape(value.value)}"{" checked" if value.selected else ""}>\n'
        f'  <label for="{field_id}"{title}>{escape(value.label)} <span class="count">('
        f'{"ca. " if value.estimated else ""}{value.count}<span class="visually-hidden"> '
        f'{"brief" if value.count == 1 else "brieven"}</span>)</span></label>\n'
        "</li>"
    )


@register.simple_tag
def facet_values(facet, values):
    """One <li> per value: a checkbox named after the facet, its label and count."""
    return mark_safe("\n".join(_value_html(facet.name, value) for value in values))
