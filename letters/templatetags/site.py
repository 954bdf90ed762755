"""``{% absolute_url path %}`` and ``{% site_origin %}``: links built from the site's
own address (letters/site.py), never from the request's Host header."""

from django import template

from letters import site

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return site.absolute(context["request"], path)


@register.simple_tag(takes_context=True)
def site_origin(context) -> str:
    return site.origin(context["request"])
