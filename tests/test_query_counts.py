"""Every public page runs the same number of SQL queries with little or much data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from letters.models import Dossier, Ministry, Report
from tests.factories import (
    link_mission,
    make_budget_line,
    make_letter,
    make_mission,
    make_recommendation,
    make_signatory,
)
from tests.page_helpers import cite, cite_handelingen

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/kamerstuk/33694/9/",
    "/kamerstuk/33694/9/?geciteerd_jaar=2019",
    "/brieven/zonder-nummer/",
    "/kamerstuk/31516/20/",
    "/missies/",
    "/missies/minusma/",
    "/aanbevelingen/",
    "/begroting/",
    "/begroting/?instrument=BIV&jaar=2019&missie=minusma",
    "/dossiers/33694/",
    "/feeds/brieven/",
    "/feeds/missies/minusma/",
    "/feeds/dossiers/33694/",
    "/feeds/kamerstuk/33694/9/",
    "/sitemap.xml",
]

CITING_BODY = (
    "Zie Kamerstuk 33 694, nr. 9 en Kamerstuk 31 516, nr. 20 (Handelingen II 2019/20, nr. 23)."
)


class Archive:
    """A main letter and a growing crowd of letters, citations, missions, money and people around it."""

    def __init__(self):
        self.minusma = make_mission("minusma")
        self.main = make_letter(
            number=9,
            title="Hoofdbrief",
            body="Intro.\n\nTekst met verwijzingen.\n\n" + CITING_BODY,
            letter_date=date(2016, 11, 1),
        )
        self.unnumbered = make_letter(dossier=None, slug="zonder-nummer", body=CITING_BODY)
        self.report = Report.objects.get(slug="beleidsdoorlichting-biv")
        self.ministries = list(Ministry.objects.all())
        self.dossiers = list(Dossier.objects.exclude(number="33694"))
        self.size = 0

    def grow(self, count: int) -> None:
        for _ in range(count):
            self.size += 1
            n = self.size
            citing = make_letter(
                number=100 + n,
                title=f"Brief {n}",
                body=CITING_BODY,
                letter_date=date(2017 + n % 4, 1 + n % 12, 1),
            )
            cite(citing, "Kamerstuk 33 694, nr. 9", "33694", 9)
            cite(citing, "Kamerstuk 31 516, nr. 20", "31516", 20)
            cite_handelingen(citing, "Handelingen II 2019/20, nr. 23")
            citing.other_dossiers.add(self.dossiers[n % len(self.dossiers)])
            link_mission(citing, self.minusma, "extension", f"Verlenging {n}.")
            make_budget_line(
                citing, str(1000 * n), instrument="BIV", year_from=2019, mission=self.minusma
            )
            make_recommendation(citing, number=str(n), report=self.report, response="adopted")
            make_signatory(citing, f"Minister {n}", "Minister van Defensie", "defensie")

            # and around the main letter and the unnumbered one
            for letter in (self.main, self.unnumbered):
                make_signatory(
                    letter,
                    f"Ondertekenaar {n}",
                    "Minister van Buitenlandse Zaken",
                    "buitenlandse-zaken",
                )
                letter.ministries.add(self.ministries[n % len(self.ministries)])
                letter.other_dossiers.add(self.dossiers[n % len(self.dossiers)])
                link_mission(letter, make_mission(f"missie-{n}"), "start", f"Start missie {n}.")
                make_budget_line(letter, str(500 * n), instrument="BZ", year_from=2016)
                make_recommendation(
                    letter, number=f"{letter.slug}-{n}", report=self.report, response="partly"
                )
            # outgoing citations to letters in the archive and to references
            target = make_letter(number=500 + n, title=f"Doel {n}", body="Doel.")
            self.main.body += (
                f"\n\nZie Kamerstuk 33 694, nr. {500 + n} en Kamerstuk 29 521, nr. {n}."
            )
            self.main.save()
            cite(self.main, f"Kamerstuk 33 694, nr. {500 + n}", "33694", target.number)
            cite(self.main, f"Kamerstuk 29 521, nr. {n}", "29521", n)


def query_counts(client) -> dict[str, int]:
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data(client):
    archive = Archive()
    archive.grow(2)
    small = query_counts(client)
    archive.grow(8)
    large = query_counts(client)
    assert large == small
    # and they are small
    assert max(small.values()) <= 16, small
