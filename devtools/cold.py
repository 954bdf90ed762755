"""Measuring the text pipeline cold: forget what it remembers between texts."""

from __future__ import annotations

import importlib
import pkgutil

import letters.ingest


def forget_ingest_caches() -> None:
    """Clear every memoised function (``functools.lru_cache``/``cache``) of the
    ingest modules, so the next ``extract`` of a text computes everything again."""
    for module_info in pkgutil.iter_modules(letters.ingest.__path__):
        module = importlib.import_module(f"letters.ingest.{module_info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
