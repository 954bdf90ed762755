"""/brieven/: search and browse letters."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from letters.selectors.search import letter_search


@require_safe
def letter_list(request, **kwargs):
    result = letter_search(request.GET)
    return render(
        request, "letters/letter_list.html", {"result": result, "page_params": result.page_params}
    )
