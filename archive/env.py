"""Small helpers to read settings from the environment."""

import os

_TRUE = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    """The variable's value; an unset or empty variable gives the default."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in _TRUE


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
