"""Open data: the JSON API, the list pages' downloads and the citation lookup.
Included at the site root by letters/urls.py, so names are ``letters:api-…``."""

from django.urls import path, re_path

from letters.api import downloads, pages, views

urlpatterns = [
    path("api/", pages.api_index, name="api-index"),
    path("api/openapi.json", views.openapi, name="api-openapi"),
    path("api/letters/", views.letter_list, name="api-letters"),
    path("api/letters/<str:slug>/", views.letter_detail, name="api-letter"),
    path(
        "api/kamerstuk/<str:dossier>/<str:number>/",
        views.kamerstuk,
        name="api-kamerstuk",
    ),
    path("api/missions/", views.mission_index, name="api-missions"),
    path("api/missions/<str:slug>/", views.mission_detail, name="api-mission"),
    path("api/recommendations/", views.recommendation_index, name="api-recommendations"),
    path("api/budget-lines/", views.budget_line_index, name="api-budget-lines"),
    path("api/dossiers/", views.dossier_index, name="api-dossiers"),
    path("api/dossiers/<str:dossier>/", views.dossier_detail, name="api-dossier"),
    path("api/citations/", views.citation_lookup, name="api-citations"),
    re_path(r"^api/(?P<rest>.*)$", views.unknown, name="api-unknown"),
    # Downloads of the list pages: /brieven/export.csv?… (same filters as /brieven/?…)
    re_path(
        r"^(?P<page>brieven|missies|aanbevelingen|begroting)/export\.(?P<fmt>csv|json)$",
        downloads.download,
        name="download",
    ),
    path("verwijzingen/", pages.citation_lookup, name="citation-lookup"),
]
