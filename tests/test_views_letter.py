"""The letter page: metadata, annotated text, "Geciteerd door" and the side column."""

import re
from datetime import date

import pytest
from django.utils.html import escape

from letters.models import Dossier, LetterKind, Ministry
from tests.factories import (
    link_mission,
    make_budget_line,
    make_letter,
    make_mission,
    make_recommendation,
    make_signatory,
    save_letter,
)
from tests.page_helpers import cite, cite_handelingen, html

pytestmark = pytest.mark.django_db

BODY = (
    "Beleid\n\n"
    "Het kabinet verwijst naar Kamerstuk 33 694, nr. 12 en naar Kamerstuk 31 516, nr. 20.\n\n"
    "Zoals besproken (Handelingen II 2019/20, nr. 23, item 4) blijft het Toetsingskader gelden.\n\n"
    "1 Kamerstuk 29 521, nr. 226."
)


def structured(body):
    def span(kind, text, **extra):
        start = body.index(text)
        return {"kind": kind, "start": start, "end": start + len(text), **extra}

    return {
        "blocks": [
            span("heading", "Beleid"),
            span(
                "paragraph",
                "Het kabinet verwijst naar Kamerstuk 33 694, nr. 12 en naar Kamerstuk 31 516, nr. 20.",
            ),
            span(
                "paragraph",
                "Zoals besproken (Handelingen II 2019/20, nr. 23, item 4) blijft het Toetsingskader gelden.",
            ),
            span("footnote", "1 Kamerstuk 29 521, nr. 226.", marker="1"),
        ],
        "footnote_refs": [{"marker": "1", "offset": body.index(" gelden")}],
    }


@pytest.fixture
def target():
    return make_letter(dossier="33694", number=12, title="De GBVS", letter_date=date(2018, 3, 1))


@pytest.fixture
def letter(target):
    letter = make_letter(
        dossier="33694",
        number=20,
        title="Voortgangsrapportage veiligheid",
        body=BODY,
        structure=structured(BODY),
        letter_date=date(2019, 5, 14),
        kind=LetterKind.VOORTGANG,
        vergaderjaar="2018-2019",
    )
    letter.other_dossiers.add(Dossier.objects.get(number="29521"))
    make_signatory(letter, "S.A. Blok", "Minister van Buitenlandse Zaken", "buitenlandse-zaken")
    letter.ministries.add(Ministry.objects.get(slug="buitenlandse-zaken"))
    cite(letter, "Kamerstuk 33 694, nr. 12", "33694", 12)
    cite(letter, "Kamerstuk 31 516, nr. 20", "31516", 20)
    cite(letter, "Kamerstuk 29 521, nr. 226", "29521", 226, in_footnote=True)
    cite_handelingen(letter, "Handelingen II 2019/20, nr. 23, item 4")
    return letter


def test_metadata(client, letter):
    page = html(client.get("/kamerstuk/33694/20/"))
    assert "<h1>Voortgangsrapportage veiligheid</h1>" in page
    assert "Kamerstuk 33 694, nr. 20" in page
    assert (
        'href="https://zoek.officielebekendmakingen.nl/kst-33694-20.html">kst-33694-20</a>' in page
    )
    assert '<time datetime="2019-05-14">14 mei 2019</time>' in page
    assert "2018-2019" in page
    assert "Voortgangsrapportage</dd>" in page
    assert '<a href="/dossiers/33694/">33 694 — Internationaal veiligheidsbeleid</a>' in page
    assert '<a href="/dossiers/29521/">29 521 — Vredesmissies en militaire operaties</a>' in page
    assert "S.A. Blok, Minister van Buitenlandse Zaken" in page
    assert Ministry.objects.get(slug="buitenlandse-zaken").name in page


def test_body_blocks_are_anchored_and_linkable(client, letter):
    page = html(client.get("/kamerstuk/33694/20/"))
    assert re.search(
        r'<h3 class="block heading" id="p1">Beleid <a class="pilcrow" href="#p1"', page
    )
    assert '<p class="block" id="p2">Het kabinet' in page
    assert 'href="#p3" aria-label="Link naar alinea 3">¶</a>' in page
    assert 'id="p4"' in page  # the footnote block


def test_every_citation_is_a_link(client, letter, target):
    page = html(client.get("/kamerstuk/33694/20/"))
    in_archive = letter.citations.get(number=12)
    elsewhere = letter.citations.get(number=20)
    assert (
        f'<a class="citation citation-in-archive" href="/kamerstuk/33694/12/" id="c{in_archive.pk}">'
        "Kamerstuk 33 694, nr. 12</a>"
    ) in page
    assert (
        f'<a class="citation citation-not-in-archive" href="/kamerstuk/31516/20/" id="c{elsewhere.pk}">'
        "Kamerstuk 31 516, nr. 20</a>"
    ) in page
    # in a footnote too
    assert 'href="/kamerstuk/29521/226/"' in page
    # Handelingen are text, not a link of ours
    assert "(Handelingen II 2019/20, nr. 23, item 4) blijft" in page


def test_footnotes_are_linked_both_ways(client, letter):
    page = html(client.get("/kamerstuk/33694/20/"))
    assert 'Toetsingskader<sup><a href="#fn1" id="fnref1">1</a></sup> gelden.' in page
    assert '<span class="footnote-number" id="fn1">1</span>' in page
    assert '<a class="footnote-back" href="#fnref1"' in page


def test_letter_text_is_escaped(client):
    body = 'Kop\n\n<script>alert("inbraak")</script> en <b>vet</b>'
    make_letter(number=30, body=body, structure={})
    page = html(client.get("/kamerstuk/33694/30/"))
    assert "<script>alert" not in page
    assert (
        "&lt;script&gt;alert(&quot;inbraak&quot;)&lt;/script&gt; en &lt;b&gt;vet&lt;/b&gt;" in page
    )


def test_letter_typed_by_hand_is_split_on_blank_lines(client):
    make_letter(number=31, body="Eerste alinea.\n\nTweede alinea.", structure={})
    page = html(client.get("/kamerstuk/33694/31/"))
    assert '<p class="block" id="p1">Eerste alinea.' in page
    assert '<p class="block" id="p2">Tweede alinea.' in page


def test_geciteerd_door_newest_first_with_year_counts(client, target):
    older = make_letter(
        number=40,
        title="Oudere brief",
        body="Zie Kamerstuk 33 694, nr. 12.",
        letter_date=date(2018, 6, 1),
    )
    newer = make_letter(
        number=41,
        title="Nieuwere brief",
        body="Zie Kamerstuk 33 694, nr. 12.",
        letter_date=date(2020, 2, 1),
    )
    also_2020 = make_letter(
        number=42,
        title="Ook uit 2020",
        body="Zie Kamerstuk 33 694, nr. 12.",
        letter_date=date(2020, 1, 1),
    )
    for citing in (older, newer, also_2020):
        cite(citing, "Kamerstuk 33 694, nr. 12", "33694", 12, context=f"Zin uit {citing.title}.")

    page = html(client.get("/kamerstuk/33694/12/"))
    assert page.index("Nieuwere brief") < page.index("Ook uit 2020") < page.index("Oudere brief")
    assert "Zin uit Nieuwere brief." in page
    assert "3 brieven verwijzen hiernaar." in page
    assert '2020 <span class="count">(2)</span>' in page
    assert '2018 <span class="count">(1)</span>' in page
    citation = newer.citations.get()
    assert f'href="/kamerstuk/33694/41/#c{citation.pk}"' in page

    filtered = html(client.get("/kamerstuk/33694/12/?geciteerd_jaar=2018"))
    cited_section = filtered[filtered.index('id="geciteerd-door"') :]
    assert "Oudere brief" in cited_section
    assert "Nieuwere brief" not in cited_section


def test_geciteerd_door_entries_and_year_links(client, target):
    """Each citing letter: its title, Kamerstuk and Dutch date, every citing sentence
    (escaped) with a link to its place, marked when in a footnote. Year links keep
    the reader's other parameters, drop the page, and mark the chosen year."""
    citing = make_letter(
        number=44,
        title="Brief <over> „GBVS” & meer",
        body="Zie Kamerstuk 33 694, nr. 12. Noot: Kamerstuk 33 694, nr. 12.",
        letter_date=date(2019, 6, 3),
    )
    in_text = cite(citing, "Zie Kamerstuk 33 694, nr. 12", "33694", 12, context="Zin <b>één</b>.")
    in_note = cite(
        citing, "Noot: Kamerstuk 33 694, nr. 12", "33694", 12, context="Zin twee.", in_footnote=True
    )
    unnumbered = make_letter(
        dossier=None, title="Ongenummerd", body="Zie Kamerstuk 33 694, nr. 12.", letter_date=None
    )
    cite(unnumbered, "Kamerstuk 33 694, nr. 12", "33694", 12)

    page = html(client.get("/kamerstuk/33694/12/?taal=nl&geciteerd_pagina=1"))
    cited = page[page.index('class="citing-letters"') :]
    assert escape("Brief <over> „GBVS” & meer") in cited and "<over>" not in cited
    assert 'Kamerstuk 33 694, nr. 44 · <time datetime="2019-06-03">3 juni 2019</time>' in cited
    assert "<p>Zin &lt;b&gt;één&lt;/b&gt;.</p>" in cited
    for citation in (in_text, in_note):
        assert f'<a href="/kamerstuk/33694/44/#c{citation.pk}">Naar deze plek in de brief</a>' in cited
    assert cited.count("(in een voetnoot)") == 1
    assert "Nog zonder Kamerstuknummer" in cited

    years = page[page.index('class="year-filter"') : page.index('class="citing-letters"')]
    assert (
        '<a href="/kamerstuk/33694/12/?taal=nl#geciteerd-door" aria-current="true">Alle jaren '
        '<span class="count">(2)</span></a>'
    ) in years
    assert (
        '<a href="/kamerstuk/33694/12/?taal=nl&amp;geciteerd_jaar=2019#geciteerd-door">2019 '
        '<span class="count">(1)</span></a>'
    ) in years
    chosen = html(client.get("/kamerstuk/33694/12/?geciteerd_jaar=2019"))
    assert (
        '<a href="/kamerstuk/33694/12/?geciteerd_jaar=2019#geciteerd-door" aria-current="true">2019'
        in chosen
    )
    assert '<a href="/kamerstuk/33694/12/#geciteerd-door">Alle jaren' in chosen


@pytest.mark.parametrize("value", ["abcd", "1900", "2019", "-1", "2018.5", "9" * 30])
def test_bad_or_empty_year_is_ignored(client, target, value):
    citing = make_letter(number=43, title="Citerende brief", body="Zie Kamerstuk 33 694, nr. 12.")
    cite(citing, "Kamerstuk 33 694, nr. 12", "33694", 12)
    response = client.get(f"/kamerstuk/33694/12/?geciteerd_jaar={value}")
    assert response.status_code == 200
    page = html(response)
    assert "Citerende brief" in page
    assert "alle jaren worden getoond" in page


def test_geciteerd_door_is_paginated(client, target):
    for n in range(25):
        citing = make_letter(
            number=100 + n,
            title=f"Citeerder {n:02d}",
            body="Zie Kamerstuk 33 694, nr. 12.",
            letter_date=date(2019, 1, 1 + n),
        )
        cite(citing, "Kamerstuk 33 694, nr. 12", "33694", 12)
    first = html(client.get("/kamerstuk/33694/12/"))
    assert "Citeerder 24" in first and "Citeerder 04" not in first
    assert "Pagina 1 van 2" in first
    second = html(client.get("/kamerstuk/33694/12/?geciteerd_pagina=2"))
    assert "Citeerder 04" in second and "Citeerder 24" not in second
    assert client.get("/kamerstuk/33694/12/?geciteerd_pagina=abc").status_code == 200
    # a page past the end shows the last one
    assert "Citeerder 04" in html(client.get("/kamerstuk/33694/12/?geciteerd_pagina=999"))


def test_geciteerd_door_counts_each_letter_once_whichever_way_it_points_here(client, target):
    """A letter points here by target (resolved) or by number (waiting, or linked by an
    editor to another letter): counted once, listed once with all its citations."""
    from letters.models import Citation

    body = "Zie Kamerstuk 33 694, nr. 12. En nogmaals: Kamerstuk 33 694, nr. 12."
    twice = make_letter(number=60, title="Twee keer", body=body, letter_date=date(2019, 4, 1))
    cite(twice, "Kamerstuk 33 694, nr. 12", "33694", 12, context="Eerste zin.")
    second = cite(twice, "nogmaals: Kamerstuk 33 694, nr. 12", "33694", 12, context="Tweede zin.")
    Citation.objects.filter(pk=second.pk).update(target=None)  # waiting, by number only
    elsewhere = make_letter(number=61, title="Elders gekoppeld", body=body, letter_date=date(2017, 2, 1))
    linked = cite(elsewhere, "Kamerstuk 33 694, nr. 12", "33694", 12)
    Citation.objects.filter(pk=linked.pk).update(target=twice)  # an editor's choice
    undated = make_letter(number=62, title="Zonder datum", body=body, letter_date=None, year=2019)
    cite(undated, "Kamerstuk 33 694, nr. 12", "33694", 12)
    no_year = make_letter(number=63, title="Zonder jaar", body=body, letter_date=None)
    cite(no_year, "Kamerstuk 33 694, nr. 12", "33694", 12)

    page = html(client.get("/kamerstuk/33694/12/"))
    assert "4 brieven verwijzen hiernaar." in page
    assert '2019 <span class="count">(2)</span>' in page
    assert '2017 <span class="count">(1)</span>' in page
    assert '<li>Zonder jaar <span class="count">(1)</span></li>' in page
    cited = page[page.index('class="citing-letters"') :]
    assert cited.count(">Twee keer</a>") == 1
    assert "Eerste zin." in cited and "Tweede zin." in cited
    # newest first; without a date last
    order = [cited.index(title) for title in ("Twee keer", "Elders gekoppeld", "Zonder jaar", "Zonder datum")]
    assert order == sorted(order)


def test_geciteerd_door_counts_citations_linked_to_an_older_or_newer_letter(client, db):
    """Citations of the number that an editor linked to a letter added before or after
    the cited one are listed, each letter once, next to the resolved ones."""
    from letters.models import Citation

    older = make_letter(dossier="33694", number=5, title="Eerder toegevoegd")
    target = make_letter(dossier="33694", number=12, title="De GBVS", letter_date=date(2018, 3, 1))
    newer = make_letter(dossier="33694", number=70, title="Later toegevoegd")
    for number, (linked_to, year) in enumerate(((older, 2016), (newer, 2017), (target, 2019))):
        citing = make_letter(
            number=80 + number,
            title=f"Citeert {year}",
            body="Zie Kamerstuk 33 694, nr. 12.",
            letter_date=date(year, 1, 1),
        )
        citation = cite(citing, "Kamerstuk 33 694, nr. 12", "33694", 12)
        Citation.objects.filter(pk=citation.pk).update(target=linked_to)

    page = html(client.get(target.get_absolute_url()))
    assert "3 brieven verwijzen hiernaar." in page
    cited = page[page.index('class="citing-letters"') :]
    order = [cited.index(f">Citeert {year}</a>") for year in (2019, 2017, 2016)]
    assert order == sorted(order)
    for year in (2016, 2017, 2019):
        assert f'{year} <span class="count">(1)</span>' in page


def test_geciteerd_door_reads_only_what_it_shows(db):
    """For a Kamerstuk in the archive, the citations of its number that point elsewhere
    or nowhere are found by index conditions on the target, not by reading the
    thousands of citations resolved to it; a page of citing letters reads the newest
    ones from an index instead of sorting them all."""
    from django.db import connection

    from letters.selectors.letters import _citing_parts

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")
    from letters.models import Citation, CitationKind

    target = make_letter(dossier="33694", number=12, title="De GBVS")
    citing = make_letter(number=90, title="Citeert vaak", body="Kamerstuk 33 694, nr. 12. " * 400)
    Citation.objects.bulk_create(
        Citation(
            letter=citing, kind=CitationKind.KAMERSTUK, key="33694-12", dossier="33694",
            number=12, target=target, text="Kamerstuk 33 694, nr. 12", start=n * 26, end=n * 26 + 24,
        )
        for n in range(400)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE letters_citation")

        def plan(sql, params):
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

        resolved, by_number = _citing_parts(target.kamerstuk_key, target)
        newest_resolved, _ = _citing_parts(target.kamerstuk_key, target, first=20)
        by_number_plan = plan(*by_number)
        newest_plan = plan(*newest_resolved)
    conditions = re.findall(r"Index Cond: \((.*)\)", by_number_plan)
    for by_target in ("target_id IS NULL", f"target_id < {target.pk}", f"target_id > {target.pk}"):
        assert any(by_target in condition for condition in conditions), by_number_plan
    # The newest citing letters come from an index in that order: no sort of them all.
    assert "citation_target_newest" in newest_plan and "Sort" not in newest_plan, newest_plan


def test_geciteerd_door_follows_a_changed_date_of_the_citing_letter(client, target):
    citing = make_letter(number=64, title="Citerende brief", body="Zie Kamerstuk 33 694, nr. 12.")
    cite(citing, "Kamerstuk 33 694, nr. 12", "33694", 12)
    assert '2018 <span class="count">(1)</span>' in html(client.get("/kamerstuk/33694/12/"))
    citing.date, citing.year = date(2021, 5, 1), 2021
    save_letter(citing)
    page = html(client.get("/kamerstuk/33694/12/?geciteerd_jaar=2021"))
    assert '2021 <span class="count">(1)</span>' in page
    assert "2018 <span" not in page
    assert "Citerende brief" in page[page.index('class="citing-letters"') :]


def test_a_letter_without_citations_says_so_and_offers_the_feed(client, target):
    page = html(client.get("/kamerstuk/33694/12/"))
    assert "Nog geen brief in het archief verwijst hiernaar." in page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nieuwe brieven die verwijzen naar Kamerstuk 33 694, nr. 12" href="/feeds/kamerstuk/33694/12/">'
        in page
    )
    assert '<a href="/feeds/kamerstuk/33694/12/">' in page


def test_side_column_missions_budget_recommendations(client, letter):
    mission = make_mission("minusma")
    link_mission(
        letter, mission, decision="extension", text="Het kabinet verlengt de bijdrage aan MINUSMA."
    )
    link_mission(letter, make_mission("unifil"), text="UNIFIL wordt genoemd.")
    make_budget_line(
        letter,
        "30000000",
        instrument="BIV",
        year_from=2019,
        year_to=2020,
        nature="one-off",
        mission=mission,
    )
    make_budget_line(letter, "1250.50", instrument="BZ")
    make_recommendation(
        letter,
        number="3",
        text="Maak het BIV flexibel.",
        response="partly",
        response_text="Deels: het BIV blijft.",
    )

    page = html(client.get("/kamerstuk/33694/20/"))
    assert '<a href="/missies/minusma/">MINUSMA</a>' in page
    assert "Verlenging</strong>: Het kabinet verlengt de bijdrage aan MINUSMA." in page
    assert "UNIFIL wordt genoemd." in page
    assert "€ 30 miljoen" in page and 'title="€ 30.000.000"' in page
    assert "Budget Internationale Veiligheid · 2019–2020 · incidenteel" in page
    assert "€ 1.250,50" in page
    assert "aanbeveling 3" in page and "Maak het BIV flexibel." in page
    assert "Deels overgenomen</strong>: Deels: het BIV blijft." in page


def test_previous_and_next_letter_in_the_dossier(client, letter, target):
    make_letter(number=25, title="Daarna")
    make_letter(dossier="29521", number=21, title="Ander dossier")
    page = html(client.get("/kamerstuk/33694/20/"))
    assert '<a rel="prev" href="/kamerstuk/33694/12/">nr. 12: De GBVS</a>' in page
    assert '<a rel="next" href="/kamerstuk/33694/25/">nr. 25: Daarna</a>' in page
    assert "Ander dossier" not in page


def test_letter_without_number_lives_at_its_slug(client):
    letter = make_letter(dossier=None, title="Brief zonder nummer", slug="brief-zonder-nummer")
    response = client.get("/brieven/brief-zonder-nummer/")
    assert response.status_code == 200
    page = html(response)
    assert "Kamerbrief, nog zonder Kamerstuknummer" in page
    assert "officielebekendmakingen.nl/kst-" not in page
    assert letter.get_absolute_url() == "/brieven/brief-zonder-nummer/"


def test_slug_redirects_permanently_once_the_number_is_known(client):
    letter = make_letter(dossier=None, slug="wordt-genummerd")
    letter.dossier = Dossier.objects.get(number="33694")
    letter.number = 77
    letter.save()
    response = client.get("/brieven/wordt-genummerd/?geciteerd_jaar=2018")
    assert response.status_code == 301
    assert response["Location"] == "/kamerstuk/33694/77/?geciteerd_jaar=2018"


def test_unknown_slug_is_a_404_page(client):
    response = client.get("/brieven/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html(response)


def test_seed_letters_render_with_linked_citations_and_footnotes(client, seeded):
    """The five real letters, imported through the real import path."""
    for letter in seeded:
        response = client.get(letter.get_absolute_url())
        assert response.status_code == 200, letter.get_absolute_url()
        page = html(response)
        assert f"<h1>{escape(letter.title)}</h1>" in page
        blocks = letter.structure.get("blocks", [])
        assert blocks, letter.title
        for number in range(1, len(blocks) + 1):
            assert f'id="p{number}"' in page
        for citation in letter.citations.filter(kind="kamerstuk"):
            assert f'id="c{citation.pk}"' in page, citation.text
        markers = {ref["marker"] for ref in letter.structure.get("footnote_refs", [])}
        notes = {b.get("marker") for b in blocks if b["kind"] == "footnote"}
        for marker in markers & notes:
            assert f'href="#fn{marker}"' in page
            assert f'href="#fnref{marker}"' in page


def test_seed_letter_with_number_and_its_footnote_citations(client, seeded):
    page = html(client.get("/kamerstuk/33694/9/"))
    assert "Samenhang tussen de Nederlandse bijdragen" in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-33694-9.html"' in page
    # "(Kamerstuk 29 521, nr. 226)" stands in footnote 1: a link to its reference page
    assert 'href="/kamerstuk/29521/226/"' in page
    assert '<span class="footnote-number" id="fn1">1</span>' in page
