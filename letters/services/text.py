"""Text that enters the archive: no control characters, one kind of line end.

A C0 control character (U+0000–U+001F but tab and line feed) cannot be written to
XML 1.0 (the Atom feeds), PostgreSQL refuses U+0000, and none of them means
anything in a letter. Every path that stores text calls ``clean_instance`` (the
write path, the admin, the restore). Line ends become ``\\n`` (a browser posts a
textarea with ``\\r\\n``); every other control character becomes a space, so the
offsets of citations, paragraphs and amounts into a body stay where they were.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from django.db import models, router
from django.utils.text import slugify

# Everything below U+0020 but tab (U+0009) and line feed (U+000A); \r (U+000D) included.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_CONTROL_CHARACTERS = tuple(chr(code) for code in range(0x20) if code not in (0x09, 0x0A))


def has_control_characters(value: str) -> bool:
    # A regular expression reads a 30 kB letter character by character; this asks
    # the (fast) printable test first and then looks for each character in C.
    return not value.isprintable() and any(char in value for char in _CONTROL_CHARACTERS)


def clean_text(value: str) -> str:
    """``value`` with ``\\r\\n`` and ``\\r`` as ``\\n`` and other control characters as spaces."""
    if not has_control_characters(value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", value)


@cache
def _text_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    )


def clean_instance(instance: models.Model) -> models.Model:
    """Clean every text field of a model instance in place (before it is saved)."""
    for name in _text_fields(type(instance)):
        value = getattr(instance, name)
        if isinstance(value, str) and has_control_characters(value):
            setattr(instance, name, clean_text(value))
    return instance


def text_hash(text: str) -> str:
    """What recognises a text imported before (``Letter.text_hash``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unique_slug(model: type[models.Model], title: str, *, fallback: str, taken: set[str] = frozenset()) -> str:
    """A slug made from ``title`` that no ``model`` row (and nothing in ``taken``) has."""
    rows = model._default_manager.db_manager(router.db_for_write(model))
    base = slugify(title)[:100] or fallback
    slug, n = base, 2
    while slug in taken or rows.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
