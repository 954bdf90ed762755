"""The facets of /brieven/ (letters.filters): OR within a facet, AND across
facets, disjunctive counts, and unknown values ignored with a notice."""

import re
from datetime import date

import pytest
from django.http import QueryDict

from letters.filters import LetterFilterSet
from letters.models import Dossier, Letter, Ministry
from tests.factories import link_mission, make_dossier, make_letter, make_mission

pytestmark = pytest.mark.django_db


def filterset(query: str) -> LetterFilterSet:
    return LetterFilterSet(QueryDict(query))


def titles(query: str) -> set[str]:
    return {letter.title for letter in filterset(query).qs}


def counts(query: str, facet: str) -> dict[str, int]:
    return {c.value: c.count for c in filterset(query).facet_counts()[facet]}


@pytest.fixture
def archive():
    """Four letters: two about MINUSMA (VN), one about eFP (NAVO), one about both."""
    minusma = make_mission("minusma")
    efp = make_mission("enhanced-forward-presence")
    defensie = Ministry.objects.get(slug="defensie")
    bz = Ministry.objects.get(slug="buitenlandse-zaken")

    mali_2018 = make_letter(
        title="Mali 2018", letter_date=date(2018, 3, 1), kind="artikel-100", dossier="29521"
    )
    link_mission(mali_2018, minusma, decision="extension")
    link_mission(mali_2018, minusma)  # mentioned twice: still one letter
    mali_2018.ministries.add(defensie)

    mali_2019 = make_letter(
        title="Mali 2019",
        letter_date=date(2019, 5, 1),
        kind="voortgangsrapportage",
        dossier="29521",
    )
    link_mission(mali_2019, minusma)
    mali_2019.ministries.add(defensie, bz)

    baltics = make_letter(
        title="Baltische staten", letter_date=date(2019, 9, 1), kind="artikel-100", dossier="33694"
    )
    link_mission(baltics, efp)
    baltics.ministries.add(bz)
    baltics.other_dossiers.add(make_dossier("29521"))

    both = make_letter(
        title="Overzicht", letter_date=date(2020, 1, 1), kind="beleidsbrief", dossier="35300-V"
    )
    link_mission(both, minusma)
    link_mission(both, efp)
    return {"mali_2018": mali_2018, "mali_2019": mali_2019, "baltics": baltics, "both": both}


def test_no_filters_lists_every_letter(archive):
    assert titles("") == {"Mali 2018", "Mali 2019", "Baltische staten", "Overzicht"}


def test_values_of_one_facet_combine_with_or(archive):
    assert titles("jaar=2018") == {"Mali 2018"}
    assert titles("jaar=2018&jaar=2020") == {"Mali 2018", "Overzicht"}
    assert titles("missie=enhanced-forward-presence") == {"Baltische staten", "Overzicht"}
    assert titles("missie=minusma&missie=enhanced-forward-presence") == {
        "Mali 2018",
        "Mali 2019",
        "Baltische staten",
        "Overzicht",
    }


def test_different_facets_combine_with_and(archive):
    assert titles("missie=minusma&jaar=2019") == {"Mali 2019"}
    assert titles("missie=minusma&jaar=2019&soort=artikel-100") == set()
    assert titles("soort=artikel-100&ministerie=buitenlandse-zaken") == {"Baltische staten"}


def test_organisation_of_mentioned_missions(archive):
    assert titles("organisatie=NAVO") == {"Baltische staten", "Overzicht"}
    assert titles("organisatie=vn") == {"Mali 2018", "Mali 2019", "Overzicht"}


def test_dossier_matches_main_and_other_dossiers(archive):
    assert titles("dossier=29521") == {"Mali 2018", "Mali 2019", "Baltische staten"}
    assert titles("dossier=33694") == {"Baltische staten"}
    # Written as in letters, or with a lower-case chapter: the same dossier.
    assert titles("dossier=35 300 V") == titles("dossier=35300-v") == {"Overzicht"}


def test_search_text_combines_with_facets(archive):
    make_letter(title="Gao", body="Over Timboektoe.", letter_date=date(2018, 1, 1))
    make_letter(title="Later", body="Weer Timboektoe.", letter_date=date(2019, 1, 1))
    assert titles("q=timboektoe") == {"Gao", "Later"}
    assert titles("q=timboektoe&jaar=2018") == {"Gao"}
    assert titles("q=timboektoe&jaar=2018&missie=minusma") == set()


def test_counts_are_letters_not_mentions(archive):
    assert counts("", "missie") == {"minusma": 3, "enhanced-forward-presence": 2}
    assert counts("", "organisatie") == {"VN": 3, "NAVO": 2}
    assert counts("", "jaar") == {"2018": 1, "2019": 2, "2020": 1}
    assert counts("", "soort") == {"artikel-100": 2, "voortgangsrapportage": 1, "beleidsbrief": 1}
    assert counts("", "ministerie") == {"defensie": 2, "buitenlandse-zaken": 2}
    assert counts("", "dossier") == {"29521": 3, "33694": 1, "35300-V": 1}


def test_a_facet_counts_with_the_other_facets_but_not_itself(archive):
    # With MINUSMA chosen, the mission facet still shows eFP (a choice to add),
    # counted among the letters of the chosen year.
    assert counts("missie=minusma&jaar=2019", "missie") == {
        "minusma": 1,
        "enhanced-forward-presence": 1,
    }
    # The year facet applies the mission filter.
    assert counts("missie=minusma&jaar=2019", "jaar") == {"2018": 1, "2019": 1, "2020": 1}
    assert counts("missie=enhanced-forward-presence", "jaar") == {"2019": 1, "2020": 1}


def test_counts_follow_the_search_text(archive):
    make_letter(title="Over de Sahel", body="Sahel en MINUSMA.", letter_date=date(2021, 1, 1))
    assert counts("q=sahel", "jaar") == {"2021": 1}


def test_a_chosen_value_without_letters_shows_zero(archive):
    result = filterset("missie=unifil&jaar=2018")
    assert list(result.qs) == []
    missions = {c.value: c.count for c in result.facet_counts()["missie"]}
    assert missions["unifil"] == 0
    assert result.notices == []


def test_unknown_values_are_ignored_with_a_dutch_notice(archive):
    result = filterset(
        "missie=bestaat-niet&jaar=abcd&soort=x&ministerie=nergens&dossier=12&organisatie=WTO"
    )
    assert {letter.title for letter in result.qs} == titles("")
    notices = " ".join(result.notices)
    assert "Onbekende missie „bestaat-niet”" in notices
    assert "Ongeldig jaar „abcd”" in notices
    assert "Onbekende soort brief „x”" in notices
    assert "Onbekend ministerie „nergens”" in notices
    assert "Onbekend dossier „12”" in notices
    assert "Onbekende organisatie „WTO”" in notices


def test_an_unknown_value_does_not_cancel_a_known_one(archive):
    result = filterset("missie=minusma&missie=bestaat-niet")
    assert {letter.title for letter in result.qs} == {"Mali 2018", "Mali 2019", "Overzicht"}
    assert len(result.notices) == 1
    assert list(result.selection["missie"]) == ["minusma"]


def test_a_dossier_that_exists_nowhere_is_unknown(archive):
    assert not Dossier.objects.filter(number="99999").exists()
    result = filterset("dossier=99999")
    assert result.notices == ["Onbekend dossier „99999”: dit filter is genegeerd."]


@pytest.mark.parametrize(
    "query",
    [
        "jaar=-1",
        "jaar=99999999999999999999",
        "jaar=2018.5",
        "jaar=%00",
        "missie=%00",
        "missie=" + "a" * 5000,
        "dossier=kst-33694-9",
        "soort=%27%3B--",
        "ministerie=../../etc",
        "&".join(f"jaar={year}" for year in range(1900, 2000)),
    ],
)
def test_odd_values_never_raise(archive, query):
    result = filterset(query)
    list(result.qs)
    result.facet_counts()


def test_too_many_values_are_capped_with_a_notice(archive):
    result = filterset("&".join(f"jaar={year}" for year in range(1900, 2000)))
    assert len(result.selection["jaar"]) == 30
    assert any("Te veel waarden" in notice for notice in result.notices)


# -- the single facet query agrees with counting each facet on its own ----------------------


def naive_counts(result: LetterFilterSet) -> dict[str, dict[str, int]]:
    """Each facet counted the slow, obvious way: the letters matching q and every
    OTHER chosen facet, value by value."""
    from letters.models import Letter

    values = {
        "missie": lambda letter: {link.mission.slug for link in letter.mission_links.all()},
        "organisatie": lambda letter: {
            link.mission.organisation for link in letter.mission_links.all()
        },
        "jaar": lambda letter: {str(letter.year)} if letter.year else set(),
        "soort": lambda letter: {letter.kind} if letter.kind else set(),
        "ministerie": lambda letter: {m.slug for m in letter.ministries.all()},
        "dossier": lambda letter: {d.number for d in letter.all_dossiers()},
    }
    expected = {}
    for name in result.FACETS:
        counts: dict[str, int] = {}
        for letter in result.filtered(Letter.objects.all(), without=name):
            for value in values[name](letter):
                counts[value] = counts.get(value, 0) + 1
        for value in result.selection[name]:
            counts.setdefault(value, 0)
        expected[name] = counts
    return expected


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=mali",
        "missie=minusma",
        "missie=minusma&jaar=2019",
        "missie=minusma&jaar=2019&soort=artikel-100",
        "q=mali&dossier=29521&ministerie=defensie&organisatie=NAVO",
        "organisatie=VN&organisatie=NAVO&dossier=33694&dossier=35300-V&soort=beleidsbrief",
        "q=-mali&jaar=2019&jaar=2020",
    ],
)
def test_counts_equal_counting_each_facet_separately(archive, query):
    make_letter(
        title="Mali en de Baltische staten",
        body="Mali.",
        letter_date=date(2019, 9, 2),
        kind="beleidsbrief",
        dossier="29521",
    ).other_dossiers.add(Dossier.objects.get(number="29521"), make_dossier("33694"))
    result = filterset(query)
    got = {name: {c.value: c.count for c in counts} for name, counts in result.facet_counts().items()}
    assert got == naive_counts(result)


def test_the_facet_query_also_counts_the_matching_letters(archive):
    result = filterset("missie=minusma&jaar=2019&jaar=2020")
    assert result.facet_summary().total == result.qs.count() == 2


# -- estimated counts for very large result sets -----------------------------------------


@pytest.fixture
def small_limits(monkeypatch):
    """Pretend that more than 4 letters is too many to count exactly, with a
    sample of every other letter (ids that are a multiple of 2) and no fine
    sample."""
    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 4)
    monkeypatch.setattr("letters.filters.SAMPLE_EVERY", 2)
    monkeypatch.setattr("letters.filters.FINE_SAMPLE_LIMIT", 0)


@pytest.fixture
def many_letters():
    minusma = make_mission("minusma")
    letters = [
        make_letter(title=f"Brief {n}", body="Over Mali.", letter_date=date(2010 + n % 2, 1, 1))
        for n in range(20)
    ]
    for letter in letters[:10]:
        link_mission(letter, minusma)
    return letters + [make_letter(title="De enige van 2030", body="Mali.", letter_date=date(2030, 1, 1))]


def test_large_result_sets_are_counted_over_the_sample(many_letters, small_limits):
    summary = filterset("q=mali").facet_summary()
    in_sample = [letter for letter in many_letters[:20] if letter.pk % 2 == 0]
    in_sample += [letter for letter in many_letters[20:] if letter.pk % 2 == 0]

    assert summary.counts_estimated and summary.total_estimated
    assert summary.sample_every == 2
    assert summary.total == 2 * len(in_sample)
    years = {c.value: c.count for c in summary.counts["jaar"]}
    assert years == {
        str(y): 2 * n
        for y in (2010, 2011, 2030)
        if (n := sum(1 for letter in in_sample if letter.year == y))
    }
    assert all(c.estimated for c in summary.counts["jaar"])
    minusma = sum(1 for letter in in_sample if letter in many_letters[:10])
    assert {c.value: c.count for c in summary.counts["missie"]} == {"minusma": 2 * minusma}


def test_the_total_stays_exact_when_indexes_can_count_it(many_letters, small_limits):
    # No search text: the facet counts are estimated, the number of letters is not.
    summary = filterset("").facet_summary()
    assert summary.counts_estimated and not summary.total_estimated
    assert summary.total == 21
    # A large search narrowed to a small result: counted exactly too.
    summary = filterset("q=mali&jaar=2030").facet_summary()
    assert summary.counts_estimated
    assert summary.total == 1 and not summary.total_estimated


def test_medium_result_sets_are_counted_over_the_fine_sample(many_letters, monkeypatch):
    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 4)
    monkeypatch.setattr("letters.filters.SAMPLE_EVERY", 4)
    monkeypatch.setattr("letters.filters.FINE_SAMPLE_EVERY", 2)
    monkeypatch.setattr("letters.filters.FINE_SAMPLE_LIMIT", 1000)
    summary = filterset("q=mali").facet_summary()
    in_sample = [letter for letter in many_letters if letter.pk % 2 == 0]
    assert summary.sample_every == 2
    assert summary.total == 2 * len(in_sample) and summary.total_estimated


def test_very_large_searches_are_counted_over_the_coarsest_sample(many_letters, monkeypatch):
    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 4)
    monkeypatch.setattr("letters.filters.COARSE_SAMPLE_EVERY", 4)
    monkeypatch.setattr("letters.filters.COARSE_SAMPLE_FROM", 8)
    in_sample = [letter for letter in many_letters if letter.pk % 4 == 0]
    assert 2 < len(in_sample)  # more than COARSE_SAMPLE_FROM letters, by the sample

    summary = filterset("q=mali").facet_summary()
    assert summary.sample_every == 4
    assert summary.total == 4 * len(in_sample) and summary.total_estimated
    # Narrowed to a year with one letter: the total is counted.
    summary = filterset("q=mali&jaar=2030").facet_summary()
    assert summary.total == 1 and not summary.total_estimated
    # Without words the archive is browsed: the coarsest sample is not used.
    assert filterset("").facet_summary().sample_every != 4


def test_small_result_sets_are_counted_exactly(many_letters, small_limits, monkeypatch):
    monkeypatch.setattr("letters.filters.EXACT_COUNT_LIMIT", 100)
    summary = filterset("q=mali").facet_summary()
    assert not summary.counts_estimated and not summary.total_estimated
    assert summary.total == 21
    assert {c.value: c.count for c in summary.counts["missie"]} == {"minusma": 10}


def test_postgresql_reads_the_sample_from_its_partial_indexes(many_letters):
    from django.db import connection

    from letters import filters, search

    if connection.vendor != "postgresql":
        pytest.skip("partial indexes of the sample exist on PostgreSQL only")
    # The predicates of migration 0008's and 0013's indexes.
    assert (filters.COARSE_SAMPLE_EVERY, filters.SAMPLE_EVERY, filters.FINE_SAMPLE_EVERY) == (256, 64, 8)
    # Indexes as a database holds them, not as the tests before this one left them: their
    # rolled-back writes leave pages behind (more for a partial index whose ids they hit),
    # and the planner costs an index by its pages.
    with connection.cursor() as cursor:
        cursor.execute("REINDEX TABLE letters_letter")
    cases = [
        # A search reads its sample from a GIN index, never from a B-tree.
        ("q=mali", 256, "letter_coarsest_sample_search_gin"),
        ("q=mali", 64, "letter_sample_search_gin"),
        ("q=mali", 8, "letter_fine_sample_search_gin"),
        # Without words the sample comes from its B-tree index.
        ("", 256, "letter_coarsest_sample"),
        ("", 64, "letter_sample"),
        ("", 8, "letter_fine_sample"),
    ]
    for query, every, index in cases:
        parsed = filterset(query).parsed_query
        sample = search.filter_letters(Letter.objects.all(), parsed, sample_every=every)
        with search.index_scans(parsed), connection.cursor() as cursor:
            if not query:  # the planner would rightly scan so small a table
                cursor.execute("SET enable_seqscan = off")
            sql, params = sample.values("id", "year").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
        used = set(re.findall(r" (?:on|using) (letter_\w+)", plan))
        assert used == {index}, plan


def test_postgresql_reads_a_facet_browse_page_newest_first_from_an_index():
    """A page of ``?missie=…&jaar=…`` walks the year's newest letters in the order of
    migration 0015's index and checks each against the mission, stopping after
    twenty: no hashing of the mission's letters, no sort of all the matches. (With
    a year of 2 000 letters; for a few dozen, sorting them is cheaper, and chosen.)"""
    from django.db import connection

    from letters.models import LetterMission
    from letters.selectors.search import NEWEST, ordered_letters

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL-only index (migration 0015)")
    minusma = make_mission("minusma")
    letters = Letter.objects.bulk_create(
        Letter(
            title=f"Brief {n}", slug=f"brief-{n}", body="Over Mali.",
            date=date(2009 + n % 2, 1 + n % 12, 1), year=2009 + n % 2,
        )
        for n in range(4000)
    )
    LetterMission.objects.bulk_create(
        LetterMission(letter=letter, mission=minusma, text="MINUSMA.", start=n)
        for n, letter in enumerate(letters)
        if n % 3 == 0
    )
    chosen = filterset("missie=minusma&jaar=2010")
    page = ordered_letters(chosen.qs, chosen, NEWEST).values_list("id", flat=True)[:20]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE letters_letter")
        cursor.execute("ANALYZE letters_lettermission")
        sql, params = page.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "letter_newest_first" in plan and "Sort" not in plan, plan
    expected = sorted(
        (letter for n, letter in enumerate(letters) if n % 3 == 0 and letter.year == 2010),
        key=lambda letter: (letter.date, letter.pk),
        reverse=True,
    )
    assert list(page) == [letter.pk for letter in expected[:20]]


def test_postgresql_keeps_letter_rows_narrow():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage setting")
    # Rows over 512 bytes move their large values (structure, body, vector) to
    # the TOAST table, so scans over many letters read a few hundred bytes each.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'letters_letter'")
        (options,) = cursor.fetchone()
    assert "toast_tuple_target=512" in (options or [])
