"""The official publication XML and its metadata, read into the archive's shapes:
what a reader of the official page sees (number, dossiers, date, signatories, the
text with its footnotes and the publisher's links) on every fixture publication."""

from datetime import date

import pytest

from letters.ingest.clean import clean_text
from letters.ingest.types import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from letters.official.kinds import BRIEF, MOTIE
from letters.official.metadata import parse_metadata
from letters.official.publication import parse_publication
from letters.official.types import LINK_HANDELING, LINK_KAMERSTUK, LINK_URL
from tests.official_support import FIXTURES, PUBLICATIONS

SEEDS = FIXTURES.parent.parent.parent / "fixtures" / "seeds"


def publication(identifier, *, with_metadata=True):
    xml = (PUBLICATIONS / f"{identifier}.xml").read_bytes()
    metadata = (PUBLICATIONS / f"{identifier}.metadata.xml").read_bytes() if with_metadata else None
    return parse_publication(
        xml, metadata, name=f"{identifier}.xml", expected_identifier=identifier
    )


def blocks(pub, kind=None):
    return [
        pub.clean.text[b.start : b.end] for b in pub.clean.blocks if kind is None or b.kind == kind
    ]


def test_a_letter_with_footnotes_a_list_and_three_signatories():
    pub = publication("kst-33694-9")
    assert pub.identifier == "kst-33694-9" and pub.key.key == "33694-9"
    assert pub.kind == BRIEF and pub.is_letter
    assert (
        pub.title
        == "Samenhang tussen de Nederlandse bijdragen aan internationale veiligheid in VN-, NAVO- en EU-verband"
    )
    assert pub.dossier_titles == ("Internationale Veiligheidsstrategie",)
    assert (pub.dates.letter, pub.dates.source) == (date(2016, 9, 9), "dagtekening")
    assert pub.vergaderjaar == "2015-2016"
    assert [(s.function, s.name, s.ministry) for s in pub.signatories] == [
        ("Minister van Buitenlandse Zaken", "A.G. Koenders", "Buitenlandse Zaken"),
        ("Minister van Defensie", "J.A. Hennis-Plasschaert", "Defensie"),
        (
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            "E.M.J. Ploumen",
            "Buitenlandse Handel en Ontwikkelingssamenwerking",
        ),
    ]
    assert pub.ministries == (
        "Buitenlandse Zaken",
        "Defensie",
        "Buitenlandse Handel en Ontwikkelingssamenwerking",
    )
    assert blocks(pub, LIST_ITEM) == [
        "A. Verdediging van het eigen en bondgenootschappelijk grondgebied;",
        "B. Een goed functionerende internationale rechtsorde;",
        "C. Economische veiligheid.",
    ]
    assert "A. Verdediging van het eigen en bondgenootschappelijk grondgebied" in blocks(
        pub, HEADING
    )
    assert blocks(pub, PARAGRAPH)[-1] == (
        "De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking, E.M.J. Ploumen"
    )


def test_footnotes_are_linked_both_ways_and_laid_out_last():
    pub = publication("kst-33694-9")
    text, refs = pub.clean.text, pub.clean.footnote_refs
    notes = {b.marker: text[b.start : b.end] for b in pub.clean.blocks if b.kind == FOOTNOTE}
    assert [r.marker for r in refs] == ["1", "2", "3", "4", "5", "6", "7"] == list(notes)
    assert notes["3"] == "Kamerstuk 33 694, nr. 1."
    # The marker stood right after the word it belongs to, and the word is whole.
    first = refs[0]
    assert text[first.offset - len("Toetsingskader") : first.offset] == "Toetsingskader"
    assert text[first.offset : first.offset + 4] == " of "
    # Footnotes come after every other block.
    kinds = [b.kind for b in pub.clean.blocks]
    assert kinds.index(FOOTNOTE) == len(kinds) - 7


@pytest.mark.parametrize(
    ("seed", "identifier"),
    [("001_6ed004c2cd8f7583", "kst-33694-9"), ("003_08bbf887f8a3f01b", "kst-33694-57")],
)
def test_the_official_version_of_a_seed_letter_has_the_seed_text_block_for_block(seed, identifier):
    """Stage 2 merges a letter imported as text with its official version: every
    paragraph, heading, list item and footnote of the text import is in the official one."""
    seed_clean = clean_text((SEEDS / f"{seed}.txt").read_text())
    seed_blocks = [seed_clean.text[b.start : b.end] for b in seed_clean.blocks]
    official = blocks(publication(identifier))
    assert set(seed_blocks) <= set(official)
    assert set(official) - set(seed_blocks) == {
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        next(t for t in official if t.startswith("Den Haag, ")),
    }


def test_the_publishers_links_in_the_body_and_in_footnotes():
    pub = publication("kst-33694-57")
    text = pub.clean.text
    for link in pub.links:
        assert text[link.start : link.end] == link.text
    body = [link for link in pub.links if not link.in_footnote]
    notes = [link for link in pub.links if link.in_footnote]
    assert (
        body[0].target == "kst-33694-12"
        and body[0].key.key == "33694-12"
        and body[0].text == "33 694, nr. 12"
    )
    assert any(link.kind == LINK_KAMERSTUK and link.key.key == "35300-V-14" for link in notes)
    handelingen = [link for link in pub.links if link.kind == LINK_HANDELING]
    assert [h.target for h in handelingen] == ["h-tk-20192020-23-4", "h-tk-20192020-24-24"]
    assert all(h.in_footnote for h in handelingen)
    assert {link.kind for link in pub.links} == {LINK_KAMERSTUK, LINK_HANDELING, LINK_URL}
    assert len(pub.clean.footnote_refs) == 39


def test_a_table_becomes_one_paragraph_per_row_and_its_own_notes_keep_distinct_markers():
    pub = publication("kst-33694-61")
    rows = [t for t in blocks(pub, PARAGRAPH) if " | " in t]
    assert rows[0] == "Onderdeel | 2016"
    assert "Budget Crisisbeheersingsoperaties (Artikel 1) | 245.300" in rows
    assert rows[-1] == "Totaal | 364.800"
    assert "Overzicht Budget Internationale Veiligheid 2016 (bedragen x € 1.000)" in blocks(
        pub, PARAGRAPH
    )
    assert [r.marker for r in pub.clean.footnote_refs] == ["1", "1-2"]
    notes = {
        b.marker: pub.clean.text[b.start : b.end] for b in pub.clean.blocks if b.kind == FOOTNOTE
    }
    assert notes["1"] == "Kamerstuk 33 694, nr. 57."
    assert notes["1-2"].startswith("Een indicatief overzicht")
    assert (
        blocks(pub, LIST_ITEM)[0]
        == "1. De strategische kaders en de ontwikkelingen in de veiligheidssituatie."
    )
    assert "3. Een passend budget voor internationale veiligheid" in blocks(pub, HEADING)


def test_a_function_written_partly_outside_its_element_is_read_whole():
    pub = publication("kst-33694-61")
    assert [s.function for s in pub.signatories] == [
        "Minister van Defensie",
        "Minister van Buitenlandse Zaken",
        "Minister van Justitie en Veiligheid",
        "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
    ]
    assert "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus" in blocks(pub, PARAGRAPH)


def test_a_joint_letter_names_its_main_dossier_first_and_keeps_the_other():
    pub = publication("kst-29521-403")
    assert pub.key.key == "29521-403"
    assert pub.other_dossiers == ("34952",) and pub.dossiers == ("29521", "34952")
    assert pub.dossier_titles == (
        "Nederlandse deelname aan vredesmissies",
        "Investeren in Perspectief – Goed voor de Wereld, Goed voor Nederland",
    )
    assert pub.clean.other_dossiers == ["34952"]
    assert pub.metadata.letter_date == date(2020, 3, 17) == pub.dates.letter
    assert [s.name for s in pub.signatories] == ["S.A. Blok", "S.A.M. Kaag"]


def test_a_budget_chapter_dossier_and_a_dateline_written_as_a_paragraph():
    pub = publication("kst-35300-V-60")
    assert pub.key.dossier == "35300-V" and pub.key.path == "/kamerstuk/35300-V/60/"
    assert pub.dossiers == ("35300-V",)
    assert (pub.dates.letter, pub.dates.source) == (date(2020, 1, 14), "dagtekening")
    # No KamerstukTypen in this metadata: the heading of the stuk says it is a letter.
    assert pub.kamerstuk_type == "" and pub.kind == BRIEF


def test_a_motion_is_a_kamerstuk_but_not_a_letter():
    pub = publication("kst-33000-X-51")
    assert pub.kind == MOTIE and not pub.is_letter
    assert pub.key.key == "33000-X-51"
    assert (pub.dates.letter, pub.dates.source, pub.dates.noted_as) == (
        date(2011, 11, 30),
        "datumtekst",
        "Voorgesteld",
    )
    assert pub.submitters == ("J.S. Voordewind", "A.M.C. Eijsink")
    assert pub.signatories == ()
    assert blocks(pub)[:2] == ["Voorgesteld 30 november 2011", "De Kamer,"]
    assert blocks(pub)[-2:] == ["Voordewind", "Eijsink"]


def test_without_metadata_the_xml_alone_states_number_date_and_vergaderjaar():
    pub = publication("kst-33694-9", with_metadata=False)
    assert pub.metadata is None and pub.identifier == "kst-33694-9"
    assert (pub.key.key, pub.dates.letter, pub.vergaderjaar) == (
        "33694-9",
        date(2016, 9, 9),
        "2015-2016",
    )
    assert pub.title == "" and pub.kind == BRIEF  # from "BRIEF VAN DE MINISTERS …"
    assert pub.chamber == "Tweede Kamer der Staten-Generaal"


def test_the_three_spellings_of_metadata_read_alike():
    gegevens = parse_metadata((PUBLICATIONS / "kst-29521-403.metadata.xml").read_bytes())
    meta_header = parse_metadata(
        b'<metadata><meta name="DC.identifier" content="kst-29521-403"/>'
        b'<meta name="OVERHEIDop.dossiernummer" content="29521"/><meta name="OVERHEIDop.dossiernummer" content="34952"/>'
        b'<meta name="OVERHEIDop.ondernummer" content="403"/><meta name="DCTERMS.issued" content="2020-03-18"/>'
        b'<meta name="OVERHEIDop.vergaderjaar" content="2019-2020"/></metadata>'
    )
    owms = parse_metadata(
        b'<owms-metadata xmlns:dcterms="http://purl.org/dc/terms/" xmlns:overheidop="http://standaarden.overheid.nl/oep/meta/">'
        b"<owmskern><dcterms:identifier>kst-29521-403</dcterms:identifier>"
        b'<dcterms:type scheme="OVERHEIDop.KamerstukTypen">Brief regering</dcterms:type></owmskern>'
        b"<owmsmantel><dcterms:issued>2020-03-18</dcterms:issued></owmsmantel>"
        b"<oep><overheidop:dossiernummer>29521</overheidop:dossiernummer><overheidop:dossiernummer>34952</overheidop:dossiernummer>"
        b"<overheidop:ondernummer>403</overheidop:ondernummer><overheidop:vergaderjaar>2019-2020</overheidop:vergaderjaar></oep>"
        b"</owms-metadata>"
    )
    for meta in (gegevens, meta_header, owms):
        assert (meta.identifier, meta.dossiers, meta.number, meta.vergaderjaar, meta.issued) == (
            "kst-29521-403",
            ("29521", "34952"),
            "403",
            "2019-2020",
            date(2020, 3, 18),
        )
    assert gegevens.kamerstuk_type == owms.kamerstuk_type == "Brief regering"
    assert gegevens.submitters == ("S.A. Blok", "S.A.M. Kaag")


def test_an_opaque_identifier_takes_its_key_from_dossier_and_number():
    xml = (
        (PUBLICATIONS / "kst-35300-V-60.xml")
        .read_bytes()
        .replace(b"/kst-35300-V-60/metadata.xml", b"/kst-1268678/metadata.xml")
    )
    metadata = (
        (PUBLICATIONS / "kst-35300-V-60.metadata.xml")
        .read_bytes()
        .replace(b'content="kst-35300-V-60"', b'content="kst-1268678"')
    )
    pub = parse_publication(xml, metadata)
    assert pub.identifier == "kst-1268678" and pub.key.key == "35300-V-60"


def test_every_word_of_an_unknown_element_is_kept():
    xml = (
        (PUBLICATIONS / "kst-35300-V-60.xml")
        .read_bytes()
        .replace(
            b"<al>Vanwege bovenstaande reden",
            b"<nieuw-blok><onbekend>Eerste woorden</onbekend><al>Tweede alinea</al></nieuw-blok><al>Vanwege bovenstaande reden",
        )
    )
    text = parse_publication(xml).clean.text
    assert "Eerste woorden" in text and "Tweede alinea" in text
