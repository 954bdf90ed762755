from django.contrib.auth.management import create_permissions
from django.db import migrations

from letters.permissions import ensure_editor_group
from letters.reference import MODEL_NAMES, load_reference_data


def load_reference(apps, schema_editor):
    load_reference_data({name: apps.get_model("letters", name) for name in MODEL_NAMES})


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editor_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


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
