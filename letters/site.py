"""The site's own address, for every absolute link: canonical links, feeds, the
sitemap, robots.txt, the API and the downloads.

With ``settings.SITE_URL`` (production) links never depend on the Host a request
names: a request for ``localhost:9999`` (which passes ALLOWED_HOSTS, as ports are
not checked) gets the same links as everyone else, and so does everyone served
from the page cache after it. Without it (development, tests) links follow the
request, and the page cache keys pages on ``origin`` so that one host's links never
reach another."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def origin(request) -> str:
    """``https://host[:port]`` of the site as this request should see it."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def absolute(request, path: str) -> str:
    """The absolute URL of a path on this site (an absolute URL is returned as it is)."""
    if urlsplit(path).scheme:
        return path
    return origin(request) + path


class SiteRequest:
    """A request that names the site's own scheme and host: for Django code that
    builds absolute links from ``request.get_host()`` (the syndication feeds)."""

    def __init__(self, request):
        self._request = request
        parts = urlsplit(origin(request))
        self.scheme, self._host = parts.scheme, parts.netloc

    def get_host(self) -> str:
        return self._host

    def is_secure(self) -> bool:
        return self.scheme == "https"

    def build_absolute_uri(self, location: str | None = None) -> str:
        return absolute(self._request, location if location is not None else self._request.get_full_path())

    def __getattr__(self, name):
        return getattr(self._request, name)
