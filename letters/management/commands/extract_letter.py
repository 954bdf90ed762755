"""``manage.py extract_letter PATH [--json]``: show what the ingest pipeline finds
in a letter file (text or PDF) without saving anything."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from letters.ingest.missions import load_reference_missions
from letters.ingest.pipeline import extract, extraction_to_json
from letters.ingest.sources import UnreadableSource, read_letter_source
from letters.ingest.types import Extraction, MissionNames

DECISIONS = {
    "start": "start",
    "extension": "verlenging",
    "intensification": "intensivering",
    "end": "beëindiging",
    "report": "rapportage",
}


class Command(BaseCommand):
    help = "Toon wat het inlezen in een brief (tekst of PDF) vindt, zonder iets op te slaan."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het bestand met de brief (.txt, .pdf of .docx).")
        parser.add_argument(
            "--json", action="store_true", help="Geef het resultaat als één JSON-object."
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"{path}: kan het bestand niet lezen ({error.strerror or error})."
            ) from error
        try:
            raw_text = read_letter_source(data, filename=path.name)
        except UnreadableSource as error:
            raise CommandError(f"{path.name}: {error}") from error
        extraction = extract(raw_text, known_missions())
        if options["json"]:
            self.stdout.write(
                json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(summary(extraction))


def known_missions() -> list[MissionNames]:
    """The missions in the database; the reference file when there is no database
    (yet) or it holds no missions."""
    try:
        from letters.services import mission_names

        missions = mission_names()
    except DatabaseError:
        missions = []
    return missions or load_reference_missions()


def euros(amount: Decimal) -> str:
    """€ 59.500.000 / € 1.234,50 (Dutch notation)."""
    whole, _, cents = format(amount, "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"€ {grouped},{cents[:2].ljust(2, '0')}" if cents.strip("0") else f"€ {grouped}"


def summary(extraction: Extraction) -> str:
    meta, clean = extraction.metadata, extraction.clean
    key = meta.key or clean.own_key
    lines = [
        f"Brief: {key.display if key else 'geen Kamerstuknummer gevonden'}"
        + (f" (vergaderjaar {meta.vergaderjaar})" if meta.vergaderjaar else ""),
        f"Dossiers: {', '.join(meta.dossiers) or '—'}",
        f"Titel (voorstel): {meta.title or '—'}",
        f"Soort: {meta.kind or 'onbekend'}"
        + (f" ({meta.document_type} van {', '.join(meta.senders)})" if meta.senders else ""),
        f"Datum: {meta.date.isoformat() if meta.date else 'niet gevonden'}"
        + (f" (jaar {meta.year})" if meta.year and not meta.date else ""),
    ]
    data = extraction_to_json(extraction)
    lines.append(f"Opbouw: {data['paragraphs']} alinea's en koppen, {data['footnotes']} voetnoten")
    lines.append(f"Ondertekenaars ({len(meta.signatories)}):")
    lines += [f"  - {s.function}: {s.name}" for s in meta.signatories]
    lines.append(f"Verwijzingen naar Kamerstukken ({len(extraction.citations)}):")
    lines += [
        f"  - {c.key.key:<14} «{c.text}»{' (voetnoot)' if c.in_footnote else ''}"
        for c in extraction.citations
    ]
    if extraction.proceedings:
        lines.append(f"Handelingen ({len(extraction.proceedings)}):")
        lines += [f"  - {p.key:<22} «{p.text}»" for p in extraction.proceedings]
    lines.append(f"Bedragen ({len(extraction.amounts)}):")
    for a in extraction.amounts:
        details = [a.instrument] if a.instrument else []
        details += list(a.qualifiers) + [str(year) for year in a.years]
        lines.append(
            f"  - {euros(a.euro):<18} «{a.text}»" + (f" ({', '.join(details)})" if details else "")
        )
    lines.append(f"Missies ({len({m.slug for m in extraction.missions})} verschillende):")
    for m in extraction.missions:
        decision = f", besluit: {DECISIONS.get(m.decision, m.decision)}" if m.decision else ""
        lines.append(f"  - {m.name} ({m.slug}): «{m.matched}»{decision}")
    lines.append(f"Aanbevelingen ({len(extraction.recommendations)}):")
    for r in extraction.recommendations:
        text = " ".join(r.text.split())
        lines.append(f"  {r.number}. {text[:200]}{'…' if len(text) > 200 else ''}")
    return "\n".join(lines)
