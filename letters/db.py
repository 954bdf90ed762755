"""Database helpers shared by migrations and the search backends."""

from django.db import migrations


def is_postgres(connection) -> bool:
    return connection.vendor == "postgresql"


class AddIndexOnPostgres(migrations.AddIndex):
    """AddIndex for PostgreSQL-only index types (GIN): SQLite keeps the model state
    but creates nothing, because it has no such index (it searches through FTS5)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if is_postgres(schema_editor.connection):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if is_postgres(schema_editor.connection):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
