"""Placeholder: being written."""

from django.http import HttpResponse


def dossier_detail(request, **kwargs):
    return HttpResponse("")

