"""Placeholder: being written."""

from django.http import HttpResponse


class _Placeholder:
    def __call__(self, request, **kwargs):
        return HttpResponse("")


LatestLettersFeed = MissionLettersFeed = DossierLettersFeed = CitingLettersFeed = _Placeholder
