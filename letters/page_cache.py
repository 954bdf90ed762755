"""Conditional GET and a page cache for the public pages.

Every public page is a function of the archive's content, so one number — the
archive's generation, bumped after every committed change — versions them all. A
page's ETag is derived from (generation, URL); a browser or proxy that already has
it gets a 304, and a page rendered once for a generation is served from Django's
cache (Redis when REDIS_URL is set) until the archive changes.

Writes call ``archive_changed()`` (services, the admin through signals, bulk
loaders at their end). The generation lives in the database (one row), so every
app process sees a change at once, whatever cache backend is used.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response, patch_cache_control

from letters import site
from letters.models import ArchiveState, PendingText

CACHE_SECONDS = 24 * 3600
# Paths that are not a pure function of the archive (admin, API with rate limits,
# health checks) or that handle forms.
UNCACHED_PREFIXES = (settings.ADMIN_URL_PREFIX, "/api/", "/healthz", "/verwijzingen/", "/static/")


def current_generation() -> int:
    state = ArchiveState.objects.filter(pk=1).values_list("generation", flat=True).first()
    return state or 0


def _bump() -> None:
    updated = ArchiveState.objects.filter(pk=1).update(generation=F("generation") + 1)
    if not updated:
        ArchiveState.objects.get_or_create(pk=1, defaults={"generation": 1})


def archive_changed() -> None:
    """Call after changing the archive; takes effect when the transaction commits,
    so no reader can cache the old content under the new generation."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _bump for entry in connection.run_on_commit):
        return  # one bump per transaction is enough
    transaction.on_commit(_bump)


# Rows that are not what the public pages show.
_NOT_CONTENT = (ArchiveState, PendingText)


def _on_model_change(sender, **kwargs) -> None:
    # Migrations' historical models live in module "__fake__": not a change to report.
    if sender.__module__.startswith("letters.models") and sender not in _NOT_CONTENT:
        archive_changed()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"archive-changed-{signal!r}")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        # The origin too: without SITE_URL a page's absolute links follow the request's
        # scheme and host, so pages for different hosts are different pages.
        etag = '"{}"'.format(hashlib.sha256(
            f"{current_generation()}|{site.origin(request)}|{request.get_full_path()}".encode()
        ).hexdigest()[:32])
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        key = f"page:{etag}:{request.method}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=60)
            cache.set(key, response, CACHE_SECONDS)
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and "sessionid" not in request.COOKIES
        )

    @staticmethod
    def _cacheable_response(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
        )
