"""The administrators group, and the editors group again (with the permissions of
the models as they are here).

Frozen: no application code is called (see 0002)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redacteuren"
ADMINISTRATORS_GROUP = "Beheerders"
EDITOR_MODELS = (
    "letter", "signatory", "citation", "dossier", "ministry", "person", "mission",
    "missionalias", "lettermission", "report", "recommendation", "budgetline",
)
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def create_groups(apps, schema_editor):
    db = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    editors, _ = Group.objects.using(db).get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in EDITOR_ACTIONS]
    editors.permissions.set(
        Permission.objects.using(db).filter(content_type__app_label="letters", codename__in=codenames)
    )
    administrators, _ = Group.objects.using(db).get_or_create(name=ADMINISTRATORS_GROUP)
    administrators.permissions.set(
        Permission.objects.using(db).filter(content_type__app_label__in=["letters", "auth", "axes"])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0005_archive_state"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
