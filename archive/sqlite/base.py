"""Django's SQLite backend, except that opening a database file whose folder does
not exist yet (``var/`` in a fresh checkout) makes the folder, as SQLite makes the
file. Settings stay free of side effects: nothing is created until a connection is."""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        database = str(conn_params.get("database", ""))
        if database and not database.startswith(":") and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
