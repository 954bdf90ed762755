"""Placeholder: being written."""

from django.http import HttpResponse


def letter_by_slug(request, **kwargs):
    return HttpResponse("")


def kamerstuk(request, **kwargs):
    return HttpResponse("")

