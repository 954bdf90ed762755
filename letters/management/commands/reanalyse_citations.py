"""``manage.py reanalyse_citations [--dry-run]``: read the citations of every stored
letter again with today's rules (run once after an upgrade that improves them; see
docs/ingest.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from letters.models import Letter
from letters.services import reanalyse_citations


class Command(BaseCommand):
    help = (
        "Leest de verwijzingen van alle brieven opnieuw uit hun opgeslagen tekst, met de "
        "huidige regels, en toont per brief wat er verandert."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tonen wat er zou veranderen."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        changed = 0
        for letter in Letter.objects.select_related("dossier").order_by("pk").iterator(chunk_size=200):
            changes = reanalyse_citations(letter=letter, dry_run=dry_run)
            if changes.removed or changes.added:
                changed += 1
                self.stdout.write(
                    f"{letter}: weg {', '.join(changes.removed) or '—'}; "
                    f"nieuw {', '.join(changes.added) or '—'}"
                )
        verb = "zouden veranderen" if dry_run else "veranderd"
        self.stdout.write(f"{changed} brieven {verb}.")
