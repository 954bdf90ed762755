"""What runs once ``migrate`` has brought the letters app to its latest migration.

Migrations are frozen: they call no application code, because today's code is
written for today's tables and an archive may be upgraded from any earlier version.
Steps that need today's code run here instead, after the last migration, when the
tables are today's:

- every letter the search index does not hold is indexed (letters of an archive
  from before the index existed, or from before a migration that rebuilt it);
- the editors and administrators groups get any permission they should have and
  lack (a model added since), so ``letters.permissions`` stays the one list.

Connected to ``post_migrate`` in ``LettersConfig.ready``. Nothing happens while
migrating to an earlier state, or when no migration of the app ran.
"""

from __future__ import annotations

from django.db import connections
from django.db.migrations.executor import MigrationExecutor

APP = "letters"


def _migrated_forward(plan) -> bool:
    return any(migration.app_label == APP and not backwards for migration, backwards in plan or ())


def _at_latest(connection) -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes(APP))


def after_migrate(sender, *, using: str, plan=None, verbosity: int = 1, stdout=None, **kwargs) -> None:
    connection = connections[using]
    if not _migrated_forward(plan) or not _at_latest(connection):
        return
    from django.contrib.auth.models import Group, Permission

    from letters.permissions import grant_group_permissions
    from letters.search import index_missing_letters

    grant_group_permissions(Group, Permission, using=using)
    indexed = index_missing_letters(connection)
    if indexed and verbosity and stdout is not None:
        stdout.write(f"  {indexed} brieven toegevoegd aan de zoekindex.\n")
