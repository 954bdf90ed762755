"""The sitemap: every letter, mission and dossier page, the pages of cited
Kamerstukken not in the archive, and the list pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from letters.kamerstuk import DOSSIER_RE
from letters.models import Citation, CitationKind, Dossier, Letter, Mission


class Sitemap(DjangoSitemap):
    """Locations at the site's own address (``settings.SITE_URL``) when it is set,
    else at the request's (``letters.site``)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "letters:home",
            "letters:letter-list",
            "letters:missions",
            "letters:recommendations",
            "letters:budget",
        ]

    def location(self, name):
        return reverse(name)


class LetterSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Letter.objects.select_related("dossier")
            .only("id", "slug", "number", "updated_at", "dossier__number")
            .order_by("id")
        )

    def lastmod(self, letter):
        return letter.updated_at


class MissionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Mission.objects.order_by("slug")


class DossierSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        also_here = Letter.other_dossiers.through.objects.filter(dossier_id=OuterRef("pk"))
        return Dossier.objects.filter(
            Q(Exists(Letter.objects.filter(dossier_id=OuterRef("pk")))) | Exists(also_here)
        ).order_by("number")


class CitedKamerstukSitemap(Sitemap):
    """Pages of cited Kamerstukken: those letters cite that are not (yet) in the archive."""

    changefreq = "weekly"
    priority = 0.3

    def items(self):
        rows = (
            Citation.objects.filter(kind=CitationKind.KAMERSTUK, target__isnull=True)
            .values_list("dossier", "number")
            .distinct()
            .order_by("dossier", "number")
        )
        # Only shapes our URLs accept; a malformed stored number gets no page.
        return [
            (dossier, number) for dossier, number in rows if DOSSIER_RE.match(dossier) and number
        ]

    def location(self, item):
        dossier, number = item
        return reverse("letters:kamerstuk", kwargs={"dossier": dossier, "number": number})


SITEMAPS = {
    "paginas": StaticPagesSitemap,
    "brieven": LetterSitemap,
    "missies": MissionSitemap,
    "dossiers": DossierSitemap,
    "kamerstukken": CitedKamerstukSitemap,
}
