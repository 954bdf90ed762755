"""The HTTP client for the official repository: its search service (SRU) and its
documents. One ``httpx.Client``, polite by construction:

- a User-Agent that names the archive;
- a pause between requests (``Politeness.pause``), whatever the caller does;
- timeouts on connecting and reading;
- retries with exponential back-off on time-outs, broken connections, 429 and 5xx
  (a ``Retry-After`` the service sends is honoured, up to ``backoff_max``);
- a size limit on every answer, read as a stream;
- a Dutch ``ServiceUnavailable`` when the service stays unreachable.

The base URLs come from the caller (settings ``OFFICIAL_SRU_URL`` and
``OFFICIAL_DOCUMENTS_URL``), so tests point the real client at a loopback server.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from letters.official.errors import OfficialRefused, ServiceError, ServiceUnavailable
from letters.official.sru import (
    DEFAULT_PAGE_SIZE,
    SruPage,
    SruRecord,
    parse_sru_response,
    search_parameters,
    wanted,
)
from letters.official.xmlsafe import MAX_XML_BYTES

DEFAULT_SRU_URL = "https://repository.overheid.nl/sru"
DEFAULT_DOCUMENTS_URL = "https://repository.overheid.nl/frbr/officielepublicaties"
DEFAULT_USER_AGENT = (
    "Kamerbrievenarchief/0.1 (openbaar archief van Kamerbrieven over internationale veiligheid)"
)
RETRY_STATUSES = {429, 500, 502, 503, 504}


class DocumentMissing(ServiceError):
    """The repository has no document at that address (HTTP 404)."""


@dataclass(frozen=True)
class Politeness:
    pause: float = 1.0  # seconds between two requests
    timeout: float = 30.0  # seconds to connect, and between two bytes of an answer
    retries: int = 4  # attempts after the first
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    backoff_max: float = 60.0
    max_bytes: int = MAX_XML_BYTES


class OfficialClient:
    def __init__(
        self,
        *,
        sru_url: str = DEFAULT_SRU_URL,
        documents_url: str = DEFAULT_DOCUMENTS_URL,
        user_agent: str = DEFAULT_USER_AGENT,
        politeness: Politeness = Politeness(),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sru_url = sru_url
        self.documents_url = documents_url.rstrip("/")
        self.politeness = politeness
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self.requests = 0  # made so far, retries included
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "application/xml, text/xml;q=0.9"},
            timeout=httpx.Timeout(politeness.timeout, connect=min(10.0, politeness.timeout)),
            follow_redirects=True,
        )

    def __enter__(self) -> OfficialClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- the search service -----------------------------------------------------------
    def pages(self, query: str, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[SruPage]:
        """Every page of results, following ``nextRecordPosition`` (which the service
        leaves out on the last page)."""
        start = 1
        while True:
            data = self.get(
                self.sru_url, params=search_parameters(query, start=start, page_size=page_size)
            )
            page = parse_sru_response(data)
            yield page
            following = page.next_position
            if not page.records or following is None or following <= start:
                return
            start = following

    def records(
        self, query: str, *, page_size: int = DEFAULT_PAGE_SIZE, kind: str | None = None
    ) -> Iterator[SruRecord]:
        for page in self.pages(query, page_size=page_size):
            yield from (record for record in page.records if wanted(record, kind))

    def document(self, relative_path: str) -> bytes:
        """A file of the repository, by its path under ``documents_url``."""
        return self.get(f"{self.documents_url}/{relative_path.lstrip('/')}")

    # -- one request, politely ---------------------------------------------------------
    def get(self, url: str, *, params: dict[str, str] | None = None) -> bytes:
        attempt = 0
        while True:
            retry_after = None
            try:
                status, headers, body = self._once(url, params)
            except httpx.TimeoutException:
                problem = "geen antwoord binnen de tijdslimiet"
            except httpx.TransportError as error:
                problem = f"de verbinding mislukte ({type(error).__name__})"
            else:
                if status < 400:
                    return body
                if status == 404:
                    raise DocumentMissing(
                        f"De officiële bron heeft niets op {_short(url)} (HTTP 404)."
                    )
                if status not in RETRY_STATUSES:
                    raise ServiceError(f"De officiële bron weigerde {_short(url)} (HTTP {status}).")
                problem = f"de bron antwoordde met HTTP {status}"
                retry_after = _seconds(headers.get("retry-after"))
            if attempt >= self.politeness.retries:
                raise ServiceUnavailable(
                    f"De officiële bron ({urlsplit(url).netloc}) is niet bereikbaar: {problem}, "
                    f"ook na {attempt + 1} pogingen. Probeer het later opnieuw."
                )
            wait = self.politeness.backoff * 2**attempt if retry_after is None else retry_after
            self._sleep(min(self.politeness.backoff_max, wait))
            attempt += 1

    def _once(self, url: str, params: dict[str, str] | None) -> tuple[int, httpx.Headers, bytes]:
        self._wait_turn()
        self.requests += 1
        with self._http.stream("GET", url, params=params) as response:
            if response.status_code >= 400:
                return response.status_code, response.headers, b""
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.politeness.max_bytes:
                    raise OfficialRefused(
                        f"Het antwoord op {_short(url)} is groter dan "
                        f"{self.politeness.max_bytes // 1024 // 1024} MB en is niet gelezen.",
                        code="too-large",
                    )
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _wait_turn(self) -> None:
        now = self._clock()
        if self._last_request is not None:
            remaining = self.politeness.pause - (now - self._last_request)
            if remaining > 0:
                self._sleep(remaining)
                now = self._clock()
        self._last_request = now


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: fall back to our own back-off


def _short(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
