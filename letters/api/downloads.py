"""CSV and JSON downloads of the four list pages, for exactly the filters in the
page's query string: /brieven/export.csv?q=…&missie=… holds the letters /brieven/?q=…&missie=…
lists (all pages of them, in the same order)."""

from __future__ import annotations

from django.http import Http404, StreamingHttpResponse

from letters import exports
from letters.api import filters, selectors
from letters.api.http import endpoint
from letters.api.serializers import Serializer
from letters.exports import Column
from letters.models import Instrument, LetterKind, Nature, Organisation
from letters.selectors.budget import filtered_lines
from letters.selectors.missions import mission_list
from letters.selectors.recommendations import RESPONSE_LABELS

CHUNK = 500

_KINDS = dict(LetterKind.choices)
_ORGANISATIONS = dict(Organisation.choices)
_NATURES = dict(Nature.choices)
_INSTRUMENTS = dict(Instrument.choices)


def _names(refs: list[dict]) -> list[str]:
    return [ref.get("short_name") or ref["name"] for ref in refs]


def _letter_label(ref: dict | None) -> str:
    if not ref:
        return ""
    return ref["display"] or ref["title"]


LETTER_COLUMNS = [
    Column("Kamerstuk", lambda d: d["display"]),
    Column("Dossier", lambda d: d["dossier"]),
    Column("Ondernummer", lambda d: d["number"]),
    Column("Titel", lambda d: d["title"]),
    Column("Datum", lambda d: d["date"]),
    Column("Jaar", lambda d: d["year"]),
    Column("Vergaderjaar", lambda d: d["vergaderjaar"]),
    Column("Soort", lambda d: _KINDS.get(d["kind"], d["kind"])),
    Column("Overige dossiers", lambda d: d["other_dossiers"]),
    Column("Ministeries", lambda d: [m["name"] for m in d["ministries"]]),
    Column("Missies", lambda d: _names(d["missions"])),
    Column("Adres", lambda d: d["url"]),
    Column("Officiële bron", lambda d: d["official_url"]),
]

MISSION_COLUMNS = [
    Column("Naam", lambda d: d["name"]),
    Column("Korte naam", lambda d: d["short_name"]),
    Column("Organisatie", lambda d: _ORGANISATIONS.get(d["organisation"], d["organisation"])),
    Column("Regio", lambda d: d["region"]),
    Column("Land", lambda d: d["country"]),
    Column("Begindatum", lambda d: d["start_date"]),
    Column("Einddatum", lambda d: d["end_date"]),
    Column("Lopend", lambda d: d["active"]),
    Column("Aantal brieven", lambda d: d["letter_count"]),
    Column("Adres", lambda d: d["url"]),
]

RECOMMENDATION_COLUMNS = [
    Column("Rapport", lambda d: d["report"]["title"]),
    Column("Uitgebracht door", lambda d: d["report"]["author"]),
    Column("Jaar van het rapport", lambda d: d["report"]["year"]),
    Column("Nummer", lambda d: d["number"]),
    Column("Aanbeveling", lambda d: d["text"]),
    Column("Reactie kabinet", lambda d: RESPONSE_LABELS.get(d["response"] or "geen")),
    Column("Tekst van de reactie", lambda d: d["response_text"]),
    Column("Reagerende brief", lambda d: _letter_label(d["letter"])),
    Column("Adres van de brief", lambda d: d["letter"]["url"] if d["letter"] else ""),
    Column("Missies", lambda d: _names(d["missions"])),
]

# Also the budget page's own CSV (letters/views/budget.py, ``budget_csv``).
BUDGET_COLUMNS = [
    Column("Bedrag (euro)", lambda d: d["amount"], numeric=True),
    Column("Budget", lambda d: d["instrument"]),
    Column("Vanaf jaar", lambda d: d["year_from"]),
    Column("Tot en met jaar", lambda d: d["year_to"]),
    Column("Aard", lambda d: _NATURES.get(d["nature"], "") if d["nature"] else ""),
    Column("Doel", lambda d: d["purpose"]),
    Column("Missie", lambda d: _names([d["mission"]]) if d["mission"] else ""),
    Column("Kamerstuk", lambda d: d["letter"]["display"]),
    Column("Titel van de brief", lambda d: d["letter"]["title"]),
    Column("Datum van de brief", lambda d: d["letter"]["date"]),
    Column("Tekst in de brief", lambda d: d["text"]),
    Column("Adres", lambda d: d["letter"]["url"]),
]


def _letters(request, out: Serializer):
    query = filters.letter_query(request.GET, strict=False)
    rows = selectors.letters(query).iterator(chunk_size=CHUNK)
    return (out.letter_item(letter) for letter in rows), LETTER_COLUMNS


def _missions(request, out: Serializer):
    query, _ = filters.mission_query(request.GET, strict=False)
    # Tens of missions, read in one query by the page's own selector.
    result = mission_list(organisation=query.organisation, region=query.region, status=query.status)
    return (
        (out.mission_item(m, getattr(m, "letter_count", 0)) for m in result.missions),
        MISSION_COLUMNS,
    )


def _recommendations(request, out: Serializer):
    response = filters.recommendation_response(request.GET, strict=False)
    rows = selectors.recommendations(response).iterator(chunk_size=CHUNK)
    return (out.recommendation(r) for r in rows), RECOMMENDATION_COLUMNS


def _budget(request, out: Serializer):
    budget_filters, _ = filters.budget_filters(request.GET, strict=False)
    rows = selectors.with_budget_display(filtered_lines(budget_filters)).iterator(chunk_size=CHUNK)
    return (out.budget_line(line) for line in rows), BUDGET_COLUMNS


def budget_csv(request, lines) -> StreamingHttpResponse:
    """begroting.csv of these budget lines (a queryset in the order to write)."""
    out = Serializer(request)
    rows = selectors.with_budget_display(lines).iterator(chunk_size=CHUNK)
    return exports.download(exports.CSV, (out.budget_line(line) for line in rows), BUDGET_COLUMNS, "begroting")


# URL segment of the list page → (rows and columns, file name)
EXPORTS = {
    "brieven": (_letters, "brieven"),
    "missies": (_missions, "missies"),
    "aanbevelingen": (_recommendations, "aanbevelingen"),
    "begroting": (_budget, "begroting"),
}


@endpoint()
def download(request, page: str, fmt: str):
    if page not in EXPORTS or fmt not in exports.FORMATS:
        raise Http404("Deze download bestaat niet.")
    rows_and_columns, name = EXPORTS[page]
    items, columns = rows_and_columns(request, Serializer(request))
    return exports.download(fmt, items, columns, name)
