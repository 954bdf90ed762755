"""Small pieces of HTML shared by the lists that are written in Python (``cited_by``,
``mission_page``): a list of a hundred items costs milliseconds in a template loop
and a fraction of that here. Every value from the database is escaped."""

from __future__ import annotations

from datetime import date
from html import escape

from django.utils.formats import date_format


def date_html(value: date) -> str:
    """``<time datetime="2019-06-03">3 juni 2019</time>``, the month in Dutch."""
    return f'<time datetime="{value.isoformat()}">{date_format(value, "j F Y")}</time>'


def kamerstuk_label(letter) -> str:
    """"Kamerstuk 33 694, nr. 12", or that the letter has no number yet."""
    key = letter.kamerstuk_key
    return escape(key.display) if key else "Nog zonder Kamerstuknummer"


def mention_html(decisions, first) -> str:
    """What a letter says about a mission: each decision (``LetterMission`` rows) with
    its sentence, or when it decides nothing the sentence of the ``first`` mention."""
    if not decisions:
        return f"<p>{escape(first.text)}</p>" if first is not None and first.text else ""
    return "\n".join(
        f'<p><strong class="decision decision-{escape(mention.decision)}">'
        f"{escape(mention.get_decision_display())}</strong>"
        f"{': ' + escape(mention.text) if mention.text else ''}</p>"
        for mention in decisions
    )
