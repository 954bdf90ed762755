"""The missions list (with facets) and a mission's page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from letters.models import Organisation
from letters.selectors.missions import STATUS_LABELS, mission_page
from letters.selectors.missions import mission_list as select_missions
from letters.views.params import choices, ignored_notice, int_param

ORGANISATION, REGION, STATUS = "organisatie", "regio", "status"


def mission_list(request: HttpRequest) -> HttpResponse:
    notices = []
    organisation = request.GET.get(ORGANISATION, "").strip()
    if organisation and organisation not in Organisation.values:
        notices.append(ignored_notice("organisatie", organisation))
        organisation = ""
    status = request.GET.get(STATUS, "").strip()
    if status and status not in STATUS_LABELS:
        notices.append(ignored_notice("status", status))
        status = ""
    region = request.GET.get(REGION, "").strip()

    result = select_missions(
        organisation=organisation or None, region=region or None, status=status or None
    )
    if region and result.region is None:
        notices.append(ignored_notice("regio", region))

    facets = [
        (
            "Organisatie",
            choices(request, ORGANISATION, result.facets.organisation, organisation or None),
        ),
        ("Regio", choices(request, REGION, result.facets.region, result.region)),
        ("Status", choices(request, STATUS, result.facets.status, status or None)),
    ]
    return render(
        request,
        "letters/mission_list.html",
        {
            "missions": result.missions,
            "facets": facets,
            "notices": notices,
            "filtered": bool(organisation or result.region or status),
        },
    )


def mission_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = mission_page(slug, page_number=int_param(request, "page", minimum=1))
    if page is None:
        raise Http404("Deze missie staat niet in het archief.")
    return render(
        request,
        "letters/mission_detail.html",
        {"page": page, "mission": page.mission, "page_obj": page.timeline_page},
    )
