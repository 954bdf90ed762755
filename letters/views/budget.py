"""Placeholder: being written."""

from django.http import HttpResponse


def budget(request, **kwargs):
    return HttpResponse("")

