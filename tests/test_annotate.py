"""letters.annotate: letter text → safe HTML blocks with our links and footnote markers."""

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from letters.annotate import FOOTNOTE, Link, annotate


def block(kind, body, text, marker=""):
    start = body.index(text)
    entry = {"kind": kind, "start": start, "end": start + len(text)}
    if marker:
        entry["marker"] = marker
    return entry


BODY = (
    "Inleiding\n\n"
    "Zie Kamerstuk 33 694, nr. 12 voor het kader.\n\n"
    "Het Toetsingskader blijft gelden.\n\n"
    "1 Kamerstuk 29 521, nr. 226."
)
STRUCTURE = {
    "blocks": [
        block("heading", BODY, "Inleiding"),
        block("paragraph", BODY, "Zie Kamerstuk 33 694, nr. 12 voor het kader."),
        block("paragraph", BODY, "Het Toetsingskader blijft gelden."),
        block("footnote", BODY, "1 Kamerstuk 29 521, nr. 226.", marker="1"),
    ],
    "footnote_refs": [{"marker": "1", "offset": BODY.index(" blijft")}],
}


def link_for(text, href, body=BODY, **kwargs):
    start = body.index(text)
    return Link(start=start, end=start + len(text), href=href, **kwargs)


def test_blocks_keep_their_kind_and_one_based_number():
    result = annotate(BODY, STRUCTURE)
    assert [(b.number, b.kind, b.anchor) for b in result.blocks] == [
        (1, "heading", "p1"),
        (2, "paragraph", "p2"),
        (3, "paragraph", "p3"),
        (4, "footnote", "p4"),
    ]
    assert [b.kind for b in result.text_blocks] == ["heading", "paragraph", "paragraph"]
    assert [b.number for b in result.footnotes] == [4]


def test_text_html_is_every_block_but_the_footnotes_with_its_pilcrow():
    body = BODY.replace("Het Toetsingskader", "- Het Toetsingskader")
    structure = {
        **STRUCTURE,
        "blocks": [
            *STRUCTURE["blocks"][:2],
            block("list_item", body, "- Het Toetsingskader blijft gelden."),
            block("footnote", body, "1 Kamerstuk 29 521, nr. 226.", marker="1"),
        ],
        "footnote_refs": [],
    }
    result = annotate(body, structure)
    assert result.text_html == "\n".join(
        [
            '<h3 class="block heading" id="p1">Inleiding <a class="pilcrow" href="#p1"'
            ' aria-label="Link naar deze kop">¶</a></h3>',
            '<p class="block" id="p2">Zie Kamerstuk 33 694, nr. 12 voor het kader. <a class="pilcrow"'
            ' href="#p2" aria-label="Link naar alinea 2">¶</a></p>',
            '<p class="block list-item" id="p3">- Het Toetsingskader blijft gelden. <a class="pilcrow"'
            ' href="#p3" aria-label="Link naar alinea 3">¶</a></p>',
        ]
    )
    assert hasattr(result.text_html, "__html__")  # safe: templates do not escape it again
    assert annotate("", {}).text_html == ""


def test_citation_becomes_a_link_with_an_anchor():
    links = [link_for("Kamerstuk 33 694, nr. 12", "/kamerstuk/33694/12/", id="c7")]
    html = annotate(BODY, STRUCTURE, links).blocks[1].html
    assert html == (
        'Zie <a class="citation" href="/kamerstuk/33694/12/" id="c7">Kamerstuk 33 694, nr. 12</a>'
        " voor het kader."
    )


def test_footnote_marker_and_note_link_both_ways():
    result = annotate(BODY, STRUCTURE)
    assert result.blocks[2].html == (
        'Het Toetsingskader<sup><a href="#fn1" id="fnref1">1</a></sup> blijft gelden.'
    )
    note = result.footnotes[0]
    assert (note.marker, note.note_id, note.backref_id) == ("1", "fn1", "fnref1")
    # The number is shown once, by the page, not repeated from the text.
    assert note.html == "Kamerstuk 29 521, nr. 226."


def test_a_marker_repeated_in_the_text_gets_its_own_id():
    refs = [
        {"marker": "1", "offset": BODY.index(" blijft")},
        {"marker": "1", "offset": BODY.index(" voor het")},
    ]
    result = annotate(BODY, {**STRUCTURE, "footnote_refs": refs})
    assert 'id="fnref1"' in result.blocks[1].html
    assert 'id="fnref1-2"' in result.blocks[2].html
    assert result.footnotes[0].backref_id == "fnref1"


def test_marker_without_a_note_is_plain_superscript():
    structure = {
        "blocks": STRUCTURE["blocks"][:3],
        "footnote_refs": [{"marker": "9", "offset": 30}],
    }
    html = "".join(b.html for b in annotate(BODY, structure).blocks)
    assert "<sup>9</sup>" in html
    assert "#fn9" not in html


def test_text_is_escaped_and_only_our_links_are_markup():
    body = 'Tekst <script>alert("x")</script> & <a href="javascript:evil()">klik</a> "einde"'
    html = annotate(body, {}).blocks[0].html
    assert "<script>" not in html
    assert "<a " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;a href=" in html


def test_link_attributes_are_escaped():
    body = "Zie Kamerstuk 1."
    html = (
        annotate(body, {}, [Link(4, 15, href='/x/"onmouseover="evil()', id='c1"')]).blocks[0].html
    )
    assert 'href="/x/&quot;onmouseover=&quot;evil()"' in html
    assert 'id="c1&quot;"' in html


def test_empty_structure_splits_on_blank_lines():
    body = "  Eerste alinea.\n\n\nTweede alinea\nmet een regel.\n \nDerde."
    result = annotate(body, {})
    assert [b.html for b in result.blocks] == [
        "Eerste alinea.",
        "Tweede alinea<br>\nmet een regel.",
        "Derde.",
    ]
    assert [b.anchor for b in result.blocks] == ["p1", "p2", "p3"]


def test_stale_structure_falls_back_to_blank_lines():
    structure = {"blocks": [{"kind": "paragraph", "start": 0, "end": 9999}]}
    result = annotate("Een.\n\nTwee.", structure)
    assert [b.html for b in result.blocks] == ["Een.", "Twee."]


def test_a_bad_block_is_dropped_but_numbers_stay_stable():
    structure = {
        "blocks": [
            *STRUCTURE["blocks"][:1],
            {"kind": "paragraph", "start": "x"},
            *STRUCTURE["blocks"][1:],
        ]
    }
    numbers = [b.number for b in annotate(BODY, structure).blocks]
    assert numbers == [1, 3, 4, 5]


def test_overlapping_links_keep_the_first_and_longest():
    body = "Kamerstuk 33 694, nr. 12 en verder."
    links = [
        Link(0, 24, "/lang/"),
        Link(10, 16, "/binnen/"),
        Link(20, 30, "/kruist/"),
    ]
    html = annotate(body, {}, links).blocks[0].html
    assert html.count("<a ") == 1
    assert '<a class="citation" href="/lang/">Kamerstuk 33 694, nr. 12</a> en verder.' == html


def test_link_without_href_or_outside_the_body_is_ignored():
    body = "Handelingen II 2019/20, nr. 23."
    links = [Link(0, 11, ""), Link(5, 500, "/te-lang/"), Link(-1, 3, "/negatief/")]
    assert annotate(body, {}, links).blocks[0].html == body


def test_marker_inside_a_link_moves_after_it():
    body = "Zie Kamerstuk 33 694, nr. 12 hier.\n\n1 Noot."
    structure = {
        "blocks": [
            {"kind": "paragraph", "start": 0, "end": 34},
            {"kind": "footnote", "start": 36, "end": 43, "marker": "1"},
        ],
        "footnote_refs": [{"marker": "1", "offset": 14}],
    }
    html = annotate(body, structure, [Link(4, 28, "/k/")]).blocks[0].html
    assert html == (
        'Zie <a class="citation" href="/k/">Kamerstuk 33 694, nr. 12</a>'
        '<sup><a href="#fn1" id="fnref1">1</a></sup> hier.'
    )


def test_marker_at_the_end_of_a_paragraph():
    body = "Slotzin.\n\n1 Noot."
    structure = {
        "blocks": [
            {"kind": "paragraph", "start": 0, "end": 8},
            {"kind": "footnote", "start": 10, "end": 17, "marker": "1"},
        ],
        "footnote_refs": [{"marker": "1", "offset": 8}],
    }
    assert (
        annotate(body, structure)
        .blocks[0]
        .html.endswith('Slotzin.<sup><a href="#fn1" id="fnref1">1</a></sup>')
    )


def test_odd_footnote_markers_get_safe_ids():
    body = 'Tekst.\n\n"><x Noot.'
    structure = {
        "blocks": [
            {"kind": "paragraph", "start": 0, "end": 6},
            {"kind": FOOTNOTE, "start": 8, "end": 18, "marker": '"><x'},
        ],
        "footnote_refs": [{"marker": '"><x', "offset": 5}],
    }
    result = annotate(body, structure)
    assert result.footnotes[0].note_id == "fn-p2"
    assert '<a href="#fn-p2" id="fnref-p2">&quot;&gt;&lt;x</a>' in result.blocks[0].html


def test_html_renders_unescaped_in_django_templates():
    from django.template import Context, Template

    html = annotate("A & B", {}).blocks[0].html
    assert Template("{{ html }}").render(Context({"html": html})) == "A &amp; B"


TAG = re.compile(r"<[^>]+>")


@given(
    text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200),
    spans=st.lists(st.tuples(st.integers(0, 220), st.integers(1, 40)), max_size=6),
)
def test_property_the_visible_text_is_exactly_the_body_text(text, spans):
    """Whatever the text and links, removing our markup gives back exactly the text,
    and the only elements are the ones we write."""
    links = [Link(start, start + length, "/k/") for start, length in spans]
    structure = {"blocks": [{"kind": "paragraph", "start": 0, "end": len(text)}]}
    result = annotate(text, structure, links)
    if not text:
        assert result.blocks == []
        return
    [rendered] = result.blocks
    assert set(re.findall(r"<(\w+)", rendered.html)) <= {"a", "br"}
    assert unescape(TAG.sub("", rendered.html.replace("<br>\n", "\n"))) == text


def test_two_citations_in_one_place_keep_both_anchors():
    body = "Zie Kamerstukken 33 694 en 26 643, nr. 47."
    links = [
        Link(4, 41, "/kamerstuk/33694/47/", id="c1"),
        Link(4, 41, "/kamerstuk/26643/47/", id="c2"),
    ]
    html = annotate(body, {}, links).blocks[0].html
    assert html == (
        'Zie <span id="c2"></span><a class="citation" href="/kamerstuk/33694/47/" id="c1">'
        "Kamerstukken 33 694 en 26 643, nr. 47</a>."
    )


def test_a_link_across_two_blocks_has_its_anchor_once():
    body = "Een Kamer\n\nstuk hier."
    html = "".join(b.html for b in annotate(body, {}, [Link(4, 16, "/k/", id="c1")]).blocks)
    assert html.count('id="c1"') == 1
    assert html.count('href="/k/"') == 2
