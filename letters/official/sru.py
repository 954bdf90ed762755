"""The search service of the official repository (SRU 2.0, CQL queries), as pure
functions: the query for what we want, and the parsed answer.

The service: ``https://repository.overheid.nl/sru`` with ``operation=searchRetrieve``,
``version=2.0``, ``recordSchema=gzd``, ``startRecord`` (1-based), ``maximumRecords``
and ``query`` (CQL). Each record (``gzd:gzd``) holds the publisher's metadata in
``gzd:originalData`` (``owmskern``: identifier, title, type, modified; ``owmsmantel``:
date, issued, available; ``tpmeta``: dossiernummer, ondernummer, vergaderjaar,
publicatienaam, subrubriek) and the addresses of the files in ``gzd:enrichedData``
(``itemUrl`` per manifestation: ``xml``, ``metadata``, ``pdf``, …). The response says
``numberOfRecords`` and, while there are more, ``nextRecordPosition``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element

from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, normalise_dossier
from letters.official.errors import OfficialRefused, ServiceError
from letters.official.kinds import KINDS, OVERIG, kind_of, title_part
from letters.official.metadata import iso_date, normalise_vergaderjaar
from letters.official.xmlsafe import all_text, descendants, local, parse_xml

DEFAULT_PAGE_SIZE = 100  # the service allows more; 100 keeps one answer small
MAX_PAGE_SIZE = 1000
PRODUCT_AREA = "c.product-area==officielepublicaties"


def build_query(
    *,
    dossier: str | None = None,
    since: date | None = None,
    until: date | None = None,
    modified_since: date | None = None,
    identifier: str | None = None,
) -> str:
    """The CQL for Kamerstukken in a dossier and a period, or for one publication.

    Every value is checked before it goes in (a dossier is normalised, an id parsed,
    dates are dates), so nothing a user types can change the query's meaning.
    ``since``/``until`` select on the publication's date (``dt.date``);
    ``modified_since`` on its last change (``dt.modified``), which is what keeping
    a dossier in step needs: a corrected publication changes, its date does not.
    """
    parts = [PRODUCT_AREA, "dt.type==Kamerstuk"]
    if identifier is not None:
        parts.append(f"dt.identifier=={_identifier(identifier)}")
    if dossier is not None:
        parts.append(f'w.dossiernummer=="{normalise_dossier(dossier)}"')
    if since is not None:
        parts.append(f"dt.date>={_date(since).isoformat()}")
    if until is not None:
        parts.append(f"dt.date<={_date(until).isoformat()}")
    if modified_since is not None:
        parts.append(f"dt.modified>={_date(modified_since).isoformat()}")
    return " AND ".join(parts) + " sortBy dt.date/sort.ascending"


def search_parameters(
    query: str, *, start: int = 1, page_size: int = DEFAULT_PAGE_SIZE
) -> dict[str, str]:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}")
    return {
        "operation": "searchRetrieve",
        "version": "2.0",
        "recordSchema": "gzd",
        "startRecord": str(max(1, start)),
        "maximumRecords": str(page_size),
        "query": query,
    }


def _identifier(value: str) -> str:
    value = value.strip()
    try:
        return KamerstukKey.parse(value).official_id
    except InvalidKamerstuk:
        if value.lower().startswith("kst-") and value[4:].isdigit():
            return value.lower()  # the newer opaque ids: "kst-1268678"
        raise


def _date(value: date) -> date:
    if not isinstance(value, date):
        raise TypeError("a date is needed")
    return value


@dataclass(frozen=True)
class SruRecord:
    identifier: str  # "kst-33694-57"
    title: str
    publication_type: str  # "Kamerstuk"
    kamerstuk_type: str  # "Brief regering", "Motie", "" when not stated
    kind: str  # letters.official.kinds: "brief", "motie", …
    dossiers: tuple[str, ...]  # normalised where possible: "35300-V"
    number: str
    vergaderjaar: str
    date: date | None
    modified: date | None
    xml_url: str
    metadata_url: str
    preferred_url: str
    position: int | None = None


@dataclass(frozen=True)
class SruPage:
    total: int
    records: tuple[SruRecord, ...]
    next_position: int | None


def parse_sru_response(data: bytes) -> SruPage:
    try:
        root = parse_xml(data, what="Het antwoord van de zoekdienst")
    except OfficialRefused as error:
        raise ServiceError(f"De zoekdienst gaf een onleesbaar antwoord: {error}") from error
    diagnostics = [all_text(m) for m in descendants(root, "message")]
    if local(root.tag) == "diagnostics" or (diagnostics and not descendants(root, "record")):
        details = "; ".join(d for d in diagnostics if d) or "geen toelichting"
        raise ServiceError(f"De zoekdienst weigerde de vraag: {details}.")
    if local(root.tag) != "searchRetrieveResponse":
        raise ServiceError(f"De zoekdienst gaf geen zoekresultaat maar <{local(root.tag)}>.")
    total = _int(_first_text(root, "numberOfRecords"))
    if total is None:
        raise ServiceError("Het antwoord van de zoekdienst noemt geen aantal resultaten.")
    records = tuple(_record(r) for r in root.iter() if local(r.tag) == "record")
    return SruPage(total, records, _int(_first_text(root, "nextRecordPosition")))


def _record(record: Element) -> SruRecord:
    def text(name: str) -> str:
        return _first_text(record, name)

    types = {e.get("scheme", ""): all_text(e) for e in descendants(record, "type")}
    subtypes = [
        all_text(e)
        for e in descendants(record, "subrubriek")
        if e.get("scheme", "") == "OVERHEIDop.KamerstukTypen"
    ]
    kamerstuk_type = types.get("OVERHEIDop.KamerstukTypen") or next(iter(subtypes), "")
    files = {e.get("manifestation", ""): all_text(e) for e in descendants(record, "itemUrl")}
    plain_url = text("url")
    title = text("title")
    return SruRecord(
        identifier=text("identifier"),
        title=title,
        publication_type=types.get("OVERHEIDop.Parlementair", ""),
        kamerstuk_type=kamerstuk_type,
        kind=kind_of(kamerstuk_type, title_part(title)),
        dossiers=tuple(
            dict.fromkeys(_dossier(all_text(e)) for e in descendants(record, "dossiernummer"))
        ),
        number=text("ondernummer"),
        vergaderjaar=normalise_vergaderjaar(text("vergaderjaar")),
        date=iso_date(text("date")) or iso_date(text("issued")),
        modified=iso_date(text("modified")),
        xml_url=files.get("xml") or (plain_url if plain_url.endswith(".xml") else ""),
        metadata_url=files.get("metadata", ""),
        preferred_url=text("preferredUrl"),
        position=_int(text("recordPosition")),
    )


def wanted(record: SruRecord, kind: str | None) -> bool:
    """The kind filter (``--kind brief``) is applied here, on the record's stated kind:
    the service's index for it is not documented. A record that states no kind is
    kept; the import reads the kind from the publication itself."""
    if kind is None:
        return True
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return record.kind == kind or record.kind == OVERIG and not record.kamerstuk_type


def _dossier(value: str) -> str:
    try:
        return normalise_dossier(value)
    except InvalidKamerstuk:
        return value


def _first_text(element: Element, name: str) -> str:
    return next((all_text(e) for e in element.iter() if local(e.tag) == name), "")


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None
