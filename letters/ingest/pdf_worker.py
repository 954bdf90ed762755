"""Reads the text layer of a PDF in a process of its own (see ``letters.ingest.pdf``).

Run as a script: ``python -I pdf_worker.py MAX_PAGES MAX_CONTENT_BYTES MEMORY_BYTES
CPU_SECONDS`` with the PDF on stdin. Writes one JSON object to stdout:
``{"pages": [text, …]}`` or ``{"refused": reason, …}``. Standard library and pypdf
only, so it starts quickly and holds nothing of the application."""

from __future__ import annotations

import io
import json
import logging
import sys


def _limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: the parent's wall-time budget still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def _content_bytes(page) -> int:
    """The decoded size of what a page draws: its content streams, counted for every
    page that draws them (pages may share one stream; each drawing costs again)."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    return sum(len(stream.get_object().get_data()) for stream in streams)


def read(data: bytes, max_pages: int, max_content_bytes: int) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return {"refused": "encrypted"}
    page_count = len(reader.pages)
    if page_count > max_pages:
        return {"refused": "pages", "pages": page_count}
    # Check all pages before reading any: drawing text costs about a second per
    # megabyte of operators, and a few kilobytes of PDF can inflate to tens of them.
    content = 0
    for page in reader.pages:
        content += _content_bytes(page)
        if content > max_content_bytes:
            return {"refused": "content", "bytes": content}
    return {"pages": [page.extract_text() or "" for page in reader.pages]}


def main(argv: list[str]) -> int:
    max_pages, max_content_bytes, memory_bytes, cpu_seconds = (int(value) for value in argv[1:5])
    logging.disable(logging.CRITICAL)  # pypdf warns about every oddity of a file
    _limit_resources(memory_bytes, cpu_seconds)
    data = sys.stdin.buffer.read()
    try:
        result = read(data, max_pages, max_content_bytes)
    except MemoryError:
        result = {"refused": "memory"}
    except Exception as error:  # noqa: BLE001 — pypdf raises many kinds on a malformed file
        result = {"refused": "damaged", "detail": repr(error)[:500]}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
