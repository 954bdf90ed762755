"""The exceptions of the official-publications package. Every message is Dutch
and meant for the user as it is."""

from __future__ import annotations


class OfficialRefused(ValueError):
    """A file (or downloaded document) that cannot be imported; nothing was written.

    ``code`` tells the kinds apart for callers and tests: ``not-kamerstuk``,
    ``metadata-mismatch``, ``malformed``, ``truncated``, ``unsafe``, ``too-large``,
    ``unsupported``, ``empty``."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class ServiceUnavailable(RuntimeError):
    """The official repository could not be reached (after the retries)."""


class ServiceError(RuntimeError):
    """The official repository answered, but not with something usable."""
