"""Reference data (ministries, dossiers, missions with aliases, reports) lives as
JSON in ``fixtures/reference/``. A data migration loads it into every new
database; ``manage.py load_reference`` brings an existing one up to date.
Loading is an idempotent upsert keyed on the natural key of each row."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"


def _read(name: str) -> list[dict]:
    return json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _date(value):
    return date.fromisoformat(value) if value else None


def load_reference_data(models) -> dict[str, int]:
    """``models`` maps model names to classes: the real models, or the historical
    ones inside a migration (``apps.get_model``)."""
    counts = {}
    for row in _read("ministries"):
        models["Ministry"].objects.update_or_create(slug=row["slug"], defaults=row)
    counts["ministries"] = len(_read("ministries"))

    for row in _read("dossiers"):
        models["Dossier"].objects.update_or_create(
            number=row["number"], defaults={"title": row["title"]}
        )
    counts["dossiers"] = len(_read("dossiers"))

    missions = _read("missions")
    for row in missions:
        aliases = row.pop("aliases", [])
        row["start_date"] = _date(row.get("start_date"))
        row["end_date"] = _date(row.get("end_date"))
        mission, _ = models["Mission"].objects.update_or_create(slug=row["slug"], defaults=row)
        for alias in aliases:
            models["MissionAlias"].objects.get_or_create(mission=mission, alias=alias)
        # Aliases dropped from the file (too ambiguous, say) go from the database too.
        models["MissionAlias"].objects.filter(mission=mission).exclude(alias__in=aliases).delete()
    counts["missions"] = len(missions)

    for row in _read("reports"):
        models["Report"].objects.update_or_create(slug=row["slug"], defaults=row)
    counts["reports"] = len(_read("reports"))
    return counts


MODEL_NAMES = ("Ministry", "Dossier", "Mission", "MissionAlias", "Report")
