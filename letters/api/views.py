"""The read-only JSON API under /api/ (described by /api/openapi.json)."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import Resolver404, resolve

from letters import json_input, search
from letters.api import filters, selectors
from letters.api.errors import ApiError, not_found
from letters.api.http import endpoint, json_response
from letters.api.lookup import MAX_TEXT_BYTES, lookup, text_size_error
from letters.api.openapi import openapi_document
from letters.api.pagination import paginate
from letters.api.serializers import Serializer
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier
from letters.selectors.budget import filtered_lines
from letters.selectors.letters import dossier_page
from letters.selectors.missions import mission_list, mission_page

# JSON escapes can make a body larger than its text (\n, \u00e9): room for that.
MAX_BODY_BYTES = 4 * MAX_TEXT_BYTES


@endpoint()
def openapi(request) -> JsonResponse:
    return json_response(openapi_document())


# -- letters -----------------------------------------------------------------------------
@endpoint()
def letter_list(request) -> JsonResponse:
    query = filters.letter_query(request.GET, strict=True)
    with search.index_scans(query.filterset.parsed_query):
        page = paginate(request, selectors.LetterRows(query))
    out = Serializer(request)
    return json_response(
        page.body([out.letter_item(letter) for letter in page.items], notices=query.notices)
    )


@endpoint()
def letter_detail(request, slug: str) -> JsonResponse:
    letter = selectors.letter_by_slug(slug) if filters.is_slug_id(slug) else None
    if letter is None:
        raise not_found(f"Er staat geen brief „{slug[:60]}” in het archief.")
    related = selectors.letter_related(letter)
    return json_response(Serializer(request).letter_detail(letter, related))


def _dossier_number(dossier: str) -> str:
    """The normalised dossier number of a path segment (400 for a wrong shape)."""
    if filters.is_dossier(dossier):
        try:
            return normalise_dossier(dossier)
        except InvalidKamerstuk:
            pass
    raise ApiError(400, f"„{dossier[:20]}” is geen geldig dossiernummer: schrijf 33694 of 35300-V.")


@endpoint()
def kamerstuk(request, dossier: str, number: str) -> JsonResponse:
    number_ok = number.isascii() and number.isdigit() and len(number) <= 5
    if not number_ok or int(number) < 1:
        raise ApiError(400, f"„{number[:10]}” is geen geldig ondernummer: 1 tot en met 99999.")
    key = KamerstukKey(_dossier_number(dossier), int(number))
    letter = selectors.letter_for_key(key.dossier, key.number)
    citations = list(selectors.cited_by(key, letter))
    if letter is None and not citations:  # as the page: no letter, no reference page
        raise not_found(f"{key.display} staat niet in het archief en geen brief verwijst ernaar.")
    return json_response(Serializer(request).kamerstuk(key, letter, citations))


# -- missions ------------------------------------------------------------------------------
@endpoint()
def mission_index(request) -> JsonResponse:
    query, notices = filters.mission_query(request.GET, strict=True)
    result = mission_list(organisation=query.organisation, region=query.region, status=query.status)
    if query.region and result.region is None:
        notices.append(f"Onbekende regio „{query.region[:40]}”: dit filter is genegeerd.")
    page = paginate(request, result.missions)
    out = Serializer(request)
    return json_response(
        page.body(
            [out.mission_item(m, getattr(m, "letter_count", 0)) for m in page.items],
            notices=notices,
        )
    )


@endpoint()
def mission_detail(request, slug: str) -> JsonResponse:
    page = mission_page(slug) if filters.is_slug_id(slug) else None
    if page is None:
        raise not_found(f"Er staat geen missie „{slug[:60]}” in het archief.")
    return json_response(Serializer(request).mission_detail(page))


# -- recommendations and budget lines --------------------------------------------------------
@endpoint()
def recommendation_index(request) -> JsonResponse:
    response = filters.recommendation_response(request.GET, strict=True)
    page = paginate(request, selectors.recommendations(response))
    out = Serializer(request)
    return json_response(page.body([out.recommendation(r) for r in page.items], notices=[]))


@endpoint()
def budget_line_index(request) -> JsonResponse:
    budget_filters, notices = filters.budget_filters(request.GET, strict=True)
    page = paginate(request, selectors.with_budget_display(filtered_lines(budget_filters)))
    out = Serializer(request)
    return json_response(page.body([out.budget_line(line) for line in page.items], notices=notices))


# -- dossiers --------------------------------------------------------------------------------
@endpoint()
def dossier_index(request) -> JsonResponse:
    page = paginate(request, selectors.dossiers())
    counts = selectors.dossier_letter_counts([d.pk for d in page.items])
    out = Serializer(request)
    return json_response(page.body([out.dossier(d, counts[d.pk]) for d in page.items], notices=[]))


@endpoint()
def dossier_detail(request, dossier: str) -> JsonResponse:
    number = _dossier_number(dossier)
    page = dossier_page(number, page=None)
    if page is None:
        raise not_found(f"Dossier {number} staat niet in het archief.")
    return json_response(Serializer(request).dossier_detail(page))


# -- citation lookup -------------------------------------------------------------------------
def _read_text(request) -> str:
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(413, "Het verzoek is te groot: stuur hoogstens 1 MB tekst.")
    try:
        data = json_input.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, 'Stuur JSON zoals {"text": "… Kamerstuk 33 694, nr. 12 …"}.') from error
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ApiError(400, 'Het veld "text" ontbreekt of is geen tekst.')
    text = data["text"]
    if message := text_size_error(text):
        raise ApiError(413, message)
    return text


@endpoint(("POST",))
def citation_lookup(request) -> JsonResponse:
    result = lookup(_read_text(request))
    out = Serializer(request)
    return json_response(
        {
            "count": len(result.citations),
            "in_archive": result.in_archive,
            "truncated": result.truncated,
            "citations": [
                {
                    "kind": found.kind,
                    "key": found.key,
                    "display": found.display,
                    "text": found.text,
                    "start": found.start,
                    "end": found.end,
                    "in_archive": found.letter is not None,
                    "letter": out.letter_ref(found.letter) if found.letter is not None else None,
                    "url": out.absolute(found.href) if found.href else None,
                    "official_url": found.kamerstuk.official_url if found.kamerstuk else None,
                }
                for found in result.citations
            ],
        }
    )


# -- anything else under /api/ ---------------------------------------------------------------
@endpoint(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"))
def unknown(request, rest: str = "") -> JsonResponse:
    """A JSON 404 instead of the HTML page, with a hint for a missing slash."""
    message = "Dit adres bestaat niet in de API; zie /api/openapi.json."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api-unknown":
            message = f"Dit adres bestaat niet in de API. Bedoelde u {request.path}/ ?"
    raise not_found(message)
