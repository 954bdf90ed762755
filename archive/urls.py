from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Archief Kamerbrieven Internationale Veiligheid — beheer"
admin.site.site_title = "Beheer Kamerbrievenarchief"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("letters.urls")),
]
