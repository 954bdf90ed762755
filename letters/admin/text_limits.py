"""The limits of "Nieuwe brief uit tekst" as the pages state them: the same settings
the form, the browser check (static/js/new-letter.js) and the server enforce."""

from __future__ import annotations

from django.conf import settings


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 400.000, as Dutch writes it


def limits() -> dict:
    """For templates: the upload limit in bytes and MB, the text limit in characters."""
    return {
        "max_upload_bytes": settings.LETTER_UPLOAD_MAX_BYTES,
        "max_upload_mb": settings.LETTER_UPLOAD_MAX_BYTES // (1024 * 1024),
        "max_text_length": settings.LETTER_TEXT_MAX_CHARS,
        "max_text_chars": _thousands(settings.LETTER_TEXT_MAX_CHARS),
    }


def text_too_long(text: str) -> str:
    """A message when the archive cannot take this text, else ""."""
    if len(text) <= settings.LETTER_TEXT_MAX_CHARS:
        return ""
    return (
        f"De tekst is te lang ({_thousands(len(text))} tekens); het archief neemt brieven van "
        f"hoogstens {limits()['max_text_chars']} tekens (ongeveer 150 pagina's)."
    )


def too_large_message() -> str:
    return (
        "De tekst of het bestand is te groot: een bestand mag hoogstens {max_upload_mb} MB "
        "zijn, de tekst van een brief hoogstens {max_text_chars} tekens."
    ).format(**limits())
