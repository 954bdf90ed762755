"""/brieven/: what a visitor sees when searching and filtering."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letters.models import Ministry
from letters.search import update_index
from tests.factories import link_mission, make_letter, make_mission

pytestmark = pytest.mark.django_db

URL = reverse("letters:letter-list")


def page(client, query: str = "") -> str:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def hit_titles(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'<h3 class="hit-title"><a href="[^"]*">(.*?)</a></h3>', html)
    ]


class _Checkboxes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.checked, self.ids, self.label_for, self.legends = [], set(), set(), 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox":
            self.ids.add(attrs["id"])
            if "checked" in attrs:
                self.checked.append((attrs["name"], attrs["value"]))
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])
        if tag == "legend":
            self.legends += 1


def checkboxes(html: str) -> _Checkboxes:
    parser = _Checkboxes()
    parser.feed(html)
    return parser


@pytest.fixture
def letters():
    minusma = make_mission("minusma")
    efp = make_mission("enhanced-forward-presence")
    mali = make_letter(
        dossier="29521",
        number=400,
        title="Verlenging van de missie in Mali",
        body="Inleiding\n\nHet kabinet besluit tot verlenging.\n\nDe missies in Mali gaan door tot 2019.",
        structure={
            "blocks": [
                {"kind": "heading", "start": 0, "end": 9},
                {"kind": "paragraph", "start": 11, "end": 46},
                {"kind": "paragraph", "start": 48, "end": 86},
            ]
        },
        letter_date=date(2018, 5, 4),
        kind="artikel-100",
    )
    link_mission(mali, minusma, decision="extension")
    mali.ministries.add(Ministry.objects.get(slug="defensie"))
    baltics = make_letter(
        dossier="33694",
        number=None,
        title="Inzet in de Baltische staten",
        body="Nederland levert een bijdrage aan eFP in Litouwen.",
        letter_date=date(2019, 2, 1),
        kind="beleidsbrief",
    )
    baltics.number = None
    baltics.save()
    link_mission(baltics, efp)
    draft = make_letter(
        dossier=None,
        title="Concept zonder nummer",
        body="Een brief over Oekraïne.",
        letter_date=None,
        year=2021,
    )
    return {"mali": mali, "baltics": baltics, "draft": draft}


# -- results --------------------------------------------------------------------------


def test_lists_all_letters_newest_first(client, letters):
    html = page(client)
    assert "3 brieven" in html
    assert hit_titles(html) == [
        "Concept zonder nummer",
        "Inzet in de Baltische staten",
        "Verlenging van de missie in Mali",
    ]


def test_sort_oldest_first(client, letters):
    html = page(client, "sorteer=oudste")
    assert hit_titles(html)[0] == "Verlenging van de missie in Mali"
    assert '<option value="oudste" selected>' in html


def test_a_result_shows_id_date_dossier_kind_and_missions(client, letters):
    html = page(client, "q=mali")
    assert "1 brief" in html
    assert "kst-29521-400" in html
    assert '<time datetime="2018-05-04">4 mei 2018</time>' in html
    assert '<a href="/dossiers/29521/">29 521</a>' in html
    assert "Artikel 100-brief" in html
    assert '<a class="chip" href="/missies/minusma/">MINUSMA</a>' in html
    assert 'href="/kamerstuk/29521/400/"' in html


def test_a_letter_without_number_says_so_and_shows_its_year(client, letters):
    html = page(client, "q=oekraine")
    assert "nog geen nummer" in html
    assert "<span>2021</span>" in html
    assert f'href="/brieven/{letters["draft"].slug}/"' in html


def test_snippet_highlights_words_and_links_to_the_paragraph(client, letters):
    html = page(client, "q=missies+mali")
    assert "De <mark>missies</mark> in <mark>Mali</mark> gaan door tot 2019." in html
    assert 'href="/kamerstuk/29521/400/#p3"' in html
    # The title shows the words too.
    assert "Verlenging van de <mark>missie</mark> in <mark>Mali</mark>" in html


def test_letter_text_is_escaped(client):
    make_letter(title="<b>Vet</b> over Mali", body="Mali <script>alert('x')</script>")
    html = page(client, "q=mali")
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html


def test_relevance_is_the_default_with_a_query(client):
    make_letter(
        title="Algemeen", body="Over Djibouti en nog eens Djibouti.", letter_date=date(2020, 1, 1)
    )
    make_letter(title="Djibouti", body="Een korte brief.", letter_date=date(2010, 1, 1))
    html = page(client, "q=djibouti")
    assert hit_titles(html) == ["Djibouti", "Algemeen"]
    assert '<option value="relevantie" selected>' in html
    assert hit_titles(page(client, "q=djibouti&sorteer=nieuwste")) == ["Algemeen", "Djibouti"]


def test_no_results_says_so_and_offers_a_way_out(client, letters):
    html = page(client, "q=groenland")
    assert "Geen brieven gevonden" in html
    assert "Probeer minder of andere woorden." in html


# -- facets, chips, form -------------------------------------------------------------------


def test_facets_show_counts_and_chosen_values(client, letters):
    html = page(client, "missie=minusma")
    assert hit_titles(html) == ["Verlenging van de missie in Mali"]
    boxes = checkboxes(html)
    assert boxes.checked == [("missie", "minusma")]
    assert re.search(r'MINUSMA <span class="count">\(1<span class="visually-hidden"> brief', html)
    # The other mission stays available to add, with its count.
    assert re.search(r'eFP <span class="count">\(1<span class="visually-hidden"> brief', html)


def test_chosen_values_are_removable_chips(client, letters):
    html = page(client, "q=mali&missie=minusma&jaar=2018")
    chips = re.findall(r'<a class="chip chip-removable" href="([^"]+)"><span>([^<]+)</span>', html)
    chips = {label: href.replace("&amp;", "&") for href, label in chips}
    assert chips == {
        "Zoekterm: mali": "/brieven/?missie=minusma&jaar=2018",
        "Missie: MINUSMA": "/brieven/?q=mali&jaar=2018",
        "Jaar: 2018": "/brieven/?q=mali&missie=minusma",
    }


def test_facet_form_works_without_javascript(client, letters):
    html = page(client)
    assert re.search(r'<form id="zoekformulier"[^>]*method="get" action="/brieven/"', html)
    assert '<button type="submit" class="apply-filters">Filters toepassen</button>' in html
    # The search box and the sort select belong to the same form.
    assert re.search(r'<input type="search" id="q" name="q"[^>]*form="zoekformulier"', html)
    assert re.search(r'<select id="sorteer" name="sorteer" form="zoekformulier">', html)
    boxes = checkboxes(html)
    assert boxes.ids and boxes.ids <= boxes.label_for  # every checkbox has a label
    assert boxes.legends == 6  # a fieldset with a legend per facet


def test_the_url_is_shareable(client, letters):
    first = page(client, "missie=minusma&jaar=2018&q=mali")
    again = page(client, "missie=minusma&jaar=2018&q=mali")
    assert hit_titles(first) == hit_titles(again) == ["Verlenging van de missie in Mali"]


def test_a_chosen_value_that_matches_nothing_shows_zero(client, letters):
    html = page(client, "missie=enhanced-forward-presence&jaar=2018")
    assert "Geen brieven gevonden" in html
    assert re.search(r'eFP <span class="count">\(0<span class="visually-hidden"> brieven', html)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("missie=bestaat-niet", "Onbekende missie „bestaat-niet”: dit filter is genegeerd."),
        ("jaar=abcd", "Ongeldig jaar „abcd”: dit filter is genegeerd."),
        ("soort=x", "Onbekende soort brief „x”: dit filter is genegeerd."),
        ("sorteer=willekeurig", "Onbekende sortering „willekeurig”"),
    ],
)
def test_unknown_values_are_ignored_with_a_notice(client, letters, query, notice):
    html = page(client, query)
    assert notice in html
    assert "3 brieven" in html


# -- bad parameters never give a 500 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "shown_page", "notice"),
    [
        ("page=abc", 1, "Pagina „abc” bestaat niet; u ziet de eerste pagina."),
        ("page=-1", 1, "Pagina -1 bestaat niet; u ziet de eerste pagina."),
        ("page=0", 1, "Pagina 0 bestaat niet"),
        ("page=99999", 2, "Er zijn maar 2 pagina’s; u ziet de laatste."),
        ("page=2", 2, None),
    ],
)
def test_bad_page_numbers_show_a_sensible_page(client, query, shown_page, notice):
    for n in range(25):
        make_letter(title=f"Brief {n:02}", letter_date=date(2000 + n % 20, 1, 1))
    html = page(client, query)
    assert f"Pagina {shown_page} van 2" in html
    assert len(hit_titles(html)) == (20 if shown_page == 1 else 5)
    if notice:
        assert notice in html


def test_pagination_keeps_the_query(client):
    for n in range(25):
        make_letter(title=f"Brief over Mali {n}", body="Mali.")
    html = page(client, "q=mali&jaar=2018&missie=bestaat-niet")
    assert 'href="?q=mali&amp;jaar=2018&amp;page=2"' in html
    assert "25 brieven" in html


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 10_000,
        "q=" + "mali+" * 3000,
        "q=mali%00afghanistan",
        "q=%00",
        "q=%22unbalanced",
        "q=NEAR(mali+afghanistan)+*+title%3Amali",
        "q=%27%3B+DROP+TABLE+letters_letter%3B+--",
        "q=1%27+OR+%271%27%3D%271",
        "q=mali&q=afghanistan",
        "jaar=abcd&page=abc&sorteer=%00",
        "missie=%00&dossier=%00&ministerie=%00",
        "page=1e9999",
        "page=%EF%BF%BD",
        "organisatie=" + "VN&organisatie=" * 100,
    ],
)
def test_hostile_parameters_never_give_a_500(client, letters, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200


def test_a_very_long_query_is_cut_with_a_notice(client, letters):
    html = page(client, "q=" + "mali+" * 3000)
    assert "Uw zoekopdracht was erg lang; alleen het begin ervan is gebruikt." in html


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


# -- feed link ---------------------------------------------------------------------------------


def test_page_links_the_search_feed(client, letters):
    html = page(client, "q=mali&missie=minusma&sorteer=oudste&page=1")
    feed = "/feeds/zoeken/?q=mali&amp;missie=minusma"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Nieuwe brieven bij deze zoekopdracht" href="{feed}">'
        in html
    )
    assert f'<a href="{feed}" type="application/atom+xml">Volg deze zoekopdracht' in html


# -- bounded number of queries --------------------------------------------------------------------


def _make_archive(size: int):
    minusma, efp = make_mission("minusma"), make_mission("enhanced-forward-presence")
    defensie = Ministry.objects.get(slug="defensie")
    letters = []
    for n in range(size):
        letter = make_letter(
            title=f"Brief {n} over Mali",
            body=f"Tekst {n} over de missie in Mali.\n\nTweede alinea.",
            dossier=["33694", "29521", "35300-V"][n % 3],
            letter_date=date(2010 + n % 10, 1 + n % 12, 1),
            kind=["artikel-100", "beleidsbrief"][n % 2],
            index=False,
        )
        letter.ministries.add(defensie)
        if letters:
            letter.other_dossiers.add(letters[-1].dossier)
        link_mission(letter, minusma if n % 2 else efp)
        link_mission(letter, minusma)
        letters.append(letter)
    update_index([letter.pk for letter in letters])


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=mali",
        "q=missie+mali&missie=minusma&jaar=2010&dossier=33694&ministerie=defensie"
        "&soort=artikel-100&organisatie=VN&sorteer=oudste",
    ],
)
def test_number_of_queries_does_not_grow_with_the_archive(client, query):
    _make_archive(3)
    with CaptureQueriesContext(connection) as small:
        small_html = page(client, query)
    _make_archive(37)
    with CaptureQueriesContext(connection) as large:
        large_html = page(client, query)
    assert 1 <= len(hit_titles(small_html)) < len(hit_titles(large_html))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(large.captured_queries) <= 15


# -- the five seed letters -----------------------------------------------------------------------


def test_searching_the_seed_letters(client, seeded):
    update_index([letter.pk for letter in seeded])
    html = page(client, "q=beleidsdoorlichting")
    assert (
        "Kabinetsreactie op de beleidsdoorlichting van het Budget Internationale Veiligheid (BIV)"
        in " ".join(hit_titles(html))
    )
    assert re.search(r'href="/[^"]+#p\d+"', html)
    assert "<mark>beleidsdoorlichting</mark>" in html.lower()


# -- large result sets ---------------------------------------------------------------------------


def test_a_facet_shows_its_biggest_values_and_says_how_many_are_left_out(client, monkeypatch):
    monkeypatch.setattr("letters.selectors.search.FACET_MAX_VALUES", 9)
    for n in range(12):
        make_letter(
            title=f"Brief {n}",
            body="Over Mali.",
            dossier=f"3{n:04}",
            letter_date=date(2000 + n, 1, 1),
        )
    make_letter(title="Nog een", body="Over Mali.", dossier="30011", letter_date=date(2000, 2, 1))
    html = page(client, "q=mali&dossier=30010")
    start = html.index('id="facet-dossier"')
    facet = html[start : html.index("</fieldset>", start)]
    boxes = checkboxes(facet)
    # The nine with most letters (30011 has two; then by number), plus the
    # chosen one although it has fewer.
    assert len(boxes.ids) == 10
    assert boxes.checked == [("dossier", "30010")]
    assert 'value="30011"' in facet and 'value="30009"' not in facet
    assert "En nog 2 met minder brieven" in facet


def test_a_large_result_set_says_how_it_is_ordered(client, monkeypatch):
    monkeypatch.setattr("letters.search.window.RANK_WINDOW", 2)
    for n in range(3):
        make_letter(title=f"Brief {n}", body="Over Mali.", letter_date=date(2010 + n, 1, 1))
    assert "de nieuwste 2 staan op relevantie" in page(client, "q=mali")
    assert "op relevantie" not in page(client, "q=mali&sorteer=nieuwste")


@pytest.fixture
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()  # leave no counts of this test's letters behind


def test_facet_counts_are_reused_until_the_archive_changes(client, settings, letters, empty_cache):
    from letters.page_cache import _bump

    settings.PAGE_CACHE_ENABLED = True
    assert "1 brief" in page(client, "q=mali")
    with CaptureQueriesContext(connection) as again:
        html = page(client, "q=mali&sorteer=nieuwste")  # another URL, same search
    assert "1 brief" in html
    assert not any("MATERIALIZED" in query["sql"] for query in again.captured_queries)
    make_letter(title="Nog een over Mali", body="Mali.")
    _bump()  # what committing the new letter does
    assert "2 brieven" in page(client, "q=mali&sorteer=oudste")


def test_estimated_counts_are_marked_as_estimates(client, monkeypatch):
    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 4)
    monkeypatch.setattr("letters.filters.SAMPLE_EVERY", 2)
    monkeypatch.setattr("letters.filters.FINE_SAMPLE_LIMIT", 0)
    for n in range(20):
        make_letter(title=f"Brief {n}", body="Over Mali.", letter_date=date(2010, 1, 1))
    html = page(client, "q=mali")
    assert "Ongeveer 20 brieven" in html
    assert "(ca. 20" in html  # the year 2010
    assert "geschat uit een vaste steekproef van 1 op de 2 brieven" in html

    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 100)
    html = page(client, "q=mali")
    assert "Ongeveer" not in html and "ca." not in html and "steekproef" not in html
    assert "20 brieven" in html


def test_relevance_pages_list_what_the_full_order_lists(client, monkeypatch):
    """Relevance pages inside the rank window are read the fast way (from the
    window alone). They must be the pages of the full relevance order that the
    downloads and the API use, also when a phrase rules out some of the window's
    candidates and when ranks are equal."""
    from letters.selectors import search as selector

    monkeypatch.setattr("letters.search.window.RANK_WINDOW", 4)
    monkeypatch.setattr(selector, "PER_PAGE", 2)
    for n in range(9):
        body = "De inzet in Mali gaat door." if n % 3 else "Mali en de inzet, los van elkaar."
        make_letter(title=f"Brief {n}", body=body * (1 + n % 2), letter_date=date(2010 + n, 1, 1))

    def pages(query: str) -> list[list[str]]:
        result, number = [], 1
        while True:
            page = selector.letter_search(QueryDict(f"{query}&page={number}"))
            result.append([hit.letter.title for hit in page.hits])
            if not page.page.has_next():
                return result
            number += 1

    for query in ("q=mali", 'q="inzet in mali"'):
        filterset = selector.LetterFilterSet(QueryDict(query))
        expected = [
            letter.title
            for letter in selector.ordered_letters(filterset.qs, filterset, selector.RELEVANCE)
        ]
        assert len(expected) > 4  # more than the window
        assert [title for page in pages(query) for title in page] == expected


def test_relevance_pages_keep_to_the_chosen_facets_and_page_through_every_match(client, monkeypatch):
    from letters.selectors import search as selector

    monkeypatch.setattr(selector, "PER_PAGE", 2)
    minusma = make_mission("minusma")
    for n in range(5):
        letter = make_letter(
            title="Djibouti" if n == 4 else f"Brief {n}",
            body="Over Djibouti." * (n + 1),
            letter_date=date(2010 + n, 1, 1),
        )
        if n % 2 == 0:
            link_mission(letter, minusma)
    make_letter(title="Djibouti zonder missie", body="Djibouti.", letter_date=date(2021, 1, 1))

    first = page(client, "q=djibouti&missie=minusma")
    second = page(client, "q=djibouti&missie=minusma&page=2")
    titles = hit_titles(first) + hit_titles(second)
    assert titles[0] == "Djibouti"  # the title hit first
    assert sorted(titles) == ["Brief 0", "Brief 2", "Djibouti"]
