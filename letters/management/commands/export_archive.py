"""Write the whole archive to one file in the exchange format (docs/export-format.md)."""

import gzip
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.exchange import write_archive
from letters.exchange.format import TABLE_BY_NAME


class Command(BaseCommand):
    help = (
        "Schrijft het hele archief (brieven, verwijzingen, missies, aanbevelingen, "
        "begrotingsregels, personen; met --with-history ook de wijzigingsgeschiedenis) naar "
        "één bestand in het uitwisselformaat (JSON Lines, versie 1; gecomprimeerd als de naam "
        "op .gz eindigt). Herstellen: manage.py import_archive BESTAND."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="Doelbestand, of - voor standaarduitvoer")
        parser.add_argument(
            "--with-history", action="store_true", help="Ook de wijzigingsgeschiedenis exporteren"
        )

    def handle(self, out, with_history=False, **options):
        if out == "-":
            counts = write_archive(sys.stdout, with_history=with_history)
            self.stderr.write(self._summary("standaarduitvoer", counts))
            return
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"Map bestaat niet: {target.parent}")
        if target.is_dir():
            raise CommandError(f"{target} is een map; geef een bestandsnaam.")
        # Write next to the target and rename at the end: a failed export never
        # leaves a half file under the real name.
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(handle)
        try:
            with _open(Path(temporary), compress=target.suffix == ".gz") as stream:
                counts = write_archive(stream, with_history=with_history)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(self._summary(str(target), counts))

    def _summary(self, where: str, counts: dict[str, int]) -> str:
        parts = ", ".join(f"{n} {TABLE_BY_NAME[name].label}" for name, n in counts.items() if n)
        return f"Archief geschreven naar {where}: {parts or 'leeg'}."


def _open(path: Path, *, compress: bool):
    if compress:
        return gzip.open(path, "wt", encoding="utf-8")
    return path.open("w", encoding="utf-8")
