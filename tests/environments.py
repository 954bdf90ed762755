"""Environments for tests that start ``manage.py`` in a process of its own."""

import os

# What makes a process run with the tests' settings or in development mode.
_TEST_ONLY = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "ALLOWED_HOSTS"}


def production_env(**variables: str) -> dict[str, str]:
    """This process's environment as production would have it (archive.settings, no
    DEBUG, no secret key or hosts unless given), plus ``variables``."""
    return {**{k: v for k, v in os.environ.items() if k not in _TEST_ONLY}, **variables}
