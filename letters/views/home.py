"""Placeholder: being written."""

from django.http import HttpResponse


def home(request, **kwargs):
    return HttpResponse("")

