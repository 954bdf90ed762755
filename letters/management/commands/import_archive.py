"""Restore an archive written by export_archive into an empty database."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.exchange import RestoreRefused, open_archive, restore_archive
from letters.exchange.format import TABLE_BY_NAME


class Command(BaseCommand):
    help = (
        "Herstelt een archief dat met export_archive is geschreven, in een lege database "
        "(alleen de referentiegegevens uit de migraties mogen er al zijn; het bestand vervangt "
        "ze). Alles of niets: bij een fout wordt niets hersteld. Werkt daarna de zoekindex bij."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="Exportbestand (.jsonl of .jsonl.gz), of - voor standaardinvoer"
        )

    def handle(self, source, **options):
        try:
            if source == "-":
                result = restore_archive(sys.stdin)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"Bestand bestaat niet: {path}")
                with open_archive(path) as lines:
                    result = restore_archive(lines)
        except RestoreRefused as error:
            raise CommandError(str(error)) from None
        parts = ", ".join(
            f"{n} {TABLE_BY_NAME[name].label}" for name, n in result.counts.items() if n
        )
        self.stdout.write(f"Archief hersteld: {parts or 'leeg'}.")
        self.stdout.write(f"Zoekindex bijgewerkt voor {result.indexed} brieven.")
