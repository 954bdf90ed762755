"""Importing letter texts: a file or a pasted text → ``ingest.pipeline.extract`` →
``graph_from_extraction`` → ``write_letters``. Idempotent: the same text changes
nothing; a changed text updates the letter it was imported as."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from letters import json_input
from letters.ingest.types import Extraction, MissionNames
from letters.kamerstuk import normalise_dossier
from letters.models import Letter, Mission, MissionAlias
from letters.services.extraction import (
    ImportRefused,
    LetterOverrides,
    Selection,
    graph_from_extraction,
)
from letters.services.text import text_hash
from letters.services.write import write_letters


@dataclass
class ImportResult:
    letter: Letter
    status: str  # "nieuw" | "bijgewerkt" | "ongewijzigd"
    counts: dict[str, int] = field(default_factory=dict)


def mission_names() -> list[MissionNames]:
    """The missions and their aliases as the pipeline matches them."""
    aliases: dict[int, list[str]] = {}
    for mission_id, alias in MissionAlias.objects.values_list("mission_id", "alias"):
        aliases.setdefault(mission_id, []).append(alias)
    return [
        MissionNames(
            slug=mission.slug,
            name=mission.name,
            aliases=tuple({mission.name, mission.short_name, *aliases.get(mission.pk, [])} - {""}),
        )
        for mission in Mission.objects.all()
    ]


def save_extraction(
    *,
    extraction: Extraction,
    original_text: str,
    overrides: LetterOverrides | None = None,
    selection: Selection | None = None,
    letter: Letter | None = None,
    source_name: str = "",
    report: str | None = None,
) -> Letter:
    """Save a letter and everything extracted from it (replacing ``letter``, an earlier
    import of it, when given). ``report``: the title of the report its recommendations
    come from. Returns the saved letter."""
    graph = graph_from_extraction(
        extraction,
        original_text=original_text,
        overrides=overrides,
        selection=selection,
        source_name=source_name,
        report=report,
        replaces=letter.pk if letter is not None else None,
    )
    return write_letters(graphs=[graph])[0]


def import_letter_text(
    *,
    raw_text: str,
    overrides: LetterOverrides | None = None,
    source_name: str = "",
    missions: list[MissionNames] | None = None,
    force: bool = False,
) -> ImportResult:
    """Import one letter's text idempotently: the same text changes nothing; a changed
    text updates the letter it was imported as (matched by number, file name or text)."""
    from letters.ingest.pipeline import extract

    extraction = extract(raw_text, missions if missions is not None else mission_names())
    overrides = overrides or LetterOverrides()
    digest = text_hash(raw_text)
    existing = _existing_letter(extraction, overrides, source_name, digest)
    unchanged = existing and existing.text_hash == digest and not _overrides_differ(existing, overrides)
    if unchanged and not force:
        return ImportResult(letter=existing, status="ongewijzigd")
    letter = save_extraction(
        extraction=extraction,
        original_text=raw_text,
        overrides=overrides,
        letter=existing,
        source_name=source_name,
    )
    return ImportResult(
        letter=letter,
        status="bijgewerkt" if existing else "nieuw",
        counts={
            "verwijzingen": len(extraction.citations) + len(extraction.proceedings),
            "bedragen": len(extraction.amounts),
            "missies": len({m.slug for m in extraction.missions}),
            "aanbevelingen": len(extraction.recommendations),
        },
    )


def _existing_letter(
    extraction: Extraction, overrides: LetterOverrides, source_name: str, digest: str
) -> Letter | None:
    key = extraction.metadata.key or extraction.clean.own_key
    dossier = overrides.dossier or (key.dossier if key else None)
    number = overrides.number if overrides.number is not None else (key.number if key else None)
    if dossier and number is not None:
        found = Letter.objects.filter(dossier__number=normalise_dossier(dossier), number=number).first()
        if found:
            return found
    if source_name:
        found = Letter.objects.filter(source_name=source_name).first()
        if found:
            return found
    return Letter.objects.filter(text_hash=digest).first()


def _overrides_differ(letter: Letter, overrides: LetterOverrides) -> bool:
    return any(
        given is not None and given != stored
        for given, stored in (
            (overrides.title, letter.title),
            (overrides.date, letter.date),
            (overrides.kind, letter.kind),
        )
    )


def read_overrides(path: Path) -> LetterOverrides | None:
    """A seed or import file may have a ``.json`` sidecar with hand-entered metadata."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return None
    try:
        return LetterOverrides.from_json(json_input.loads(sidecar.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise ImportRefused(f"De metadata in {sidecar.name} is ongeldig: {error}") from error


def import_letter_file(
    path: Path | str, *, missions: list[MissionNames] | None = None, force: bool = False
) -> ImportResult:
    from letters.ingest.sources import UnreadableSource, read_letter_source

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path}: kan het bestand niet lezen ({error.strerror}).") from error
    try:
        raw_text = read_letter_source(data, filename=path.name)
    except UnreadableSource as error:
        raise ImportRefused(f"{path.name}: {error}") from error
    return import_letter_text(
        raw_text=raw_text,
        overrides=read_overrides(path),
        source_name=path.name,
        missions=missions,
        force=force,
    )
