"""Reference data (ministries, dossiers, missions with aliases, reports) and the
editors group.

Frozen: this migration calls no application code, so it runs the same for an
archive upgraded from any version. The reference files are today's
(``fixtures/reference/``); only the fields the models had at this migration are
set, so a field added to a model later never breaks it (``manage.py
load_reference`` fills everything in on a migrated database)."""

import json
from datetime import date
from pathlib import Path

from django.contrib.auth.management import create_permissions
from django.db import migrations

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
EDITORS_GROUP = "Redacteuren"
EDITOR_MODELS = (
    "letter", "signatory", "citation", "dossier", "ministry", "person", "mission",
    "missionalias", "lettermission", "report", "recommendation", "budgetline",
)
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def _read(name):
    return json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _known(model, row):
    """The values of ``row`` that are fields of ``model`` as it is here."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in row.items() if key in names}


def _date(value):
    return date.fromisoformat(value) if value else None


def load_reference(apps, schema_editor):
    db = schema_editor.connection.alias
    Ministry, Dossier, Report = (apps.get_model("letters", n) for n in ("Ministry", "Dossier", "Report"))
    Mission, MissionAlias = apps.get_model("letters", "Mission"), apps.get_model("letters", "MissionAlias")
    for row in _read("ministries"):
        Ministry.objects.using(db).update_or_create(slug=row["slug"], defaults=_known(Ministry, row))
    for row in _read("dossiers"):
        Dossier.objects.using(db).update_or_create(number=row["number"], defaults={"title": row.get("title", "")})
    for row in _read("missions"):
        aliases = row.pop("aliases", [])
        row["start_date"] = _date(row.get("start_date"))
        row["end_date"] = _date(row.get("end_date"))
        mission, _ = Mission.objects.using(db).update_or_create(slug=row["slug"], defaults=_known(Mission, row))
        for alias in aliases:
            MissionAlias.objects.using(db).get_or_create(mission=mission, alias=alias)
    for row in _read("reports"):
        Report.objects.using(db).update_or_create(slug=row["slug"], defaults=_known(Report, row))


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    db = schema_editor.connection.alias
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in EDITOR_ACTIONS]
    group.permissions.set(
        Permission.objects.using(db).filter(content_type__app_label="letters", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_reference, migrations.RunPython.noop),
        migrations.RunPython(create_editor_group, migrations.RunPython.noop),
    ]
