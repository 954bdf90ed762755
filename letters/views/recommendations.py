"""Placeholder: being written."""

from django.http import HttpResponse


def recommendation_list(request, **kwargs):
    return HttpResponse("")

