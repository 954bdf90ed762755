"""The letter page, the page of a cited Kamerstuk not (yet) in the archive,
and the stable /brieven/<slug>/ address of letters without a number."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from letters.kamerstuk import InvalidKamerstuk, KamerstukKey
from letters.models import Letter
from letters.selectors.letters import (
    cited_kamerstuk_page,
    letter_for_key,
    letter_for_slug,
    letter_page,
)
from letters.views.params import int_param

CITED_YEAR = "geciteerd_jaar"
CITED_PAGE = "geciteerd_pagina"


def _redirect(request: HttpRequest, path: str) -> HttpResponsePermanentRedirect:
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)


def _cited_by_params(request: HttpRequest) -> dict:
    return {
        "cited_year": int_param(request, CITED_YEAR, minimum=1800, maximum=2200),
        "cited_page": int_param(request, CITED_PAGE, minimum=1),
    }


def _year_notice(request: HttpRequest, cited) -> str:
    asked = request.GET.get(CITED_YEAR, "").strip()
    if asked and cited.year is None:
        return f"Geen brieven uit „{asked[:20]}” die hiernaar verwijzen; alle jaren worden getoond."
    return ""


def _letter_response(request: HttpRequest, letter: Letter) -> HttpResponse:
    page = letter_page(letter, **_cited_by_params(request))
    key = letter.kamerstuk_key
    return render(
        request,
        "letters/letter_detail.html",
        {
            "page": page,
            "letter": letter,
            "key": key,
            "cited_by": page.cited_by,
            "year_notice": _year_notice(request, page.cited_by),
            "feed_url": reverse(
                "letters:feed-kamerstuk", kwargs={"dossier": key.dossier, "number": key.number}
            )
            if key
            else "",
        },
    )


def kamerstuk(request: HttpRequest, dossier: str, number: int) -> HttpResponse:
    try:
        key = KamerstukKey(dossier, number)
    except InvalidKamerstuk as error:
        raise Http404("Geen geldig Kamerstuknummer.") from error
    canonical = reverse("letters:kamerstuk", kwargs={"dossier": key.dossier, "number": key.number})
    if request.path != canonical:  # "35300-v", "09": one address per Kamerstuk
        return _redirect(request, canonical)

    letter = letter_for_key(key)
    if letter is not None:
        return _letter_response(request, letter)

    page = cited_kamerstuk_page(key, **_cited_by_params(request))
    if page is None:
        return render(request, "404.html", {"key": key}, status=404)
    return render(
        request,
        "letters/cited_kamerstuk.html",
        {
            "page": page,
            "key": key,
            "cited_by": page.cited_by,
            "year_notice": _year_notice(request, page.cited_by),
            "feed_url": reverse(
                "letters:feed-kamerstuk", kwargs={"dossier": key.dossier, "number": key.number}
            ),
        },
    )


def letter_by_slug(request: HttpRequest, slug: str) -> HttpResponse:
    letter = letter_for_slug(slug)
    if letter is None:
        raise Http404("Deze brief staat niet in het archief.")
    if letter.kamerstuk_key is not None:
        return _redirect(request, letter.get_absolute_url())
    return _letter_response(request, letter)
