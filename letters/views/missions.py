"""Placeholder: being written."""

from django.http import HttpResponse


def mission_list(request, **kwargs):
    return HttpResponse("")


def mission_detail(request, **kwargs):
    return HttpResponse("")

