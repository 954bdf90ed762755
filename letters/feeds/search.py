"""Placeholder: being written."""

from django.http import HttpResponse


class _Placeholder:
    def __call__(self, request, **kwargs):
        return HttpResponse("")


SearchFeed = _Placeholder
