"""The text layer of a PDF, read with bounded work.

A small PDF can make a reader work for minutes: 9 KB whose 16 pages share one
compressed stream of 2.25 MB of text operators took pypdf a minute, holding a web
worker until gunicorn killed it. So the reading runs in a process of its own
(``pdf_worker.py``), with three bounds, each refused with a message in Dutch:

- pages: at most ``MAX_PAGES`` (a long letter has a hundred or two);
- decompressed content: at most ``MAX_CONTENT_BYTES`` of drawing operators over all
  pages, checked before any text is read (text-only pages hold tens of kilobytes);
- wall time: ``TIME_BUDGET_SECONDS``, after which the process is killed (content
  drawn through repeated forms is not seen by the check above), well within the web
  worker's timeout; memory is capped too.

A real letter of 100 pages reads in about a second."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MAX_PAGES = 500
MAX_CONTENT_BYTES = 8 * 1024 * 1024
TIME_BUDGET_SECONDS = 10
MEMORY_BYTES = 1024 * 1024 * 1024
WORKER = Path(__file__).with_name("pdf_worker.py")


class PdfRefused(ValueError):
    """The PDF cannot be read within the bounds; the message (Dutch) says why."""


_PASTE = "Plak de tekst van de brief in het tekstvak."


def _message(result: dict) -> str:
    reason = result.get("refused")
    if reason == "encrypted":
        return "Het PDF-bestand is beveiligd met een wachtwoord."
    if reason == "pages":
        return (
            f"Het PDF-bestand heeft {result.get('pages')} pagina's; er worden er hoogstens "
            f"{MAX_PAGES} gelezen. {_PASTE}"
        )
    if reason == "content":
        return (
            "Het PDF-bestand bevat meer tekstopdrachten dan er gelezen worden (meer dan "
            f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB uitgepakt). {_PASTE}"
        )
    if reason == "memory":
        return f"Het PDF-bestand vraagt te veel geheugen om te lezen. {_PASTE}"
    return "Het PDF-bestand is beschadigd of kan niet worden gelezen."


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page; raises ``PdfRefused``."""
    command = [
        sys.executable,
        "-I",  # no user site, no environment variables, no script directory on the path
        str(WORKER),
        str(MAX_PAGES),
        str(MAX_CONTENT_BYTES),
        str(MEMORY_BYTES),
        str(TIME_BUDGET_SECONDS + 1),  # CPU seconds: a backstop should this process die
    ]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=TIME_BUDGET_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise PdfRefused(
            f"Het lezen van het PDF-bestand duurde langer dan {TIME_BUDGET_SECONDS} seconden "
            f"en is afgebroken. {_PASTE}"
        ) from None
    try:
        result = json.loads(done.stdout)
    except ValueError:
        # Killed for its CPU time or memory, or crashed: nothing (whole) written.
        result = {"refused": "memory" if done.returncode else "damaged"}
    if "pages" in result and isinstance(result["pages"], list):
        return [str(page) for page in result["pages"]]
    raise PdfRefused(_message(result))
