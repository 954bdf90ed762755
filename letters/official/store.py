"""The local folder of fetched publications, laid out as the repository lays them out,
and finding publications (with their metadata) in any folder for the importer.

Repository layout (under ``https://repository.overheid.nl/frbr/officielepublicaties``)::

    kst/<dossier>/<id>/<version>/xml/<id>.xml
    kst/<dossier>/<id>/<version>/metadata/metadata.xml

e.g. ``kst/35300-V/kst-35300-V-60/1/xml/kst-35300-V-60.xml``. The store keeps the
same relative paths under its root, so a folder filled by ``fetch_official`` and a
copy of the repository read alike. A file appears under its final name only when
it is complete (written to a temporary file, then renamed): what is there need
not be fetched again.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from letters.kamerstuk import InvalidKamerstuk, KamerstukKey
from letters.official.sru import SruRecord

_SEGMENT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,60}$")
_IDENTIFIER = re.compile(r"^kst-[0-9A-Za-z-]{1,60}$")
_IN_REPOSITORY = re.compile(
    r"/officielepublicaties/kst/(?P<folder>[^/]+)/(?P<id>[^/]+)/(?P<version>\d{1,4})/xml/(?P=id)\.xml$"
)
METADATA_NAMES = ("metadata.xml", "metadata_owms.xml")


@dataclass(frozen=True)
class RepositoryPath:
    folder: str  # the dossier folder: "33694", "35300-V"
    identifier: str  # "kst-33694-9"
    version: str = "1"

    @property
    def base(self) -> str:
        return f"kst/{self.folder}/{self.identifier}/{self.version}"

    @property
    def xml(self) -> str:
        return f"{self.base}/xml/{self.identifier}.xml"

    @property
    def metadata(self) -> str:
        return f"{self.base}/metadata/metadata.xml"


def repository_path(record: SruRecord) -> RepositoryPath:
    """Where a record's files live. Taken from the record's XML address when that has
    the repository's shape; otherwise built from its identifier and dossier. Every
    part is checked, so an address in a (hostile) answer cannot lead outside the store."""
    identifier = record.identifier.strip()
    if not _IDENTIFIER.match(identifier):
        raise ValueError(f"geen bruikbaar Kamerstuk-id: {identifier!r}")
    match = _IN_REPOSITORY.search(record.xml_url.split("?", 1)[0])
    if match and match.group("id") == identifier and _SEGMENT.match(match.group("folder")):
        return RepositoryPath(match.group("folder"), identifier, str(int(match.group("version"))))
    folder = next((d for d in record.dossiers if _SEGMENT.match(d)), "")
    if not folder:
        try:
            folder = KamerstukKey.parse(identifier).dossier
        except InvalidKamerstuk as error:
            raise ValueError(f"geen dossier bekend voor {identifier}") from error
    return RepositoryPath(folder, identifier)


@dataclass(frozen=True)
class PublicationFiles:
    xml: Path
    metadata: Path | None
    identifier: str  # from the file name: "kst-33694-9"
    version: int | None = None  # in the repository layout


class PublicationStore:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def files(self, path: RepositoryPath) -> PublicationFiles:
        return PublicationFiles(
            xml=self.root / path.xml,
            metadata=self.root / path.metadata,
            identifier=path.identifier,
            version=int(path.version),
        )

    def is_complete(self, path: RepositoryPath) -> bool:
        files = self.files(path)
        return all(
            p is not None and p.is_file() and p.stat().st_size > 0
            for p in (files.xml, files.metadata)
        )

    def write(self, path: RepositoryPath, *, xml: bytes, metadata: bytes) -> PublicationFiles:
        """Both files, each complete or not at all; the XML last, so a publication whose
        XML is there has its metadata too."""
        files = self.files(path)
        write_atomically(files.metadata, metadata)
        write_atomically(files.xml, xml)
        return files


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def find_publications(paths: Iterable[Path | str]) -> Iterator[PublicationFiles]:
    """Publication XML files in ``paths`` (files, or folders searched recursively), each
    with its metadata: ``<stem>.metadata.xml`` beside it, ``metadata.xml`` beside it
    when it is the folder's only publication, or ``../metadata/metadata.xml`` in the
    repository layout. Of several versions of one publication only the latest."""
    found: dict[tuple[Path, str], PublicationFiles] = {}
    for given in paths:
        given = Path(given)
        candidates = sorted(given.rglob("*.xml")) if given.is_dir() else [given]
        for xml in candidates:
            if _is_publication_file(xml):
                files = _pair(xml)
                scope = xml.parents[3] if files.version is not None else xml
                known = found.get((scope, files.identifier))
                if known is None or (files.version or 0) > (known.version or 0):
                    found[(scope, files.identifier)] = files
    yield from sorted(found.values(), key=lambda f: str(f.xml))


def _is_publication_file(path: Path) -> bool:
    name = path.name
    return (
        path.suffix == ".xml"
        and not name.startswith(".")
        and name not in METADATA_NAMES
        and not name.endswith(".metadata.xml")
    )


def _pair(xml: Path) -> PublicationFiles:
    stem = xml.name[: -len(".xml")]
    beside = xml.with_name(f"{stem}.metadata.xml")
    version_dir = xml.parent.parent
    in_repository = (
        xml.parent.name == "xml" and version_dir.name.isdigit() and version_dir.parent.name == stem
    )
    if beside.is_file():
        metadata = beside
    elif in_repository and (version_dir / "metadata" / "metadata.xml").is_file():
        metadata = version_dir / "metadata" / "metadata.xml"
    elif (xml.parent / "metadata.xml").is_file() and _only_publication(xml.parent):
        metadata = xml.parent / "metadata.xml"
    else:
        metadata = None
    return PublicationFiles(xml, metadata, stem, int(version_dir.name) if in_repository else None)


def _only_publication(folder: Path) -> bool:
    return sum(1 for p in folder.glob("*.xml") if _is_publication_file(p)) == 1
