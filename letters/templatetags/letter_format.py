"""Template filters for amounts and periods (Dutch notation)."""

from django import template

from letters.formatting import format_euro, format_euro_short, format_period

register = template.Library()

register.filter("euro", format_euro)
register.filter("euro_short", format_euro_short)


@register.simple_tag
def period(year_from, year_to) -> str:
    return format_period(year_from, year_to)
