"""Requests per client address per minute, counted in Django's cache.

A fixed one-minute window: simple, one cache round trip per request, and with a
shared cache (Redis in production) the limit holds across all app servers. The
local-memory cache used in development and tests counts per process.

Settings:

- ``API_RATE_LIMIT``: requests per minute per address (default 120; 0 or None: off).
- ``API_TRUSTED_PROXIES``: how many reverse proxies in front of the site append to
  ``X-Forwarded-For`` (default 0: the client is ``REMOTE_ADDR``). With one proxy
  (nginx), the client is the last address in that header; anything before it was
  written by the client and cannot be trusted.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_RATE_LIMIT = 120
WINDOW_SECONDS = 60


def _now() -> float:
    return time.time()


def rate_limit() -> int:
    value = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    return int(value or 0)


def client_address(request) -> str:
    proxies = int(getattr(settings, "API_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def seconds_to_wait(request) -> int | None:
    """None when the request may go ahead; otherwise how long the client must wait."""
    limit = rate_limit()
    if limit <= 0:
        return None
    now = _now()
    window = int(now // WINDOW_SECONDS)
    key = f"api-rate:{client_address(request)}:{window}"
    # add() only sets a missing key, so the first request of a window starts at 0.
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr(): a new window began
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
