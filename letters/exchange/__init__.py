"""Lossless export and restore of the whole archive (``manage.py export_archive`` /
``import_archive``) in a documented, versioned JSON Lines format: see ``format``
and ``docs/export-format.md``."""

from letters.exchange.export import write_archive
from letters.exchange.format import FORMAT_NAME, FORMAT_VERSION
from letters.exchange.restore import RestoreRefused, RestoreResult, open_archive, restore_archive

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "RestoreRefused",
    "RestoreResult",
    "open_archive",
    "restore_archive",
    "write_archive",
]
