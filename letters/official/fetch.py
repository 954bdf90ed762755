"""Search results → publications in the local store, resumable.

For each record: if its XML and metadata are already stored complete, nothing is
downloaded; otherwise both are downloaded, checked (they parse safely, are a
Kamerstuk and describe the record's publication) and only then written. So an
interrupted run leaves complete files or none, and the next run fetches only what
is missing. A publication that cannot be used is counted as refused, with the
reason; an unreachable service stops the run (``ServiceUnavailable``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from letters.official.client import DocumentMissing, OfficialClient
from letters.official.errors import OfficialRefused
from letters.official.publication import parse_publication
from letters.official.sru import SruRecord
from letters.official.store import PublicationFiles, PublicationStore, repository_path

FETCHED = "fetched"
STORED = "stored"  # already in the store, not downloaded again
REFUSED = "refused"


@dataclass(frozen=True)
class FetchOutcome:
    identifier: str
    status: str  # FETCHED | STORED | REFUSED
    files: PublicationFiles | None = None
    reason: str = ""  # why it was refused (Dutch)


@dataclass
class FetchReport:
    found: int = 0
    fetched: int = 0
    already_stored: int = 0
    refused: int = 0
    outcomes: list[FetchOutcome] = field(default_factory=list)

    def add(self, outcome: FetchOutcome) -> None:
        self.outcomes.append(outcome)
        self.found += 1
        if outcome.status == FETCHED:
            self.fetched += 1
        elif outcome.status == STORED:
            self.already_stored += 1
        else:
            self.refused += 1

    @property
    def available(self) -> list[PublicationFiles]:
        """Files to import: fetched now or stored before."""
        return [o.files for o in self.outcomes if o.files is not None]

    def summary(self) -> str:
        return (
            f"gevonden {self.found}, opgehaald {self.fetched}, al aanwezig {self.already_stored}, "
            f"geweigerd {self.refused}"
        )


def fetch_records(
    records: Iterable[SruRecord],
    *,
    client: OfficialClient,
    store: PublicationStore,
    progress: Callable[[FetchReport, FetchOutcome], None] | None = None,
) -> FetchReport:
    report = FetchReport()
    for record in records:
        outcome = fetch_record(record, client=client, store=store)
        report.add(outcome)
        if progress is not None:
            progress(report, outcome)
    return report


def fetch_record(
    record: SruRecord, *, client: OfficialClient, store: PublicationStore
) -> FetchOutcome:
    identifier = record.identifier
    if record.publication_type not in ("", "Kamerstuk") or not identifier.startswith("kst-"):
        kind = record.publication_type or "onbekend"
        return FetchOutcome(identifier, REFUSED, reason=f"geen Kamerstuk ({kind})")
    if not record.xml_url:
        return FetchOutcome(
            identifier, REFUSED, reason="de bron biedt voor dit stuk geen XML (alleen PDF)"
        )
    try:
        path = repository_path(record)
    except ValueError as error:
        return FetchOutcome(identifier, REFUSED, reason=str(error))
    if store.is_complete(path):
        return FetchOutcome(identifier, STORED, store.files(path))
    try:
        metadata = client.document(path.metadata)
        xml = client.document(path.xml)
        parse_publication(xml, metadata, name=f"{identifier}.xml", expected_identifier=identifier)
    except (DocumentMissing, OfficialRefused) as error:
        return FetchOutcome(identifier, REFUSED, reason=str(error))
    return FetchOutcome(identifier, FETCHED, store.write(path, xml=xml, metadata=metadata))
