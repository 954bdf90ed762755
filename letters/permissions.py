"""The editor group: who may do what in the admin."""

EDITORS_GROUP = "Redacteuren"
ADMINISTRATORS_GROUP = "Beheerders"

# Editors add, change and delete letters and everything linked to them; they
# manage reference data too, but never users or groups.
EDITOR_MODELS = (
    "letter",
    "signatory",
    "citation",
    "dossier",
    "ministry",
    "person",
    "mission",
    "missionalias",
    "lettermission",
    "report",
    "recommendation",
    "budgetline",
)
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def editor_permissions(permission_model):
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in EDITOR_ACTIONS]
    return permission_model.objects.filter(content_type__app_label="letters", codename__in=codenames)


def administrator_permissions(permission_model):
    """Administrators: everything editors may, plus managing user accounts and groups
    and lifting login lock-outs."""
    return permission_model.objects.filter(content_type__app_label__in=["letters", "auth", "axes"])


GROUPS = {EDITORS_GROUP: editor_permissions, ADMINISTRATORS_GROUP: administrator_permissions}


def ensure_editor_group(group_model, permission_model) -> None:
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions(permission_model))


def ensure_administrators_group(group_model, permission_model) -> None:
    group, _ = group_model.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    group.permissions.set(administrator_permissions(permission_model))


def grant_group_permissions(group_model, permission_model, *, using: str) -> None:
    """Give both groups any permission above they lack (a model added since); what an
    administrator changed by hand stays, as nothing is taken away."""
    for name, permissions in GROUPS.items():
        group, _ = group_model.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions(permission_model).using(using))
