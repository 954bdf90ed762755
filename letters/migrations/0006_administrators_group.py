from django.contrib.auth.management import create_permissions
from django.db import migrations

from letters.permissions import ensure_administrators_group, ensure_editor_group


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    ensure_editor_group(group, permission)
    ensure_administrators_group(group, permission)


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0005_archive_state"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
