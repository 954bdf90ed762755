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


def ensure_editor_group(group_model, permission_model) -> None:
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in EDITOR_ACTIONS]
    permissions = permission_model.objects.filter(
        content_type__app_label="letters", codename__in=codenames
    )
    group.permissions.set(permissions)


def ensure_administrators_group(group_model, permission_model) -> None:
    """Administrators: everything editors may, plus managing user accounts and groups
    and lifting login lock-outs."""
    group, _ = group_model.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    permissions = permission_model.objects.filter(
        content_type__app_label__in=["letters", "auth", "axes"]
    )
    group.permissions.set(permissions)
