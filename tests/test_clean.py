"""The cleaner: paragraphs, hyphenation, page furniture, footnotes, headings and
lists — on the seed letters and on generated text (Hypothesis)."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.ingest.clean import _Furniture, clean_text, join_line
from letters.ingest.types import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from letters.kamerstuk import KamerstukKey

SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds").glob("*.txt"))


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


def blocks(clean, kind=None):
    return [clean.text[b.start : b.end] for b in clean.blocks if kind is None or b.kind == kind]


# -- hyphenation ---------------------------------------------------------------
@pytest.mark.parametrize(
    "line, following, joined",
    [
        ("de beleidsdoor-", "lichting was", "de beleidsdoorlichting was"),
        ("van Buiten-", "landse Zaken", "van Buitenlandse Zaken"),
        ("het NAVO-", "vlootverband SNMG-2", "het NAVO-vlootverband SNMG-2"),
        ("vanuit de oost-", "en zuidflank", "vanuit de oost- en zuidflank"),
        ("de Nederlandse Defensie-", "inspanningen.", "de Nederlandse Defensie-inspanningen."),
        ("de export naar niet-", "bondgenoten", "de export naar niet-bondgenoten"),
        ("in Noord-", "Afrika", "in Noord-Afrika"),
        ("het politiek-", "strategisch beeld", "het politiek-strategisch beeld"),
        ("een whole-of-", "government antwoord", "een whole-of-government antwoord"),
        ("het geïniti-", "eerde Initiative", "het geïnitieerde Initiative"),
        (
            "https://www.clingendael.org/strategic-monitor-",
            "2019-2020/.",
            "https://www.clingendael.org/strategic-monitor-2019-2020/.",
        ),
        ("op dit moment –", "voorjaar 2020", "op dit moment – voorjaar 2020"),
    ],
)
def test_hyphenation_is_undone_but_real_hyphens_stay(line, following, joined):
    assert join_line(line, following) == joined


def test_hyphenated_word_is_whole_across_a_blank_line_in_a_list():
    clean = clean_text(seed("000"))
    assert "trekkingsrechten van Buitenlandse Zaken (BZ)" in clean.text
    assert "beleidsdoorlichting" in clean.text and "beleidsdoor-" not in clean.text
    assert "NAVO-vlootverband SNMG-2" in clean.text
    assert "vanuit de oost- en zuidflank;" in clean.text


def test_word_hyphenated_before_a_footnote_zone_is_whole_on_the_next_page():
    clean = clean_text(seed("003"))
    assert "de controle van de Europese buitengrenzen aan" in clean.text
    assert "door de context van afbrokkelende internationale" in clean.text


# -- page furniture ---------------------------------------------------------------
def test_page_furniture_is_removed_but_what_it_tells_is_kept():
    clean = clean_text(seed("001"))
    for furniture in ("kst-33694-9", "ISSN", "’s-Gravenhage", "vergaderjaar"):
        assert furniture not in clean.text
    assert clean.own_key == KamerstukKey("33694", 9)
    assert clean.vergaderjaar == "2015-2016"
    assert clean.print_year == 2016


def test_first_page_header_is_removed_and_read():
    raw = (
        "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2017–2018\n\n"
        "Hierbij informeert het kabinet uw Kamer over de bijdrage aan de missie in het noorden.\n"
    )
    clean = clean_text(raw)
    assert (
        clean.text
        == "Hierbij informeert het kabinet uw Kamer over de bijdrage aan de missie in het noorden."
    )
    assert clean.vergaderjaar == "2017-2018"


def test_running_footers_and_page_numbers_are_removed():
    raw = (
        "Het kabinet heeft besloten de bijdrage aan de missie te verlengen tot en met het einde\n"
        "van het jaar, zoals in de vorige brief aan uw Kamer al werd aangekondigd. Dit past in\n"
        "\n"
        "2\n"
        "\n"
        "Tweede Kamer, vergaderjaar 2017–2018, 33 694 en 29 521, nr. 11 2\n"
        "het beleid van het kabinet voor de internationale inzet van de krijgsmacht.\n"
    )
    clean = clean_text(raw)
    assert clean.text == (
        "Het kabinet heeft besloten de bijdrage aan de missie te verlengen tot en met het einde van "
        "het jaar, zoals in de vorige brief aan uw Kamer al werd aangekondigd. Dit past in het beleid "
        "van het kabinet voor de internationale inzet van de krijgsmacht."
    )
    assert clean.own_key == KamerstukKey("33694", 11)
    assert clean.other_dossiers == ["29521"]
    assert clean.vergaderjaar == "2017-2018"


# -- footnotes -----------------------------------------------------------------
def test_footnotes_are_separated_and_linked_to_their_markers():
    clean = clean_text(seed("001"))
    notes = [b for b in clean.blocks if b.kind == FOOTNOTE]
    assert [n.marker for n in notes] == ["1", "2", "3", "4", "5", "6", "7"]
    assert clean.text[notes[0].start : notes[0].end].startswith(
        "Toetsingskader is op 22 januari 2014"
    )
    assert clean.text[notes[2].start : notes[2].end] == "Kamerstuk 33 694, nr. 1."
    # Footnotes come last, after every body block.
    assert all(b.kind == FOOTNOTE for b in clean.blocks[-7:])
    assert FOOTNOTE not in {b.kind for b in clean.blocks[:-7]}
    # The markers are cut from the words; each ref sits where its marker stood.
    assert "Toetsingskader1" not in clean.text and "(IVS)3" not in clean.text
    where = {ref.marker: ref.offset for ref in clean.footnote_refs}
    assert [ref.marker for ref in clean.footnote_refs] == ["1", "2", "3", "4", "5", "6", "7"]
    assert clean.text[: where["1"]].endswith("geen nieuw Toetsingskader")
    assert clean.text[: where["2"]].endswith("het politieke proces.")
    assert clean.text[: where["3"]].endswith("Veiligheidsstrategie (IVS)")
    assert clean.text[: where["7"]].endswith("«In het belang van Nederland»")


def test_footnote_broken_over_lines_and_blank_lines_is_one_note():
    clean = clean_text(seed("003"))
    notes = {b.marker: clean.text[b.start : b.end] for b in clean.blocks if b.kind == FOOTNOTE}
    assert len(notes) == 39
    assert notes["7"] == (
        "AIVD (2 april 2019) jaarverslag AIVD 2018 (Kamerstuk 30 977, nr. 154). MIVD (30 april 2018) "
        "Openbaar jaarverslag MIVD 2018 (Kamerstuk 29 282, nr. 184)."
    )
    assert notes["2"].endswith("https://www.clingendael.org/pub/2019/strategic-monitor-2019-2020/.")
    assert notes["12"] == "Translink Registratie informatie Platform."


def test_paragraph_continues_after_the_footnotes_of_a_page():
    clean = clean_text(seed("001"))
    assert (
        "Ook de komende jaren wordt van Nederland een bijdrage verwacht in VN, NAVO, EU"
        in clean.text
    )
    clean = clean_text(seed("004"))
    assert (
        "op het gebied van professionaliseren van de opleiding en training, het bevorderen"
        in clean.text
    )


def test_a_number_at_a_line_start_is_not_a_footnote_without_a_marker():
    raw = (
        "De krijgsmacht blijft inzetten op herstel ten behoeve van hoofdtaak\n"
        "\n"
        "1 (bescherming van eigen grondgebied) en hoofdtaak 2 (de bescherming van de rechtsorde).\n"
    )
    clean = clean_text(raw)
    assert not [b for b in clean.blocks if b.kind == FOOTNOTE]
    assert "1 (bescherming van eigen grondgebied)" in clean.text


# -- headings, lists, signatures -----------------------------------------------------
def test_headings_are_detected():
    headings = blocks(clean_text(seed("000")), HEADING)
    assert headings[0] == "Aanbevelingen"
    assert (
        "1. Budgetneutrale ontvlechting van de trekkingsrechten van BZ/BHOS en van Defensie uit het BIV"
        in headings
    )
    assert "Uitgelicht: Internationale rechtsorde" in blocks(clean_text(seed("003")), HEADING)
    assert "Uitgelicht: Samenhang ontwikkelingsagenda en veiligheidsbeleid" in blocks(
        clean_text(seed("003")), HEADING
    )


def test_heading_on_the_first_line_of_a_paragraph_is_split_off():
    clean = clean_text(seed("004"))
    headings = blocks(clean, HEADING)
    assert headings[:3] == ["Strategische kaders", "Inzet NAVO-Top", "Geïntegreerde aanpak"]
    assert "MINUSMA" in headings
    assert any(
        p.startswith("De Geïntegreerde Buitenland en Veiligheidsstrategie")
        for p in blocks(clean, PARAGRAPH)
    )


def test_a_paragraph_repeating_a_main_conclusion_is_its_heading():
    headings = blocks(clean_text(seed("002")), HEADING)
    assert (
        "De veiligheidssituatie van Nederland is verslechterd. Richt de organisatie van het "
        "veiligheidsbeleid daarop in." in headings
    )


def test_list_items_are_blocks_of_their_own():
    items = blocks(clean_text(seed("000")), LIST_ITEM)
    assert items[0].startswith("1) Budgetneutrale ontvlechting")
    assert (
        items[2]
        == "• Inzet van de krijgsmacht in het kader van nieuwe dreigingen vanuit de oost- en zuidflank;"
    )
    assert items[5] == "3) Een passend budget voor internationale inzet."
    assert "– Inzet in crisisbeheersingsoperaties zoals nu ook al het geval." in items


def test_signature_function_and_name_are_one_paragraph():
    paragraphs = blocks(clean_text(seed("004")), PARAGRAPH)
    assert paragraphs[-4:] == [
        "De minister van Buitenlandse Zaken, S.A. Blok",
        "De minister van Defensie, A.Th.B. Bijleveld-Schouten",
        "De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking, S.A.M. Kaag",
        "De minister van Justitie en Veiligheid, F.B.J. Grapperhaus",
    ]


# -- layout invariants and "no word lost" on the seeds ------------------------------------
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_layout_blocks_joined_by_blank_lines(path):
    clean = clean_text(path.read_text(encoding="utf-8"))
    assert clean.blocks[0].start == 0 and clean.blocks[-1].end == len(clean.text)
    for before, after in zip(clean.blocks, clean.blocks[1:], strict=False):
        assert clean.text[before.end : after.start] == "\n\n"
    for block in clean.blocks:
        piece = clean.text[block.start : block.end]
        assert piece and piece == piece.strip() and "\n" not in piece


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_letter_or_digit_of_a_seed_is_lost_or_duplicated(path):
    """Every letter and digit of the raw text is in the clean text, except the page
    furniture and the footnote numbers (which became block markers and refs)."""
    raw = path.read_text(encoding="utf-8")
    clean = clean_text(raw)
    furniture = _Furniture()
    kept = "".join(
        line for line in raw.split("\n") if not (line.strip() and furniture.read(line.strip()))
    )
    markers = Counter("".join(b.marker for b in clean.blocks)) + Counter(
        "".join(r.marker for r in clean.footnote_refs)
    )
    expected = Counter(ch for ch in kept if ch.isalnum()) - markers
    assert Counter(ch for ch in clean.text if ch.isalnum()) == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_cleaning_the_clean_body_of_a_seed_changes_nothing(path):
    clean = clean_text(path.read_text(encoding="utf-8"))
    body_blocks = [b for b in clean.blocks if b.kind != FOOTNOTE]
    body = clean.text[: body_blocks[-1].end]
    again = clean_text(body)
    assert again.text == body
    assert [(b.kind, b.start, b.end) for b in again.blocks] == [
        (b.kind, b.start, b.end) for b in body_blocks
    ]


def test_empty_and_blank_input_give_empty_text():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \n").blocks == []


def test_windows_line_endings_and_invisible_characters():
    clean = clean_text(
        "Het kabinet\u00ad heeft\u00a0besloten tot een bij-\r\ndrage aan de missie.\r\n"
    )
    assert clean.text == "Het kabinet heeft besloten tot een bijdrage aan de missie."


# -- property tests ------------------------------------------------------------------------
WORDS = st.text(alphabet="abdeghiklmnoprstuvwz", min_size=2, max_size=14)
# Hyphenated words the cleaner must keep whole when a line breaks at their hyphen.
COMPOUNDS = st.sampled_from(
    [
        "NAVO-missie",
        "EU-lidstaten",
        "VN-vredesmissies",
        "Noord-Afrika",
        "niet-statelijke",
        "defensie-inspanningen",
    ]
)
VOWELS = set("aeiou")


@st.composite
def paragraphs(draw):
    count = draw(st.integers(min_value=1, max_value=5))
    result = []
    for _ in range(count):
        words = draw(st.lists(st.one_of(WORDS, WORDS, WORDS, COMPOUNDS), min_size=3, max_size=60))
        words[0] = words[0][:1].upper() + words[0][1:]
        words[-1] += "."
        result.append(words)
    return result


def _split_points(word: str) -> list[int]:
    """Where a typesetter could hyphenate: not next to the word's edges, not between
    two vowels (Dutch keeps a hyphen there), and not leaving "en"/"of" behind."""
    return [
        i
        for i in range(4, len(word) - 3)
        if not (word[i - 1] in VOWELS and word[i] in VOWELS)
        and word.isalpha()
        and word[i:] not in ("tot", "als", "dan")
    ]


@st.composite
def typeset_letters(draw):
    """A letter as it comes out of a PDF: wrapped lines, words hyphenated at line
    ends, a blank line between paragraphs. Returns (raw text, original words)."""
    paras = draw(paragraphs())
    width = draw(st.integers(min_value=35, max_value=80))
    lines_out = []
    for words in paras:
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= width:
                line = candidate
                continue
            points = _split_points(word)
            room = width - len(line) - 2
            fitting = [p for p in points if p <= room]
            if line and fitting and draw(st.booleans()):
                cut = draw(st.sampled_from(fitting))
                lines_out.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            elif line and "-" in word[1:-1] and draw(st.booleans()):
                head, tail = word.split("-", 1)
                lines_out.append(f"{line} {head}-")
                line = tail
            else:
                if line:
                    lines_out.append(line)
                line = word
        lines_out.append(line)
        lines_out.append("")
    trailing = draw(st.sampled_from(["", " "]))
    raw = "\n".join(f"{line}{trailing}" if line else line for line in lines_out)
    return raw, [w for words in paras for w in words]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typeset_letters())
def test_property_no_word_is_lost_or_duplicated(letter):
    raw, words = letter
    assert clean_text(raw).text.split() == words


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typeset_letters())
def test_property_cleaning_clean_text_changes_nothing(letter):
    raw, _ = letter
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert [(b.start, b.end) for b in twice.blocks] == [(b.start, b.end) for b in once.blocks]


def test_footers_of_a_sub_dossier_and_an_eerste_kamer_document_are_furniture():
    raw = (
        "Hierbij bied ik u het verslag aan van de Raad Buitenlandse Zaken van 23 januari 2023.\n\n\n"
        "kst-21501-02-2602\nISSN 0921 - 7371\n"
        "’s-Gravenhage 2023 Tweede Kamer, vergaderjaar 2022–2023, 21 501-02, nr. 2602 1\n"
    )
    clean = clean_text(raw)
    assert clean.text.endswith("23 januari 2023.")
    assert (clean.own_key.key, clean.vergaderjaar) == ("21501-02-2602", "2022-2023")
