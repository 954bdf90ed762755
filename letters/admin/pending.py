"""Texts kept on the server between a review page and the save that confirms it.

The review page's form carries a signed, expiring reference (``keep``) instead of
the text itself: a long letter makes a small page and a small confirming request
(posting the text back failed above Django's 5 MB form limit). Any admin flow with
a review step can use it; ``metadata`` holds what the flow needs again on saving.

A reference is valid for ``MAX_AGE``, for the editor who made it, until the text is
saved (``forget``). Expired rows go whenever a new text is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils import timezone

from letters.models import PendingText

MAX_AGE = timedelta(hours=24)
_SALT = "letters.admin.pending"


@dataclass(frozen=True)
class Pending:
    reference: str
    text: str
    metadata: dict


def keep(*, text: str, user, metadata: dict | None = None) -> str:
    """Store ``text`` for ``user``; returns the reference for the review form."""
    PendingText.objects.filter(created_at__lt=timezone.now() - MAX_AGE).delete()
    row = PendingText.objects.create(text=text, metadata=metadata or {}, user=user)
    return signing.dumps({"id": row.pk, "user": user.pk}, salt=_SALT)


def read(reference: str, *, user) -> Pending | None:
    """The kept text, or None when the reference is unknown, altered, expired,
    someone else's, or already saved."""
    try:
        value = signing.loads(reference, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(value, dict) or value.get("user") != user.pk:
        return None
    row = PendingText.objects.filter(pk=value.get("id"), user=user).first()
    if row is None:
        return None
    return Pending(reference=reference, text=row.text, metadata=row.metadata)


def forget(reference: str) -> None:
    """Drop a kept text once it is saved (an unreadable reference is ignored)."""
    try:
        value = signing.loads(reference, salt=_SALT)
    except signing.BadSignature:
        return
    if isinstance(value, dict):
        PendingText.objects.filter(pk=value.get("id")).delete()
