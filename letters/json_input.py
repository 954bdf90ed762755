"""JSON from outside the archive (the citation API, restore files, metadata sidecars,
the admin's structure field): parsed with a bound on nesting.

``json.loads`` raises ``RecursionError`` on deeply nested input (1 KB of ``[`` is
enough), which no caller expects. Input nested deeper than ``MAX_DEPTH`` is refused
as well, even when Python could parse it: no value the archive stores or reads is
that deep, and a value stored that deep could fail again when it is read back at a
deeper point of the call stack."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput

MAX_DEPTH = 64


class JsonInputError(ValueError):
    """Not JSON we accept; the message (Dutch) says why."""


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH):
    try:
        value = json.loads(text)
    except RecursionError:
        raise JsonInputError("De JSON is te diep genest.") from None
    except json.JSONDecodeError as error:
        raise JsonInputError(f"Geen geldige JSON ({error.msg}, positie {error.pos}).") from None
    if depth(value) > max_depth:
        raise JsonInputError(f"De JSON is te diep genest (meer dan {max_depth} niveaus).")
    return value


def depth(value) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest



class BoundedJSONField(forms.JSONField):
    """``forms.JSONField`` that refuses what ``loads`` refuses, with its message,
    instead of raising ``RecursionError`` (the admin's structure field)."""

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and not self.disabled:
            try:
                loads(value)
            except JsonInputError as error:
                raise ValidationError(str(error), code="invalid") from None
        return super().to_python(value)

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)
