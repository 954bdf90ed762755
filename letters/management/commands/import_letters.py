"""Import letter texts (files or directories) through the same path as the admin."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.services import ImportRefused, import_letter_file, mission_names

SUFFIXES = {".txt", ".pdf", ".docx"}


class Command(BaseCommand):
    help = (
        "Leest Kamerbrieven in uit .txt-, .pdf- of .docx-bestanden of mappen. Idempotent: dezelfde "
        "tekst nogmaals inlezen verandert niets; een gewijzigde tekst werkt de brief bij."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Bestanden of mappen")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook ongewijzigde teksten opnieuw analyseren (na een verbetering van het inlezen).",
        )

    def handle(self, *args, paths, **options):
        files = list(self._files(paths))
        if not files:
            raise CommandError("Geen .txt-, .pdf- of .docx-bestanden gevonden in: " + ", ".join(paths))
        failures = 0
        missions = mission_names()
        for path in files:
            try:
                result = import_letter_file(path, missions=missions, force=options["force"])
            except ImportRefused as error:
                failures += 1
                self.stderr.write(f"FOUT {error}")
                continue
            counts = ", ".join(f"{n} {label}" for label, n in result.counts.items())
            self.stdout.write(
                f"{result.status:<11} {path.name}: {result.letter}" + (f" ({counts})" if counts else "")
            )
        if failures:
            raise CommandError(f"{failures} van {len(files)} bestanden niet ingelezen (zie hierboven).")

    def _files(self, paths):
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                yield from sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            elif path.exists():
                yield path
            else:
                raise CommandError(f"Bestand of map bestaat niet: {path}")
