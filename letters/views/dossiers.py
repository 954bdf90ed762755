"""A dossier's page: its letters in order, and the Kamerstukken of it that letters cite."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from letters.kamerstuk import format_dossier
from letters.selectors.letters import dossier_page


def dossier_detail(request: HttpRequest, dossier: str) -> HttpResponse:
    page = dossier_page(dossier, page=request.GET.get("page"))
    if page is None:
        raise Http404("Dit dossier staat niet in het archief.")
    return render(
        request,
        "letters/dossier_detail.html",
        {"page": page, "display_number": format_dossier(dossier)},
    )
