"""Placeholder: being written."""

from django.http import HttpResponse


def letter_list(request, **kwargs):
    return HttpResponse("")

