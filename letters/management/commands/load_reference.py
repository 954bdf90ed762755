"""Bring the reference data (ministries, dossiers, missions with aliases, reports) in
line with fixtures/reference/*.json. A new database gets it from a migration; this
updates one that was made before the files changed. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from letters import models
from letters.reference import MODEL_NAMES, load_reference_data


class Command(BaseCommand):
    help = "Werkt de referentiegegevens (missies met aliassen, ministeries, dossiers, rapporten) bij."

    @transaction.atomic
    def handle(self, *args, **options):
        counts = load_reference_data({name: getattr(models, name) for name in MODEL_NAMES})
        self.stdout.write(
            "Referentiegegevens bijgewerkt: " + ", ".join(f"{n} {label}" for label, n in counts.items())
        )
