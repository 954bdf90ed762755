"""Full-text search (letters.search): the same behaviour on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.models import Letter
from letters.search import (
    filter_letters,
    letter_paragraphs,
    parse_query,
    remove_from_index,
    search,
    update_index,
)
from letters.search.query import MAX_TERMS
from letters.search.snippets import make_snippet
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return {letter.title for letter in search(Letter.objects.all(), query)}


def ranked(query: str) -> list[str]:
    return [letter.title for letter in search(Letter.objects.all(), query).order_by("-rank", "id")]


def in_index(letter_id: int) -> bool:
    """Whether the index holds anything for this letter id."""
    if connection.vendor == "postgresql":
        return Letter.objects.filter(pk=letter_id, search_vector__isnull=False).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM letters_letter_fts WHERE rowid = %s", [letter_id])
        return cursor.fetchone()[0] == 1


@pytest.fixture
def letters():
    return {
        "mali": make_letter(
            title="Bijdrage aan MINUSMA",
            body="Het kabinet verlengt de missie in Mali met een jaar.\n\nDe inzet kost geld.",
        ),
        "afghanistan": make_letter(
            title="Resolute Support",
            body="De trainingsmissie in Afghanistan wordt beëindigd.",
        ),
        "oekraine": make_letter(
            title="Steun aan Oekraïne",
            body="Nederland levert materieel aan Oekraïne. Mali komt hier niet in voor.",
        ),
        "scattered": make_letter(
            title="Overzicht",
            body="In Mali is veel gebeurd. Over een andere missie later meer.",
        ),
    }


# -- matching -------------------------------------------------------------------------


def test_dutch_stemming_finds_singular_from_plural(letters):
    assert "Bijdrage aan MINUSMA" in found("missies")
    assert "Resolute Support" not in found("missies")  # "trainingsmissie" is another word


def test_stemming_works_the_other_way_round():
    make_letter(title="Twee brieven", body="Wij sturen u twee brieven over missies.")
    assert found("brief") == {"Twee brieven"}
    assert found("missie") == {"Twee brieven"}


def test_search_ignores_diacritics_in_both_directions(letters):
    assert found("Oekraine") == {"Steun aan Oekraïne"}
    assert found("oekraïne") == {"Steun aan Oekraïne"}
    assert found("beeindigd") == {"Resolute Support"}


def test_case_does_not_matter(letters):
    assert found("MALI") == found("mali") == found("Mali")


def test_all_words_must_occur(letters):
    assert found("mali verlengt") == {"Bijdrage aan MINUSMA"}


def test_quoted_phrase_needs_the_words_in_order(letters):
    assert found('"missie in Mali"') == {"Bijdrage aan MINUSMA"}
    # Both words occur in "Overzicht", but not as this phrase.
    assert "Overzicht" in found("missie mali")


def test_unclosed_quote_is_a_phrase_to_the_end(letters):
    assert found('"missie in Mali') == {"Bijdrage aan MINUSMA"}


def test_minus_excludes_a_word(letters):
    assert found("mali") == {"Bijdrage aan MINUSMA", "Steun aan Oekraïne", "Overzicht"}
    assert found("mali -oekraine") == {"Bijdrage aan MINUSMA", "Overzicht"}
    assert found('mali -"missie in mali"') == {"Steun aan Oekraïne", "Overzicht"}


def test_several_exclusions(letters):
    assert found("mali -oekraine -verlengt") == {"Overzicht"}
    assert found('-mali -"resolute support"') == set()


def test_only_exclusions_lists_everything_else(letters):
    assert found("-mali") == {"Resolute Support"}


def test_or_finds_either(letters):
    assert found("afghanistan OR oekraine") == {"Resolute Support", "Steun aan Oekraïne"}


def test_or_binds_tighter_than_and(letters):
    # missie AND (afghanistan OR oekraine): "Steun aan Oekraïne" has no "missie".
    assert found("missie afghanistan OR oekraine") == set()
    assert found("trainingsmissie afghanistan OR oekraine") == {"Resolute Support"}


def test_lowercase_or_is_a_plain_word(letters):
    assert found("afghanistan or oekraine") == set()


def test_searching_an_identifier_finds_the_letter():
    letter = make_letter(dossier="33694", number=9, title="Beleidsbrief")
    assert found("kst-33694-9") == {letter.title}
    assert found("33694") >= {letter.title}


# -- ranking --------------------------------------------------------------------------------


def test_title_hit_ranks_above_body_only_hit():
    make_letter(
        title="Algemene brief",
        body="Over de VJTF. De VJTF is snel inzetbaar. Ook de VJTF oefent veel.",
    )
    make_letter(title="Besluit over de VJTF", body="Nederland levert een bijdrage.")
    assert ranked("vjtf") == ["Besluit over de VJTF", "Algemene brief"]


def test_heading_hit_ranks_above_body_only_hit():
    body_only = "Inleiding\n\nWij schrijven over cyberdreiging en meer.\n\nSlot"
    make_letter(title="Brief A", body=body_only)
    with_heading = "Cyberdreiging\n\nWij schrijven over de dreiging en meer.\n\nSlot"
    make_letter(
        title="Brief B",
        body=with_heading,
        structure={
            "blocks": [
                {"kind": "heading", "start": 0, "end": 13},
                {"kind": "paragraph", "start": 15, "end": 55},
                {"kind": "paragraph", "start": 57, "end": 61},
            ]
        },
    )
    assert ranked("cyberdreiging") == ["Brief B", "Brief A"]


def test_search_returns_a_rank_to_order_by(letters):
    results = list(search(Letter.objects.all(), "mali").order_by("-rank"))
    assert all(isinstance(letter.rank, float) for letter in results)


def test_the_window_starts_in_the_newest_year_that_fills_it(monkeypatch):
    from letters.search import window

    monkeypatch.setattr(window, "RANK_WINDOW", 10)
    counts = {2024: 4, 2025: 5, 2026: 3, 2023: 100}
    assert window.window_since_year(counts, estimated=False) == 2024  # 3 + 5 + 4 >= 10
    assert window.window_since_year(counts, estimated=True) == 2023  # estimates: twice the window
    assert window.window_since_year({2026: 3, 2025: 5}, estimated=False) is None


def test_the_rank_window_is_the_newest_letters_whatever_year_it_is_looked_for_from(monkeypatch):
    from letters.search import window

    monkeypatch.setattr(window, "RANK_WINDOW", 3)
    for year in (2019, 2020, 2021, 2022, 2022):
        make_letter(title=f"Brief {year}", body="Over Mali.", letter_date=date(year, 3, 1))
    make_letter(title="Zonder datum", body="Over Mali.", letter_date=None)
    parsed = parse_query("mali")

    def candidates(since):
        return filter_letters(Letter.objects.all(), parsed, since_year=since)

    newest = list(Letter.objects.filter(year__gte=2021).order_by("-year", "-id").values_list("pk", flat=True))
    for since in (None, 2019, 2021, 2022, 2026):  # 2022 and 2026 hold too few: all matches decide
        ids, looked_from = window.window_ids(candidates, since)
        assert ids == newest  # the newest three, newest first: 2022, 2022, 2021
        assert looked_from == (since if since in (2019, 2021) else None)


def test_the_window_in_rank_order_is_the_start_of_the_full_order(monkeypatch):
    from letters.search import annotate_rank, window, window_in_order

    monkeypatch.setattr(window, "RANK_WINDOW", 3)
    make_letter(title="Oud maar goed", body="Sahel Sahel Sahel.", letter_date=date(2001, 1, 1))
    make_letter(title="Nieuw", body="Over de Sahel en meer.", letter_date=date(2020, 1, 1))
    make_letter(title="Sahel", body="Sahel, Sahel.", letter_date=date(2021, 1, 1))
    make_letter(title="Nieuwst", body="Iets over de Sahel.", letter_date=date(2022, 1, 1))
    parsed = parse_query("sahel")
    matches = filter_letters(Letter.objects.all(), parsed)

    def candidates(since):
        return filter_letters(Letter.objects.all(), parsed.loosened(), since_year=since)

    full = list(
        annotate_rank(matches, parsed, candidates)
        .order_by("-rank", "-year", "-date", "-id")
        .values_list("pk", flat=True)
    )
    for counts in (None, {2022: 1, 2021: 1, 2020: 1, 2001: 1}):
        in_order = window_in_order(matches, parsed, candidates, year_counts=counts)
        assert in_order == full[:3]
    assert Letter.objects.get(pk=in_order[0]).title == "Sahel"  # the title counts most
    assert Letter.objects.get(pk=full[3]).title == "Oud maar goed"  # outside the window


def test_a_year_is_found_in_the_text_not_in_the_letters_date():
    make_letter(title="Brief uit dat jaar", body="Over Mali.", letter_date=date(2026, 3, 1))
    make_letter(title="Brief erover", body="De plannen voor 2026.", letter_date=date(2019, 3, 1))
    assert found("2026") == {"Brief erover"}
    assert found("§2026") == {"Brief erover"}  # the mark is no part of a word


def test_letters_that_differ_only_in_year_rank_the_same():
    make_letter(title="Brief", body="Over Mali en de inzet in Mali.", letter_date=date(2026, 3, 1))
    make_letter(title="Brief", body="Over Mali en de inzet in Mali.", letter_date=date(1999, 3, 1))
    ranks = [letter.rank for letter in search(Letter.objects.all(), "mali inzet")]
    assert len(ranks) == 2 and ranks[0] == ranks[1]


@given(st.integers(min_value=1000, max_value=9999))
def test_the_years_from_one_are_every_later_four_digit_year_and_no_other(since):
    from letters.search.window import years_from

    terms = years_from(since)

    def matched(year: int) -> bool:
        text = str(year)
        return any(text.startswith(digits) if prefix else text == digits for digits, prefix in terms)

    for year in (since - 1, since, since + 1, 1000, 1800, 2026, 2200, 9999):
        if 1000 <= year <= 9999:
            assert matched(year) == (year >= since), year
    assert len(terms) <= 37  # a handful, however far the years reach


def test_the_index_knows_each_letters_year_after_every_change():
    letter = make_letter(title="Brief", body="Over Mali.", letter_date=date(2020, 3, 1))
    undated = make_letter(title="Zonder datum", body="Over Mali.", letter_date=None)
    mali = parse_query("mali")

    def from_year(year):
        return set(filter_letters(Letter.objects.all(), mali, since_year=year).values_list("pk", flat=True))

    assert from_year(2020) == {letter.pk} and from_year(2021) == set()
    letter.date = date(2022, 1, 5)
    letter.year = 2022
    letter.save()
    update_index([letter.pk])
    assert from_year(2021) == {letter.pk} and from_year(2023) == set()
    assert undated.pk not in from_year(1800)
    # Without words, the years alone decide.
    assert set(filter_letters(Letter.objects.all(), parse_query("-niger"), since_year=2021).values_list("pk", flat=True)) == {letter.pk}


# -- keeping the index up to date -----------------------------------------------------------


def test_update_index_picks_up_an_edited_letter():
    letter = make_letter(title="Brief", body="Het gaat over de Sahel.")
    assert found("sahel") == {"Brief"}
    letter.body = "Het gaat over de Balkan."
    letter.save()
    update_index([letter.pk])
    assert found("sahel") == set()
    assert found("balkan") == {"Brief"}


def test_a_deleted_letter_leaves_the_index():
    letter = make_letter(title="Weg", body="Deze brief over Kosovo wordt verwijderd.")
    keep = make_letter(title="Blijft", body="Deze brief over Kosovo blijft.")
    letter_id = letter.pk
    letter.delete()
    assert not in_index(letter_id)
    assert in_index(keep.pk)
    assert found("kosovo") == {"Blijft"}


def test_remove_from_index_makes_a_letter_unfindable():
    letter = make_letter(title="Verborgen", body="Over Somalië.")
    remove_from_index([letter.pk])
    assert found("somalie") == set()
    update_index([letter.pk])
    assert found("somalie") == {"Verborgen"}


def test_update_index_handles_many_letters_and_missing_ids():
    letters = [
        make_letter(title=f"Brief {n}", body=f"Onderwerp nummer{n} en Libië.", index=False)
        for n in range(230)
    ]
    update_index([letter.pk for letter in letters] + [999_999])
    assert search(Letter.objects.all(), "libie").count() == 230
    assert found("nummer229") == {"Brief 229"}


def test_letter_without_body_or_date_is_indexed():
    make_letter(title="Alleen een titel", body="", letter_date=None)
    assert found("titel") == {"Alleen een titel"}


# -- hostile input -------------------------------------------------------------------------------

NASTY = [
    "x" * 10_000,
    "mali " * 2_000,
    "mali\x00afghanistan",
    "\x00",
    '"',
    '"""',
    '"mali',
    "-",
    "--",
    "OR",
    "OR OR mali OR",
    "NOT",
    "mali NOT",
    "NEAR(mali afghanistan, 2)",
    "mali*",
    "^mali",
    "title:mali",
    "{title body}: mali",
    "mali AND (afghanistan",
    "'; DROP TABLE letters_letter; --",
    "1' OR '1'='1",
    "!!mali & | <-> :*",
    "\\",
    "%_%",
    "🙂 Ωμέγα 中文 مرحبا",
    "",
    "   ",
]


@pytest.mark.parametrize("query", NASTY)
def test_hostile_queries_never_raise(letters, query):
    results = list(search(Letter.objects.all(), query).order_by("-rank"))
    assert isinstance(results, list)


def test_sql_in_the_query_is_just_words(letters):
    search(Letter.objects.all(), "'; DROP TABLE letters_letter; --").count()
    assert Letter.objects.count() == 4


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_text_is_a_valid_query(letters, query):
    list(search(Letter.objects.all(), query).order_by("-rank")[:5])


def test_query_is_capped_in_terms_and_length():
    many = " ".join(f"woord{n}" for n in range(100))
    parsed = parse_query(many)
    assert len(parsed.groups) == MAX_TERMS
    assert parsed.truncated
    assert parse_query("x" * 10_000).truncated


def test_parse_query_structure():
    parsed = parse_query('missie mali OR "Resolute Support" -Irak')
    assert [[t.text for t in group] for group in parsed.groups] == [
        ["missie"],
        ["mali", "Resolute Support"],
    ]
    assert [t.is_phrase for t in parsed.groups[1]] == [False, True]
    assert [t.text for t in parsed.excluded] == ["Irak"]


# -- snippets ----------------------------------------------------------------------------------


STRUCTURED_BODY = "Inleiding\n\nEerste alinea zonder het woord.\n\nDe missies in Mali gaan door.\n\n1 Een voetnoot."
STRUCTURE = {
    "blocks": [
        {"kind": "heading", "start": 0, "end": 9},
        {"kind": "paragraph", "start": 11, "end": 42},
        {"kind": "paragraph", "start": 44, "end": 73},
        {"kind": "footnote", "start": 75, "end": 90, "marker": "1"},
    ]
}


def test_snippet_marks_the_words_and_names_the_paragraph():
    snippet = make_snippet(STRUCTURED_BODY, STRUCTURE, parse_query("missie mali").highlight_stems)
    assert snippet.paragraph == 3
    assert snippet.anchor == "p3"
    assert str(snippet.html) == "De <mark>missies</mark> in <mark>Mali</mark> gaan door."


def test_snippet_numbers_paragraphs_of_a_letter_typed_by_hand():
    body = "Eerste alinea.\n\n\n  Tweede alinea.\n\nDerde alinea over Irak."
    snippet = make_snippet(body, {}, parse_query("irak").highlight_stems)
    assert snippet.paragraph == 3


def test_snippet_escapes_letter_text():
    body = "Over <script>alert(1)</script> en Mali & meer."
    snippet = make_snippet(body, {}, parse_query("mali").highlight_stems)
    assert "<script>" not in str(snippet.html)
    assert "&lt;script&gt;" in str(snippet.html)
    assert "<mark>Mali</mark> &amp; meer" in str(snippet.html)


def test_snippet_of_a_long_paragraph_is_cut_around_the_word():
    body = (
        ("Lange inleiding zonder belang. " * 40)
        + "Hier staat Djibouti. "
        + ("En nog meer tekst. " * 40)
    )
    snippet = make_snippet(body, {}, parse_query("djibouti").highlight_stems)
    text = str(snippet.html)
    assert "<mark>Djibouti</mark>" in text
    assert text.startswith("…") and text.endswith("…")
    assert len(text) < 400


def test_without_search_words_the_snippet_is_the_opening():
    snippet = make_snippet(STRUCTURED_BODY, STRUCTURE, frozenset())
    assert snippet.paragraph is None
    assert str(snippet.html) == "Eerste alinea zonder het woord."


def test_paragraph_numbers_agree_with_the_letter_page():
    annotate = pytest.importorskip("letters.annotate").annotate
    stale = {
        "blocks": [
            {"kind": "heading", "start": 0, "end": 9},
            {"kind": "paragraph", "start": 5, "end": 20},  # overlaps: skipped
            {"kind": "paragraph", "start": 44, "end": 73},
            {"kind": "paragraph", "start": 80, "end": 500},  # out of range: skipped
        ]
    }
    for body, structure in [
        (STRUCTURED_BODY, STRUCTURE),
        (STRUCTURED_BODY, stale),
        (STRUCTURED_BODY, {}),
        ("Een.\n\n \n\nTwee.\n \nDrie.", {"blocks": []}),
    ]:
        ours = [(p.number, p.start, p.end) for p in letter_paragraphs(body, structure)]
        page = [b.number for b in annotate(body, structure).blocks]
        assert [number for number, _, _ in ours] == page


def test_filter_letters_without_words_changes_nothing(letters):
    assert filter_letters(Letter.objects.all(), parse_query("  * ")).count() == 4


def test_date_is_irrelevant_to_matching():
    make_letter(title="Oud", body="Over Bosnië.", letter_date=date(1995, 7, 1))
    assert found("bosnie") == {"Oud"}


def test_snippet_prefers_the_paragraph_with_more_searched_words_even_if_later():
    body = "Over Mali alleen.\n\nEen kop over Mali en missie\n\nDe missie in Mali, uitgebreid."
    structure = {
        "blocks": [
            {"kind": "paragraph", "start": 0, "end": 17},
            {"kind": "heading", "start": 19, "end": 46},
            {"kind": "paragraph", "start": 48, "end": 78},
        ]
    }
    snippet = make_snippet(body, structure, parse_query("missie mali").highlight_stems)
    # The heading has both words too, but running text wins a tie.
    assert snippet.paragraph == 3
    assert str(snippet.html) == "De <mark>missie</mark> in <mark>Mali</mark>, uitgebreid."


def test_snippet_takes_the_first_paragraph_with_every_word():
    body = "Mali en de missie.\n\nNog eens Mali en de missie."
    snippet = make_snippet(body, {}, parse_query("missie mali").highlight_stems)
    assert snippet.paragraph == 1


# -- ranking: only the newest matches ------------------------------------------------------------


def test_relevance_is_ranked_among_the_newest_matches_only(monkeypatch):
    from letters.search import rank_window, window

    monkeypatch.setattr(window, "RANK_WINDOW", 2)
    assert rank_window() == 2
    make_letter(title="Sahel", body="Oud.", letter_date=date(2001, 1, 1))
    make_letter(title="Nieuw", body="Over de Sahel.", letter_date=date(2020, 1, 1))
    make_letter(title="Nieuwer", body="Over de Sahel.", letter_date=date(2021, 1, 1))
    make_letter(title="Ook over de Sahel", body="Sahel.", letter_date=date(2019, 1, 1))
    # Only the two newest are ranked. The title hits are older, so they follow,
    # newest first.
    order = [
        letter.title
        for letter in search(Letter.objects.all(), "sahel").order_by(
            "-rank", "-year", "-date", "-id"
        )
    ]
    assert order[2:] == ["Ook over de Sahel", "Sahel"]
    assert set(order[:2]) == {"Nieuw", "Nieuwer"}
    monkeypatch.setattr(window, "RANK_WINDOW", 10)
    # All ranked: the title hits first (in the order each database's ranking gives).
    assert set(ranked("sahel")[:2]) == {"Ook over de Sahel", "Sahel"}


def test_a_loosened_query_finds_at_least_as_much_without_phrases(letters):
    parsed = parse_query('"missie in Mali" -"Resolute Support" -oekraine')
    loose = parsed.loosened()
    assert not any(term.is_phrase for group in loose.groups for term in group)
    assert [term.text for term in loose.excluded] == ["oekraine"]

    def titles(query):
        return {letter.title for letter in filter_letters(Letter.objects.all(), query)}

    assert titles(parsed) == {"Bijdrage aan MINUSMA"}
    # "Overzicht" has the words, not the phrase.
    assert titles(loose) == {"Bijdrage aan MINUSMA", "Overzicht"}


def test_the_sample_holds_the_matching_letters_whose_id_is_a_multiple(letters):
    from letters.models import Letter

    for query in ("", "mali", "-mali", "mali OR irak"):
        parsed = parse_query(query)
        matching = set(filter_letters(Letter.objects.all(), parsed).values_list("id", flat=True))
        sampled = filter_letters(Letter.objects.all(), parsed, sample_every=2)
        assert set(sampled.values_list("id", flat=True)) == {i for i in matching if i % 2 == 0}


def test_snippet_search_stops_a_while_after_the_first_matching_paragraph(monkeypatch):
    filler = "\n\n".join(f"Alinea {n} over iets anders dan de zaak." for n in range(20))
    body = f"Mali wordt genoemd.\n\n{filler}\n\nMali en Niger samen."
    stems = parse_query("mali niger").highlight_stems
    monkeypatch.setattr("letters.search.snippets.SCAN_LIMIT", 100)
    assert make_snippet(body, None, stems).paragraph == 1  # the late paragraph is not read
    monkeypatch.setattr("letters.search.snippets.SCAN_LIMIT", 100_000)
    assert make_snippet(body, None, stems).paragraph == 22  # with both words: better
