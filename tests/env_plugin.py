"""Loaded by pytest before Django's settings (``-p tests.env_plugin`` in pyproject.toml),
so a plain ``pytest`` runs in development mode with test-friendly static files."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("TESTING", "1")
