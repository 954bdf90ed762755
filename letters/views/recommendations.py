"""Recommendations from reports, grouped by report, with the cabinet's response."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from letters.selectors.recommendations import RESPONSE_LABELS, recommendations_page
from letters.views.params import choices, ignored_notice

RESPONSE = "reactie"


def recommendation_list(request: HttpRequest) -> HttpResponse:
    notices = []
    response = request.GET.get(RESPONSE, "").strip()
    if response and response not in RESPONSE_LABELS:
        notices.append(ignored_notice("reactie", response))
        response = ""
    page = recommendations_page(response=response or None)
    return render(
        request,
        "letters/recommendation_list.html",
        {
            "page": page,
            "responses": choices(request, RESPONSE, page.responses, response or None),
            "response_label": RESPONSE_LABELS.get(response, ""),
            "notices": notices,
        },
    )
