from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from letters.sitemaps import SITEMAPS
from letters.views.home import robots_txt

admin.site.site_header = "Archief Kamerbrieven Internationale Veiligheid — beheer"
admin.site.site_title = "Beheer Kamerbrievenarchief"
admin.site.index_title = "Beheer"

urlpatterns = [
    path(settings.ADMIN_URL_PREFIX.lstrip("/"), admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("", include("letters.urls")),
]
