"""A publication's metadata as the publisher states it.

The same name/value pairs come in three spellings, all read here:

- ``metadata.xml`` of the repository and of zoek.officielebekendmakingen.nl:
  ``<metadata_gegevens><metadata name="DC.identifier" scheme="…" content="kst-33694-9"/>…``
- the header of the publication XML itself (and files saved from it):
  ``<metadata><meta name="DC.identifier" content="kst-33694-9"/>…``
- ``metadata_owms.xml``: ``<owms-metadata><owmskern><dcterms:identifier>kst-33694-9…``

Names repeat where the publication has more than one value
(``OVERHEIDop.dossiernummer``, ``OVERHEIDop.indiener``, ``DC.type`` with different
schemes); every value is kept in ``values`` in document order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from xml.etree.ElementTree import Element

from letters.kamerstuk import InvalidKamerstuk, normalise_dossier
from letters.official.errors import OfficialRefused
from letters.official.xmlsafe import local, parse_xml, tidy

# metadata_owms.xml: element → name in metadata.xml
_OWMS_DC = {"identifier", "title", "type", "creator", "subject", "publisher"}
_OWMS_PREFIX = {"overheidop": "OVERHEIDop.", "overheid": "OVERHEID."}
_OWMS_NAMESPACES = {
    "http://standaarden.overheid.nl/oep/meta/": "OVERHEIDop.",
    "http://standaarden.overheid.nl/owms/terms/": "OVERHEID.",
}


@dataclass(frozen=True)
class MetadataValue:
    value: str
    scheme: str = ""


@dataclass(frozen=True)
class PublicationMetadata:
    """The fields the archive uses; everything else stays readable in ``values``."""

    identifier: str = ""  # DC.identifier: "kst-33694-9" (newer ones: "kst-1268678")
    title: str = ""  # DC.title: "dossier title; kind; document title"
    document_title: str = ""  # OVERHEIDop.documenttitel
    dossier_title: str = ""  # OVERHEIDop.dossiertitel
    publication_type: str = ""  # DC.type (scheme OVERHEIDop.Parlementair): "Kamerstuk"
    kamerstuk_type: str = ""  # DC.type (scheme OVERHEIDop.KamerstukTypen): "Motie"
    creator: str = ""  # DC.creator: "Tweede Kamer der Staten-Generaal"
    dossiers: tuple[str, ...] = ()  # OVERHEIDop.dossiernummer, normalised: "35300-V"
    number: str = ""  # OVERHEIDop.ondernummer as written ("14"; Eerste Kamer: "U")
    vergaderjaar: str = ""  # OVERHEIDop.vergaderjaar: "2019-2020"
    submitters: tuple[str, ...] = ()  # OVERHEIDop.indiener
    publication_name: str = ""  # OVERHEIDop.publicationName: "Kamerstuk"
    issued: date | None = None  # DCTERMS.issued
    available: date | None = None  # DCTERMS.available
    letter_date: date | None = None  # OVERHEIDop.datumBrief, where the publisher gives it
    signed: date | None = None  # OVERHEIDop.datumOndertekening
    received: date | None = None  # OVERHEIDop.datumOntvangst
    values: Mapping[str, tuple[MetadataValue, ...]] = field(default_factory=dict)

    def get(self, name: str) -> tuple[str, ...]:
        return tuple(v.value for v in self.values.get(name, ()))


def parse_metadata(data: bytes, *, what: str = "Het metadatabestand") -> PublicationMetadata:
    return metadata_from_element(parse_xml(data, what=what), what=what)


def metadata_from_element(root: Element, *, what: str) -> PublicationMetadata:
    pairs = _pairs(root)
    if pairs is None:
        raise OfficialRefused(
            f"{what} is geen metadatabestand van een officiële publicatie "
            f"(het begint met <{local(root.tag)}>).",
            code="not-kamerstuk",
        )
    values: dict[str, list[MetadataValue]] = {}
    for name, scheme, value in pairs:
        if name and value:
            values.setdefault(name, []).append(MetadataValue(value, scheme))
    frozen = {name: tuple(found) for name, found in values.items()}
    return _typed(frozen)


def embedded_pairs(publication_root: Element) -> Mapping[str, tuple[MetadataValue, ...]]:
    """The ``<metadata><meta …/>`` header of a publication XML (often only
    ``OVERHEIDop.externMetadataRecord``, the address of its metadata.xml)."""
    header = next((c for c in publication_root if local(c.tag) == "metadata"), None)
    if header is None:
        return {}
    return metadata_from_element(header, what="De kop van de publicatie").values


def _pairs(root: Element) -> list[tuple[str, str, str]] | None:
    tag = local(root.tag)
    if tag in ("metadata_gegevens", "metadata"):
        return [
            (e.get("name", ""), e.get("scheme", ""), tidy(e.get("content")))
            for e in root.iter()
            if local(e.tag) in ("metadata", "meta") and e is not root
        ]
    if tag == "owms-metadata":
        return [
            (_owms_name(group, e), e.get("scheme", ""), tidy(e.text))
            for group in root
            for e in group
        ]
    return None


def _owms_name(group: Element, element: Element) -> str:
    name = local(element.tag)
    tag = element.tag if isinstance(element.tag, str) else ""
    namespace = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    if namespace in _OWMS_NAMESPACES:
        return _OWMS_NAMESPACES[namespace] + name
    if "." in name:  # "dcterms.modified" written without a namespace
        prefix, _, rest = name.partition(".")
        return f"{_OWMS_PREFIX.get(prefix.lower(), 'DCTERMS.')}{rest}"
    if local(group.tag) == "oep":
        return f"OVERHEIDop.{name}"
    return f"DC.{name}" if name in _OWMS_DC else f"DCTERMS.{name}"


def _typed(values: Mapping[str, tuple[MetadataValue, ...]]) -> PublicationMetadata:
    def first(name: str, scheme: str | None = None) -> str:
        for value in values.get(name, ()):
            if scheme is None or value.scheme == scheme:
                return value.value
        return ""

    def all_of(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.value for v in values.get(name, ())))

    dossiers = []
    for value in all_of("OVERHEIDop.dossiernummer"):
        for part in value.split(";"):
            if part.strip():
                dossiers.append(_dossier(part))
    return PublicationMetadata(
        identifier=first("DC.identifier"),
        title=first("DC.title"),
        document_title=first("OVERHEIDop.documenttitel"),
        dossier_title=first("OVERHEIDop.dossiertitel"),
        publication_type=first("DC.type", "OVERHEIDop.Parlementair"),
        kamerstuk_type=first("DC.type", "OVERHEIDop.KamerstukTypen"),
        creator=first("DC.creator"),
        dossiers=tuple(dict.fromkeys(dossiers)),
        number=first("OVERHEIDop.ondernummer"),
        vergaderjaar=normalise_vergaderjaar(first("OVERHEIDop.vergaderjaar")),
        submitters=all_of("OVERHEIDop.indiener"),
        publication_name=first("OVERHEIDop.publicationName"),
        issued=iso_date(first("DCTERMS.issued")),
        available=iso_date(first("DCTERMS.available")),
        letter_date=iso_date(first("OVERHEIDop.datumBrief")),
        signed=iso_date(first("OVERHEIDop.datumOndertekening")),
        received=iso_date(first("OVERHEIDop.datumOntvangst")),
        values=values,
    )


def _dossier(written: str) -> str:
    try:
        return normalise_dossier(written)
    except InvalidKamerstuk:
        return written.strip()


def iso_date(value: str | None) -> date | None:
    """``"2020-04-17"`` (a time after it is ignored) → a date; anything else → None."""
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def normalise_vergaderjaar(value: str | None) -> str:
    """``"Vergaderjaar 2019–2020"``, ``"2019-2020"``, ``"20192020"`` → ``"2019-2020"``."""
    digits = "".join(c for c in (value or "") if c.isdigit())
    if len(digits) != 8 or int(digits[4:]) != int(digits[:4]) + 1:
        return ""
    return f"{digits[:4]}-{digits[4:]}"
