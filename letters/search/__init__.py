"""Full-text search over letters: one interface, two backends (PostgreSQL native
full-text search, SQLite FTS5). Placeholder: being written."""


def update_index(letter_ids) -> None:
    """(Re)index the given letters. Called by letters.services after every save."""
