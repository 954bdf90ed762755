"""What the importer must refuse, with a Dutch message that says why, and what it
must never do with a hostile file: expand entities, read local files or reach the
network (a loopback server counts the attempts)."""

import time

import pytest

from letters.official.errors import OfficialRefused
from letters.official.metadata import parse_metadata
from letters.official.publication import parse_publication
from letters.official.xmlsafe import parse_xml
from tests.official_support import PUBLICATIONS, REFUSED, LoopbackServer

LETTER = (PUBLICATIONS / "kst-35300-V-60.xml").read_bytes()
LETTER_METADATA = (PUBLICATIONS / "kst-35300-V-60.metadata.xml").read_bytes()


def refusal(xml, metadata=None, **kwargs) -> OfficialRefused:
    with pytest.raises(OfficialRefused) as caught:
        parse_publication(xml, metadata, **kwargs)
    return caught.value


@pytest.mark.parametrize("with_metadata", [False, True])
def test_a_handeling_is_refused_by_name(with_metadata):
    metadata = (
        (REFUSED / "h-tk-20132014-36-13.metadata.xml").read_bytes() if with_metadata else None
    )
    error = refusal(
        (REFUSED / "h-tk-20132014-36-13.xml").read_bytes(), metadata, name="h-tk-20132014-36-13.xml"
    )
    assert error.code == "not-kamerstuk"
    assert "h-tk-20132014-36-13" in str(error) and "geen Kamerstuk maar een Handeling" in str(error)


def test_a_metadata_file_of_another_publication_is_refused():
    error = refusal(
        LETTER, (REFUSED / "mismatch.metadata.xml").read_bytes(), name="kst-35300-V-60.xml"
    )
    assert error.code == "metadata-mismatch"
    assert "kst-33000-X-51" in str(error) and "kst-35300-V-60" in str(error)
    assert "horen niet bij elkaar" in str(error)


def test_metadata_without_a_matching_header_is_checked_on_dossier_and_number():
    """The XML's header usually names its metadata record; without it the metadata's
    own dossier and number must still be this stuk's."""
    xml = LETTER.replace(
        b'content="https://zoek.officielebekendmakingen.nl/kst-35300-V-60/metadata.xml"',
        b'content=""',
    )
    error = refusal(xml, (REFUSED / "mismatch.metadata.xml").read_bytes())
    assert error.code == "metadata-mismatch" and "kst-33000-X-51" in str(error)


def test_a_publication_other_than_the_one_asked_for_is_refused():
    error = refusal(LETTER, LETTER_METADATA, expected_identifier="kst-35300-V-61")
    assert error.code == "metadata-mismatch" and "kst-35300-V-61" in str(error)


def test_a_truncated_file_is_told_apart_from_a_broken_one():
    truncated = refusal(
        (REFUSED / "kst-35300-V-60-truncated.xml").read_bytes(), name="kst-35300-V-60.xml"
    )
    assert truncated.code == "truncated" and "afgebroken" in str(truncated)
    broken = refusal(LETTER.replace(b"</tekst>", b"</tekstt>"))
    assert broken.code == "malformed" and "geen geldige XML" in str(broken)
    assert refusal(b"  \n").code == "empty"


def test_a_truncated_metadata_file_is_refused_too():
    error = refusal(LETTER, LETTER_METADATA[: len(LETTER_METADATA) // 2])
    assert error.code == "truncated" and "metadatabestand" in str(error)


def test_an_eerste_kamer_stuk_with_a_letter_for_a_number_is_refused_plainly():
    xml = LETTER.replace(
        b'<ondernummer kamer="2">60</ondernummer>', b'<ondernummer kamer="1">U</ondernummer>'
    )
    error = refusal(xml)
    assert error.code == "unsupported" and "«U»" in str(error)


def test_a_metadata_file_given_as_the_publication_is_refused():
    error = refusal(LETTER_METADATA, name="kst-35300-V-60.metadata.xml")
    assert error.code == "not-kamerstuk" and "metadatabestand" in str(error)


def test_absurd_nesting_is_refused_without_recursing():
    deep = (
        b"<officiele-publicatie><kamerstuk><stuk>"
        + b"<divisie>" * 5000
        + b"<al>x</al>"
        + b"</divisie>" * 5000
    )
    deep += b"</stuk></kamerstuk></officiele-publicatie>"
    assert refusal(deep).code == "malformed"
    # Nested within the limits of the parser but beyond what the text reader follows:
    moderate = LETTER.replace(b"<al>Vanwege", b"<divisie>" * 150 + b"<al>Vanwege").replace(
        b"overleg.</al>", b"overleg.</al>" + b"</divisie>" * 150
    )
    assert refusal(moderate).code == "malformed"


def test_an_oversized_file_is_refused_before_it_is_parsed():
    with pytest.raises(OfficialRefused) as caught:
        parse_xml(b"<a>" + b"x" * 2048 + b"</a>", what="Het bestand", max_bytes=1024)
    assert caught.value.code == "too-large"


# -- hostile XML ---------------------------------------------------------------------------
def test_billion_laughs_is_refused_without_expanding():
    started = time.perf_counter()
    error = refusal((REFUSED / "billion-laughs.xml").read_bytes(), name="billion-laughs.xml")
    assert error.code == "unsafe" and "entiteiten" in str(error)
    assert time.perf_counter() - started < 5  # generous: expansion would take minutes and gigabytes


def test_an_external_entity_reads_no_file(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("TOPGEHEIM")
    xml = LETTER.replace(
        b'<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'.encode(),
    ).replace(b"<al>Vanwege", b"<al>&s; Vanwege")
    error = refusal(xml)
    assert error.code == "unsafe" and "TOPGEHEIM" not in str(error)
    assert refusal((REFUSED / "external-entity.xml").read_bytes()).code == "unsafe"


def test_hostile_xml_never_reaches_the_network():
    with LoopbackServer() as server:
        url = f"{server.url}/kst-35300-V-60.dtd"
        entity = LETTER.replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY r SYSTEM "{url}">]>'.encode(),
        ).replace(b"<al>Vanwege", b"<al>&r; Vanwege")
        assert refusal(entity).code == "unsafe"
        metadata = LETTER_METADATA.replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY r SYSTEM "{url}">]>'.encode(),
        ).replace(b'content="S.A. Blok"', b'content="&r;"')
        assert refusal(LETTER, metadata).code == "unsafe"
        # An external DTD is allowed to be named but is never fetched: the file reads as usual.
        dtd = LETTER.replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE officiele-publicatie SYSTEM "{url}">'.encode(),
        )
        assert parse_publication(dtd, LETTER_METADATA).key.key == "35300-V-60"
        time.sleep(0.2)
        assert server.requests == []


def test_metadata_with_entities_is_refused():
    with pytest.raises(OfficialRefused) as caught:
        parse_metadata(
            b'<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">]><metadata_gegevens>'
            b'<metadata name="DC.identifier" content="&a;"/></metadata_gegevens>'
        )
    assert caught.value.code == "unsafe"
