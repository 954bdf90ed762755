from django.urls import include, path, register_converter

from letters.feeds import letters as letter_feeds
from letters.feeds import search as search_feeds
from letters.views import (
    budget,
    dossiers,
    health,
    home,
    kamerstuk,
    missions,
    recommendations,
    search,
)


class DossierConverter:
    """``33694`` or a budget chapter ``35300-V`` (case-insensitive in the URL)."""

    regex = r"[0-9]{1,6}(?:-[A-Za-z]{1,5}|-[0-9]{2})?"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(DossierConverter, "dossier")

app_name = "letters"
urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("brieven/", search.letter_list, name="letter-list"),
    path("brieven/<slug:slug>/", kamerstuk.letter_by_slug, name="letter-slug"),
    path("kamerstuk/<dossier:dossier>/<int:number>/", kamerstuk.kamerstuk, name="kamerstuk"),
    path("missies/", missions.mission_list, name="missions"),
    path("missies/<slug:slug>/", missions.mission_detail, name="mission"),
    path("aanbevelingen/", recommendations.recommendation_list, name="recommendations"),
    path("begroting/", budget.budget, name="budget"),
    path("dossiers/<dossier:dossier>/", dossiers.dossier_detail, name="dossier"),
    # Atom feeds
    path("feeds/brieven/", letter_feeds.LatestLettersFeed(), name="feed-letters"),
    path("feeds/missies/<slug:slug>/", letter_feeds.MissionLettersFeed(), name="feed-mission"),
    path("feeds/dossiers/<dossier:dossier>/", letter_feeds.DossierLettersFeed(), name="feed-dossier"),
    path(
        "feeds/kamerstuk/<dossier:dossier>/<int:number>/",
        letter_feeds.CitingLettersFeed(),
        name="feed-kamerstuk",
    ),
    path("feeds/zoeken/", search_feeds.SearchFeed(), name="feed-search"),
    # Open data: JSON API, exports and citation lookup (letters/api/urls.py)
    path("", include("letters.api.urls")),
]
