"""A publication XML and its metadata → ``OfficialPublication``, or a clear refusal.

What is checked before anything is accepted:

- the XML parses safely and is an ``<officiele-publicatie>`` holding a ``<kamerstuk>``
  (a Handeling, Kamervragen, a Bijlage … are refused, naming what they are);
- the dossier and number in the XML (``<dossier>``, ``<stuk>/<stuknr>/<ondernummer>``)
  agree with the metadata (``OVERHEIDop.dossiernummer``/``ondernummer``), and the
  identifiers agree (``DC.identifier``, the header's ``externMetadataRecord`` and, when
  the caller knows it, the id asked for): a metadata file of another publication
  is refused, never mixed in;
- the number is a number (Eerste Kamer stukken are lettered, "33 694, U": refused
  for now, the archive's identifier has numbers only).
"""

from __future__ import annotations

import re
from datetime import date
from xml.etree.ElementTree import Element

from letters.ingest.metadata import extract_metadata
from letters.ingest.types import CleanText
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier
from letters.official.body import read_body
from letters.official.errors import OfficialRefused
from letters.official.inline import layout
from letters.official.kinds import kind_of, title_part
from letters.official.links import classify
from letters.official.metadata import (
    PublicationMetadata,
    embedded_pairs,
    iso_date,
    normalise_vergaderjaar,
    parse_metadata,
)
from letters.official.types import OfficialPublication, PublicationDates
from letters.official.xmlsafe import all_text, child, children, descendants, local, parse_xml

_OTHER_PUBLICATIONS = (  # identifier prefix / root child → what it is, in Dutch
    ("h-", "een Handeling"),
    ("ah-", "een Aanhangsel van de Handelingen (Kamervragen)"),
    ("kv-", "Kamervragen zonder antwoord"),
    ("blg-", "een bijlage"),
    ("ag-", "een agenda"),
    ("stb-", "een Staatsblad"),
    ("stcrt-", "een Staatscourant"),
    ("trb-", "een Tractatenblad"),
)
_ROOT_KINDS = {"handelingen": "een Handeling", "kamervragen": "Kamervragen", "agenda": "een agenda"}
_PLACE = re.compile(r"^(?:Den Haag|[’'‘]s-Gravenhage)\b")
_RECORD_ID = re.compile(r"/(?P<id>[a-z]+-[0-9A-Za-z_-]+)/metadata\.xml$")


def parse_publication(
    xml: bytes,
    metadata: bytes | None = None,
    *,
    name: str = "",
    expected_identifier: str | None = None,
) -> OfficialPublication:
    """``name`` ("kst-33694-9.xml") only makes messages clearer; ``expected_identifier``
    is the id the caller asked for (a fetched record, ``--id``): anything else is refused."""
    what = f"De publicatie {name}" if name else "De publicatie"
    root = parse_xml(xml, what=what)
    meta = (
        parse_metadata(metadata, what=f"Het metadatabestand bij {name or 'de publicatie'}")
        if metadata is not None
        else None
    )
    embedded = embedded_pairs(root) if local(root.tag) == "officiele-publicatie" else {}
    own_id = _embedded_identifier(embedded)
    _refuse_other_kinds(root, meta, own_id, what)
    kamerstuk = child(root, "kamerstuk")
    stuk = child(kamerstuk, "stuk")
    if stuk is None:
        raise OfficialRefused(f"{what} bevat geen <stuk>: er is geen tekst.", code="malformed")

    dossiers, dossier_titles = _dossiers(kamerstuk, meta, what)
    number = _number(stuk, meta, what)
    key = _key(dossiers[0], number, what)
    identifier = _identifier(key, meta, own_id, expected_identifier, what)
    _check_metadata_matches(key, dossiers, meta, identifier, what)

    body = read_body(stuk)
    clean, links = layout(body.units, body.notes, classify)
    clean.own_key = key
    vergaderjaar = (meta.vergaderjaar if meta else "") or _kop_line(kamerstuk, "vergaderjaar")
    clean.vergaderjaar = vergaderjaar or None
    clean.other_dossiers = list(dossiers[1:])
    stuk_title = all_text(child(stuk, "titel"))
    return OfficialPublication(
        identifier=identifier,
        key=key,
        other_dossiers=tuple(dossiers[1:]),
        kind=kind_of(
            meta.kamerstuk_type if meta else "", stuk_title, title_part(meta.title) if meta else ""
        ),
        kamerstuk_type=meta.kamerstuk_type if meta else "",
        title=_title(meta),
        stuk_title=stuk_title,
        dossier_titles=dossier_titles,
        dates=_dates(stuk, meta, clean),
        vergaderjaar=vergaderjaar,
        chamber=(meta.creator if meta else "") or _kop_line(kamerstuk, "kameraanduiding"),
        signatories=tuple(body.signatories),
        submitters=meta.submitters if meta else (),
        ministries=tuple(dict.fromkeys(s.ministry for s in body.signatories if s.ministry)),
        clean=clean,
        links=tuple(links),
        metadata=meta,
    )


# -- what the file is -----------------------------------------------------------------
def _refuse_other_kinds(
    root: Element, meta: PublicationMetadata | None, own_id: str, what: str
) -> None:
    identifier = (meta.identifier if meta else "") or own_id
    for prefix, kind in _OTHER_PUBLICATIONS:
        if identifier.startswith(prefix):
            _not_a_kamerstuk(what, identifier, kind)
    if meta and meta.publication_type and meta.publication_type != "Kamerstuk":
        _not_a_kamerstuk(what, identifier, f"een {meta.publication_type}")
    if local(root.tag) != "officiele-publicatie":
        found = local(root.tag)
        if found in ("metadata_gegevens", "owms-metadata"):
            raise OfficialRefused(
                f"{what} is een metadatabestand, geen publicatie.", code="not-kamerstuk"
            )
        raise OfficialRefused(
            f"{what} is geen officiële publicatie (het begint met <{found}>).", code="not-kamerstuk"
        )
    if child(root, "kamerstuk") is None:
        found = next((local(c.tag) for c in root if local(c.tag) not in ("metadata", "")), "")
        _not_a_kamerstuk(what, identifier, _ROOT_KINDS.get(found, f"een <{found}>"))


def _not_a_kamerstuk(what: str, identifier: str, kind: str) -> None:
    named = f" ({identifier})" if identifier else ""
    raise OfficialRefused(
        f"{what}{named} is geen Kamerstuk maar {kind}. Alleen Kamerstukken (kst-…) "
        f"kunnen worden ingelezen.",
        code="not-kamerstuk",
    )


# -- dossier, number, identifier --------------------------------------------------------
def _dossiers(
    kamerstuk: Element, meta: PublicationMetadata | None, what: str
) -> tuple[list[str], tuple[str, ...]]:
    """The dossiers in the order the stuk lists them (the first names the stuk),
    each with its title; the metadata's list when the XML has none."""
    found: list[str] = []
    titles: list[str] = []
    for dossier in children(kamerstuk, "dossier"):
        number = child(dossier, "dossiernummer")
        written = " ".join(all_text(part) for part in number) if number is not None else ""
        written = written or all_text(number)
        if not written:
            continue
        try:
            found.append(normalise_dossier(written))
        except InvalidKamerstuk as error:
            raise OfficialRefused(
                f"{what}: onbekend dossiernummer «{written}».", code="malformed"
            ) from error
        titles.append(all_text(child(dossier, "titel")))
    if not found and meta and meta.dossiers:
        found = list(meta.dossiers)
        titles = [meta.dossier_title] + [""] * (len(found) - 1)
    if not found:
        raise OfficialRefused(f"{what} noemt geen dossiernummer.", code="malformed")
    return found, tuple(titles)


def _number(stuk: Element, meta: PublicationMetadata | None, what: str) -> str:
    stuknr = child(stuk, "stuknr")
    ondernummer = next(
        iter(descendants(stuknr if stuknr is not None else stuk, "ondernummer")), None
    )
    number = all_text(ondernummer) or (meta.number if meta else "")
    if not number:
        raise OfficialRefused(f"{what} noemt geen ondernummer.", code="malformed")
    if not number.isdigit():
        raise OfficialRefused(
            f"{what} heeft ondernummer «{number}»: stukken van de Eerste Kamer met een letter "
            f"als nummer worden (nog) niet ingelezen.",
            code="unsupported",
        )
    return number


def _key(dossier: str, number: str, what: str) -> KamerstukKey:
    try:
        return KamerstukKey.from_parts(dossier, number)
    except InvalidKamerstuk as error:
        raise OfficialRefused(f"{what}: {error}", code="malformed") from error


def _embedded_identifier(embedded) -> str:
    for value in embedded.get("DC.identifier", ()):
        return value.value
    for value in embedded.get("OVERHEIDop.externMetadataRecord", ()):
        if match := _RECORD_ID.search(value.value):
            return match.group("id")
    return ""


def _identifier(
    key: KamerstukKey,
    meta: PublicationMetadata | None,
    own_id: str,
    expected: str | None,
    what: str,
) -> str:
    stated = [i for i in ((meta.identifier if meta else ""), own_id) if i]
    identifier = stated[0] if stated else key.official_id
    for other in stated[1:]:
        if not _same_id(other, identifier):
            raise OfficialRefused(
                f"Het metadatabestand hoort bij {identifier}, maar {_lower(what)} noemt zichzelf "
                f"{other}. Ze horen niet bij elkaar.",
                code="metadata-mismatch",
            )
    if expected and not _same_id(expected, identifier):
        raise OfficialRefused(
            f"{what} is {identifier}, niet het gevraagde {expected}.", code="metadata-mismatch"
        )
    return identifier


def _lower(what: str) -> str:
    return what[:1].lower() + what[1:]


def _same_id(a: str, b: str) -> bool:
    try:
        return KamerstukKey.parse(a) == KamerstukKey.parse(b)
    except InvalidKamerstuk:
        return a.strip().lower() == b.strip().lower()


def _check_metadata_matches(
    key: KamerstukKey,
    dossiers: list[str],
    meta: PublicationMetadata | None,
    identifier: str,
    what: str,
) -> None:
    """The metadata describes this stuk: same dossiers, same number, and an id that
    (when it carries a dossier and number, as most do) is this stuk's."""
    mismatch = ""
    try:
        named = KamerstukKey.parse(identifier)
    except InvalidKamerstuk:
        named = None  # the newer opaque ids ("kst-1268678") say nothing about the stuk
    if named is not None and named != key:
        mismatch = named.official_id
    if meta is not None:
        if meta.number and meta.number != str(key.number):
            mismatch = mismatch or f"nr. {meta.number}"
        if meta.dossiers and set(meta.dossiers) != set(dossiers):
            mismatch = mismatch or "dossier " + " en ".join(meta.dossiers)
    if mismatch:
        raise OfficialRefused(
            f"Het metadatabestand beschrijft {mismatch}, maar {_lower(what)} is "
            f"{key.official_id}. Ze horen niet bij elkaar; er is niets ingelezen.",
            code="metadata-mismatch",
        )


# -- title, dates, header lines -----------------------------------------------------------
def _title(meta: PublicationMetadata | None) -> str:
    if meta is None:
        return ""
    if meta.document_title:
        return meta.document_title
    parts = [p.strip() for p in meta.title.split(";")]
    return "; ".join(parts[2:]) if len(parts) >= 3 else ""


def _dates(stuk: Element, meta: PublicationMetadata | None, clean: CleanText) -> PublicationDates:
    dagtekening = next(
        (
            iso_date(d.get("isodatum"))
            for t in descendants(stuk, "dagtekening")
            for d in descendants(t, "datum")
        ),
        None,
    ) or _dateline(stuk)
    line = child(stuk, "datumtekst")
    noted_element = next(iter(descendants(line, "datum")), None) if line is not None else None
    noted = iso_date(noted_element.get("isodatum")) if noted_element is not None else None
    noted_as = (all_text(line).split() or [""])[0] if line is not None else ""
    candidates = (
        (dagtekening, "dagtekening"),
        (meta.letter_date if meta else None, "datumBrief"),
        (meta.signed if meta else None, "datumOndertekening"),
        (noted, "datumtekst"),
        (extract_metadata(clean).date, "tekst"),
        (meta.issued if meta else None, "issued"),
    )
    letter, source = next(((d, s) for d, s in candidates if d is not None), (None, ""))
    return PublicationDates(
        letter=letter,
        source=source,
        issued=meta.issued if meta else None,
        available=meta.available if meta else None,
        noted=noted,
        noted_as=noted_as if noted else "",
    )


def _dateline(stuk: Element) -> date | None:
    """ "Den Haag, <datum isodatum=…>" written as a plain paragraph instead of a
    ``<dagtekening>``: the same statement, read the same way."""
    for paragraph in descendants(stuk, "al"):
        found = next(iter(descendants(paragraph, "datum")), None)
        if (
            found is not None
            and _PLACE.match(all_text(paragraph))
            and len(all_text(paragraph)) < 80
        ):
            return iso_date(found.get("isodatum"))
    return None


def _kop_line(kamerstuk: Element, content: str) -> str:
    kop = child(kamerstuk, "kamerstukkop")
    for line in descendants(kop if kop is not None else kamerstuk, "tekstregel"):
        if line.get("inhoud") == content:
            text = all_text(line)
            return normalise_vergaderjaar(text) if content == "vergaderjaar" else text
    return ""
