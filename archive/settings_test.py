"""Settings for the test suite (``DJANGO_SETTINGS_MODULE`` in pyproject.toml): those
of the benchmarks (``settings_bench``: the developer tools, plain static files, so
no ``collectstatic`` before a test run) in development mode, without the page cache
(a test's transaction never commits, so the archive generation would not move;
tests/test_page_cache.py switches it on where it is tested)."""

import os

# Development mode unless a test says otherwise: read by archive.settings.
os.environ.setdefault("DEBUG", "1")

from archive.settings_bench import *  # noqa: E402, F403

PAGE_CACHE_ENABLED = False
