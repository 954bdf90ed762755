"""The kinds of Kamerstuk, as the publisher names them, reduced to the few the
archive tells apart. Letters are what the archive is for; a motion or an
amendment in a followed dossier is kept as a reference.

The publisher states the kind in ``DC.type`` with scheme ``OVERHEIDop.KamerstukTypen``
("Brief regering", "Motie", "Amendement", "Verslag", …). Older metadata lacks it;
then the heading of the stuk ("BRIEF VAN DE MINISTER …", "MOTIE VAN HET LID …")
and the middle part of ``DC.title`` ("…; Motie; …") decide, in that order.
"""

from __future__ import annotations

import re

BRIEF = "brief"
MOTIE = "motie"
AMENDEMENT = "amendement"
VERSLAG = "verslag"
VRAGEN = "lijst-van-vragen"
WETSVOORSTEL = "wetsvoorstel"
MEMORIE = "memorie"
NOTA = "nota"
ADVIES = "advies"
OVERIG = "overig"
KINDS = (BRIEF, MOTIE, AMENDEMENT, VERSLAG, VRAGEN, WETSVOORSTEL, MEMORIE, NOTA, ADVIES, OVERIG)

LABELS = {
    BRIEF: "Brief",
    MOTIE: "Motie",
    AMENDEMENT: "Amendement",
    VERSLAG: "Verslag",
    VRAGEN: "Lijst van vragen en antwoorden",
    WETSVOORSTEL: "Wetsvoorstel",
    MEMORIE: "Memorie van toelichting of antwoord",
    NOTA: "Nota",
    ADVIES: "Advies Raad van State",
    OVERIG: "Overig Kamerstuk",
}

# Checked in order against the lower-cased name; the first match wins.
_PATTERNS = (
    (VRAGEN, re.compile(r"^lijst van (?:vragen|feitelijke vragen)")),
    (MOTIE, re.compile(r"^(?:gewijzigde |nader gewijzigde )?motie\b")),
    (AMENDEMENT, re.compile(r"^(?:(?:gewijzigd|nader|tweede|derde|vierde) )*(?:sub)?amendement\b")),
    (BRIEF, re.compile(r"^brief\b|^(?:kabinets)?reactie\b")),
    (VERSLAG, re.compile(r"^(?:voorlopig |nader voorlopig |eind|nader )?verslag\b")),
    (
        WETSVOORSTEL,
        re.compile(r"^(?:gewijzigd )?(?:voorstel|ontwerp) van (?:wet|rijkswet)|^wetsvoorstel"),
    ),
    (MEMORIE, re.compile(r"^(?:nadere )?memorie van (?:toelichting|antwoord)")),
    (NOTA, re.compile(r"^nota\b")),
    (ADVIES, re.compile(r"^(?:advies|voorlichting)\b.*raad van state")),
)
# What an official kind says about the archive's letter kinds (letters.models.LetterKind).
LETTER_KIND = {VERSLAG: "verslag", VRAGEN: "beantwoording"}


def kind_of(*names: str) -> str:
    """The archive's kind for the first name that says something; ``OVERIG`` when none."""
    for name in names:
        text = " ".join((name or "").lower().split())
        for kind, pattern in _PATTERNS:
            if pattern.search(text):
                return kind
    return OVERIG


def title_part(dc_title: str) -> str:
    """``"Internationale Veiligheidsstrategie; Brief regering; Voortgang …"`` → ``"Brief regering"``."""
    parts = [p.strip() for p in (dc_title or "").split(";")]
    return parts[1] if len(parts) >= 3 else ""
