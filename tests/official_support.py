"""A small HTTP server on loopback that plays the official repository for the real
``httpx`` client: the SRU service at ``/sru`` and the documents under
``/frbr/officielepublicaties/``, answering from ``tests/fixtures/official``.

Each path has a queue of answers (the last one repeats), so a test can say "first
a 503, then the page" or "first too slow, then fine". Every request is logged.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "official"
PUBLICATIONS = FIXTURES / "publications"
REFUSED = FIXTURES / "refused"
SRU = FIXTURES / "sru"
DOCUMENTS_PREFIX = "/frbr/officielepublicaties"


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    cut_at: int | None = None  # send only this many bytes of the body, then close


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, list] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                with server._lock:
                    server.requests.append(Request(parts.path, query, dict(self.headers)))
                answer = server._answer(parts.path, query)
                time.sleep(answer.delay)
                body = answer.body if answer.cut_at is None else answer.body[: answer.cut_at]
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test)
                if answer.cut_at is not None:
                    self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def sru_url(self) -> str:
        return f"{self.url}/sru"

    @property
    def documents_url(self) -> str:
        return f"{self.url}{DOCUMENTS_PREFIX}"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- configuring ---------------------------------------------------------------------
    def answer(self, path: str, *answers) -> None:
        """Answers for ``path`` in order; the last one repeats. An answer is an
        ``Answer``, bytes (200) or a function of the query giving either."""
        self.routes[path] = list(answers)

    def serve_sru_pages(self, pages: dict[int, str]) -> None:
        """``{startRecord: fixture name}`` for the SRU path."""

        def by_start(query: dict[str, str]) -> Answer:
            name = pages.get(int(query.get("startRecord", "1")))
            if name is None:
                return Answer(404, b"")
            return Answer(200, (SRU / name).read_bytes())

        self.answer("/sru", by_start)

    def serve_publication(
        self,
        identifier: str,
        folder: str,
        *,
        xml: bytes | None = None,
        metadata: bytes | None = None,
    ) -> None:
        base = f"{DOCUMENTS_PREFIX}/kst/{folder}/{identifier}/1"
        self.answer(
            f"{base}/xml/{identifier}.xml",
            xml if xml is not None else (PUBLICATIONS / f"{identifier}.xml").read_bytes(),
        )
        self.answer(
            f"{base}/metadata/metadata.xml",
            metadata
            if metadata is not None
            else (PUBLICATIONS / f"{identifier}.metadata.xml").read_bytes(),
        )

    def paths(self, prefix: str = "") -> list[str]:
        return [r.path for r in self.requests if r.path.startswith(prefix)]

    # -- answering -------------------------------------------------------------------------
    def _answer(self, path: str, query: dict[str, str]) -> Answer:
        with self._lock:
            queue = self.routes.get(path)
            if not queue:
                return Answer(404, b"")
            answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if callable(answer):
            answer = answer(query)
        return answer if isinstance(answer, Answer) else Answer(200, answer)


def closed_port_url() -> str:
    """An address on loopback where nothing listens (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
