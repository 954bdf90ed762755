"""The OpenAPI 3.1 description of the API, served at /api/openapi.json.

Written by hand next to the serializers, and kept honest by the tests: every
object is closed (``additionalProperties: false``, every property required), so a
field added to a response without being described here, or a type that differs,
fails ``tests/test_openapi_schemathesis.py`` and ``tests/test_api_schema.py``.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache

from letters.api.filters import (
    DOSSIER_PATTERN,
    SLUG_ID_PATTERN,
    SLUG_PATTERN,
    SORT_VALUES,
    YEAR_MAX,
    YEAR_MIN,
)
from letters.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE
from letters.api.ratelimit import DEFAULT_RATE_LIMIT
from letters.filters import MAX_VALUES_PER_FACET
from letters.models import (
    CitationKind,
    Decision,
    Instrument,
    LetterKind,
    Nature,
    Organisation,
    Response,
)
from letters.search.query import MAX_QUERY_LENGTH
from letters.selectors.missions import STATUS_LABELS
from letters.selectors.recommendations import RESPONSE_LABELS

# -- building blocks -----------------------------------------------------------------
STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
AMOUNT = {
    "type": "string",
    "pattern": r"^[0-9]+\.[0-9]{2}$",
    "description": 'Euro\'s als exact decimaal getal in een string, bijvoorbeeld "30000000.00".',
}
OFFSET = {"type": "integer", "minimum": 0}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def enum(values) -> dict:
    return {"type": "string", "enum": list(values)}


def closed(properties: dict, description: str = "") -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


# -- schemas ----------------------------------------------------------------------------
LETTER_REF = {
    "id": {**STRING, "description": "De slug: vast adres, ook zonder Kamerstuknummer."},
    "key": nullable({**STRING, "examples": ["33694-12"]}),
    "dossier": nullable(STRING),
    "number": nullable(INTEGER),
    "display": nullable({**STRING, "examples": ["Kamerstuk 33 694, nr. 12"]}),
    "title": STRING,
    "date": nullable(DATE),
    "year": nullable(INTEGER),
    "kind": enum(["", *LetterKind.values]),
    "url": {**URL, "description": "De pagina van de brief op deze site."},
    "api_url": URL,
    "official_url": nullable(URL),
}
MISSION_REF = {
    "id": STRING,
    "name": STRING,
    "short_name": STRING,
    "organisation": enum(Organisation.values),
    "url": URL,
    "api_url": URL,
}
LETTER_ITEM = {
    **LETTER_REF,
    "vergaderjaar": STRING,
    "other_dossiers": array(STRING),
    "ministries": array(closed({"id": STRING, "name": STRING})),
    "missions": array(ref("MissionRef")),
}
CITING_PLACE = closed(
    {
        "text": STRING,
        "start": OFFSET,
        "end": OFFSET,
        "in_footnote": BOOLEAN,
        "context": STRING,
    }
)
BUDGET_LINE_BASE = {
    "id": INTEGER,
    "amount": AMOUNT,
    "instrument": enum(Instrument.values),
    "year_from": nullable(INTEGER),
    "year_to": nullable(INTEGER),
    "budget_year": nullable(INTEGER),
    "nature": enum(Nature.values),
    "purpose": STRING,
    "text": STRING,
    "start": nullable(OFFSET),
    "end": nullable(OFFSET),
}
RECOMMENDATION_BASE = {
    "id": INTEGER,
    "report": closed(
        {"id": STRING, "title": STRING, "author": STRING, "year": nullable(INTEGER), "url": URL}
    ),
    "number": STRING,
    "text": STRING,
    "response": enum(["", *Response.values]),
    "response_text": STRING,
    "missions": array(ref("MissionRef")),
}
MISSION_ITEM = {
    **MISSION_REF,
    "region": STRING,
    "country": STRING,
    "start_date": nullable(DATE),
    "end_date": nullable(DATE),
    "active": BOOLEAN,
    "letter_count": INTEGER,
}
DOSSIER = {
    "id": {**STRING, "examples": ["33694", "35300-V"]},
    "display": STRING,
    "title": STRING,
    "letter_count": INTEGER,
    "url": URL,
    "api_url": URL,
    "letters_url": {
        **URL,
        "description": "De brieven in dit dossier: /api/letters/?dossier=…",
    },
}


def _page(item: str) -> dict:
    return closed(
        {
            "count": {**INTEGER, "description": "Aantal resultaten op alle pagina's samen."},
            "page": INTEGER,
            "pages": INTEGER,
            "next": nullable(URL),
            "previous": nullable(URL),
            "notices": {
                **array(STRING),
                "description": "Genegeerde filterwaarden (bestaan niet in het archief).",
            },
            "results": array(ref(item)),
        }
    )


SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {"status": INTEGER, "message": STRING, "parameter": STRING},
        "required": ["status", "message"],
        "additionalProperties": False,
    },
    "LetterRef": closed(LETTER_REF),
    "MissionRef": closed(MISSION_REF),
    "LetterItem": closed(LETTER_ITEM),
    "Citation": closed(
        {
            "kind": enum(CitationKind.values),
            "key": STRING,
            "dossier": nullable(STRING),
            "number": nullable(INTEGER),
            "display": STRING,
            "text": STRING,
            "start": OFFSET,
            "end": OFFSET,
            "in_footnote": BOOLEAN,
            "context": STRING,
            "in_archive": BOOLEAN,
            "target": nullable(ref("LetterRef")),
            "url": nullable(URL),
            "official_url": nullable(URL),
        },
        "Een verwijzing in de brief naar een ander Kamerstuk (of de Handelingen).",
    ),
    "CitedBy": closed(
        {"letter": ref("LetterRef"), "citations": array(CITING_PLACE)},
        "Een brief die hiernaar verwijst, met de plaatsen waar.",
    ),
    "LetterDetail": closed(
        {
            **LETTER_ITEM,
            "signatories": array(
                closed({"name": STRING, "function": STRING, "ministry": nullable(STRING)})
            ),
            "source_url": nullable(URL),
            "created_at": DATETIME,
            "updated_at": DATETIME,
            "body": {
                **STRING,
                "description": "De opgeschoonde tekst; posities (start, end) wijzen hierin.",
            },
            "structure": {
                "type": "object",
                "description": "Alinea's, koppen en voetnoten als posities in body.",
            },
            "citations": array(ref("Citation")),
            "cited_by": array(ref("CitedBy")),
            "mission_mentions": array(
                closed(
                    {
                        "mission": ref("MissionRef"),
                        "decision": enum(["", *Decision.values]),
                        "text": STRING,
                        "start": nullable(OFFSET),
                        "end": nullable(OFFSET),
                    }
                )
            ),
            "budget_lines": array(ref("LetterBudgetLine")),
            "recommendations": array(ref("LetterRecommendation")),
        }
    ),
    "Kamerstuk": closed(
        {
            "key": STRING,
            "dossier": STRING,
            "number": INTEGER,
            "display": STRING,
            "url": URL,
            "official_url": URL,
            "in_archive": BOOLEAN,
            "letter": nullable(ref("LetterRef")),
            "cited_by": array(ref("CitedBy")),
        }
    ),
    "BudgetLine": closed(
        {**BUDGET_LINE_BASE, "mission": nullable(ref("MissionRef")), "letter": ref("LetterRef")}
    ),
    "LetterBudgetLine": closed({**BUDGET_LINE_BASE, "mission": nullable(ref("MissionRef"))}),
    "MissionBudgetLine": closed({**BUDGET_LINE_BASE, "letter": ref("LetterRef")}),
    "Recommendation": closed({**RECOMMENDATION_BASE, "letter": nullable(ref("LetterRef"))}),
    "LetterRecommendation": closed(RECOMMENDATION_BASE),
    "MissionItem": closed(MISSION_ITEM),
    "MissionDetail": closed(
        {
            **MISSION_ITEM,
            "description": STRING,
            "aliases": array(STRING),
            "letters": array(
                closed(
                    {
                        "letter": ref("LetterRef"),
                        "mentions": array(
                            closed(
                                {
                                    "decision": enum(["", *Decision.values]),
                                    "text": STRING,
                                    "start": nullable(OFFSET),
                                    "end": nullable(OFFSET),
                                }
                            )
                        ),
                    }
                )
            ),
            "budget_lines": array(ref("MissionBudgetLine")),
            "budget_total": AMOUNT,
        }
    ),
    "Dossier": closed(DOSSIER),
    "DossierDetail": closed(
        {
            **DOSSIER,
            "cited_not_in_archive": array(
                closed(
                    {
                        "key": STRING,
                        "display": STRING,
                        "url": URL,
                        "official_url": URL,
                        "citing_letters": INTEGER,
                    }
                )
            ),
        }
    ),
    "CitationLookupRequest": {
        "type": "object",
        "properties": {
            "text": {
                **STRING,
                "description": "De tekst, hoogstens 1 MB (1 048 576 bytes) in UTF-8.",
            }
        },
        "required": ["text"],
    },
    "FoundCitation": closed(
        {
            "kind": enum(CitationKind.values),
            "key": {**STRING, "examples": ["33694-12", "h-tk-20192020-23-4"]},
            "display": STRING,
            "text": {**STRING, "description": "Zoals in de geplakte tekst."},
            "start": {**OFFSET, "description": "Positie in de geplakte tekst (Unicode-tekens)."},
            "end": OFFSET,
            "in_archive": BOOLEAN,
            "letter": nullable(ref("LetterRef")),
            "url": {
                **nullable(URL),
                "description": "De brief in het archief, of anders de verwijspagina als "
                "andere brieven ernaar verwijzen; null als deze site er geen pagina voor heeft.",
            },
            "official_url": nullable(URL),
        }
    ),
    "CitationLookup": closed(
        {
            "count": INTEGER,
            "in_archive": INTEGER,
            "truncated": BOOLEAN,
            "citations": array(ref("FoundCitation")),
        }
    ),
    "LetterPage": _page("LetterItem"),
    "MissionPage": _page("MissionItem"),
    "RecommendationPage": _page("Recommendation"),
    "BudgetLinePage": _page("BudgetLine"),
    "DossierPage": _page("Dossier"),
}

# -- parameters ---------------------------------------------------------------------------


def query(name: str, schema: dict, description: str, *, many: bool = False) -> dict:
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    if many:
        parameter.update(
            schema={"type": "array", "items": schema, "maxItems": MAX_VALUES_PER_FACET},
            style="form",
            explode=True,
        )
    else:
        parameter["schema"] = schema
    return parameter


def path_parameter(name: str, schema: dict, description: str, example=None) -> dict:
    parameter = {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }
    if example is not None:  # a seed letter's, so examples work on a fresh install
        parameter["example"] = example
    return parameter


SLUG = {"type": "string", "pattern": SLUG_PATTERN}
DOSSIER_NUMBER = {"type": "string", "pattern": DOSSIER_PATTERN}
YEAR = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}

PAGINATION = [
    query(
        "page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Paginanummer (vanaf 1)."
    ),
    query(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        f"Resultaten per pagina (standaard {DEFAULT_PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE}).",
    ),
]
LETTER_FILTERS = [
    query(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        'Zoektekst zoals op /brieven/: woorden, "woordgroep", -uitsluiten, a OR b.',
    ),
    query("missie", SLUG, "Missie (slug); meerdere waarden: of.", many=True),
    query("organisatie", enum(Organisation.values), "Organisatie van de missie.", many=True),
    query("jaar", YEAR, "Jaar van de brief.", many=True),
    query("soort", enum(LetterKind.values), "Soort brief.", many=True),
    query("ministerie", SLUG, "Ministerie (slug).", many=True),
    query("dossier", DOSSIER_NUMBER, "Dossiernummer (hoofd- of ander dossier).", many=True),
    query(
        "sorteer",
        enum(SORT_VALUES),
        "Volgorde: relevantie (standaard met zoekwoorden), nieuwste (anders standaard), oudste.",
    ),
]


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


def _responses(ok_schema: str, *codes: int) -> dict:
    responses = {
        "200": {
            "description": "Gelukt.",
            "content": {"application/json": {"schema": ref(ok_schema)}},
        }
    }
    texts = {
        400: "Een parameter heeft een ongeldige waarde; message zegt welke en waarom.",
        404: "Bestaat niet (of de pagina ligt voorbij de laatste).",
        413: "De tekst is groter dan 1 MB.",
    }
    for code in codes:
        responses[str(code)] = _error(texts[code])
    responses["429"] = {
        **_error("Te veel verzoeken vanaf dit adres; wacht het aantal seconden in Retry-After."),
        "headers": {
            "Retry-After": {
                "required": True,
                "description": "Seconden tot u weer verzoeken kunt doen.",
                "schema": {"type": "integer", "minimum": 1},
            }
        },
    }
    return responses


def _get(
    summary: str, schema: str, *, codes=(400, 404), parameters=(), description: str = "", tag: str
) -> dict:
    operation = {
        "summary": summary,
        "operationId": summary,
        "tags": [tag],
        "responses": _responses(schema, *codes),
    }
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = list(parameters)
    return {"get": operation}


PATHS = {
    "/api/letters/": _get(
        "listLetters",
        "LetterPage",
        tag="brieven",
        parameters=[*LETTER_FILTERS, *PAGINATION],
        description="Dezelfde brieven in dezelfde volgorde als /brieven/ met dezelfde "
        "parameters. Een waarde van de goede vorm die niet bestaat (een onbekende missie) "
        "wordt genegeerd en gemeld in notices; een waarde van de verkeerde vorm geeft 400.",
    ),
    "/api/letters/{id}/": _get(
        "getLetter",
        "LetterDetail",
        tag="brieven",
        codes=(404,),
        parameters=[
            path_parameter(
                "id",
                {"type": "string", "pattern": SLUG_ID_PATTERN},
                "De id (slug) van de brief.",
            )
        ],
        description="Een brief met tekst, verwijzingen (en wie ernaar verwijst), missies, "
        "bedragen en aanbevelingen.",
    ),
    "/api/kamerstuk/{dossier}/{number}/": _get(
        "getKamerstuk",
        "Kamerstuk",
        tag="brieven",
        codes=(400, 404),
        parameters=[
            path_parameter(
                "dossier",
                DOSSIER_NUMBER,
                "Dossiernummer: 33694, 35300-V, 21501-02.",
                example="33694",
            ),
            path_parameter(
                "number",
                {"type": "integer", "minimum": 1, "maximum": 99999},
                "Ondernummer.",
                example=9,
            ),
        ],
        description="Een Kamerstuk: de brief als die in het archief staat, en de brieven die "
        "ernaar verwijzen. 404 als het niet in het archief staat en niemand ernaar verwijst.",
    ),
    "/api/missions/": _get(
        "listMissions",
        "MissionPage",
        tag="missies",
        description="Missies zoals op /missies/, met het aantal brieven over elke missie.",
        parameters=[
            query("organisatie", enum(Organisation.values), "Organisatie."),
            query(
                "regio",
                {"type": "string", "minLength": 1, "maxLength": 100},
                "Regio, zoals op /missies/; een onbekende regio wordt genegeerd.",
            ),
            query("status", enum(STATUS_LABELS), "actief of beeindigd."),
            *PAGINATION,
        ],
    ),
    "/api/missions/{id}/": _get(
        "getMission",
        "MissionDetail",
        tag="missies",
        codes=(404,),
        parameters=[
            path_parameter(
                "id",
                {"type": "string", "pattern": SLUG_ID_PATTERN},
                "De id (slug) van de missie.",
                example="minusma",
            )
        ],
        description="Een missie met alle brieven erover (oudste eerst) en de bedragen ervoor.",
    ),
    "/api/recommendations/": _get(
        "listRecommendations",
        "RecommendationPage",
        tag="aanbevelingen",
        description="Aanbevelingen uit rapporten met de reactie van het kabinet, nieuwste "
        "rapport eerst.",
        parameters=[
            query(
                "reactie",
                enum(RESPONSE_LABELS),
                "Reactie van het kabinet; geen = nog geen reactie.",
            ),
            *PAGINATION,
        ],
    ),
    "/api/budget-lines/": _get(
        "listBudgetLines",
        "BudgetLinePage",
        tag="begroting",
        parameters=[
            query("instrument", enum(Instrument.values), "Budget."),
            query(
                "jaar",
                YEAR,
                "Het jaar waarvoor het bedrag geldt (of anders het jaar van de brief).",
            ),
            query("missie", SLUG, "Missie (slug); een onbekende missie wordt genegeerd."),
            *PAGINATION,
        ],
        description="Bedragen zoals op /begroting/, nieuwste jaar eerst.",
    ),
    "/api/dossiers/": _get(
        "listDossiers",
        "DossierPage",
        tag="dossiers",
        parameters=PAGINATION,
        description="Dossiers met het aantal brieven erin (als hoofd- of ander dossier).",
    ),
    "/api/dossiers/{dossier}/": _get(
        "getDossier",
        "DossierDetail",
        tag="dossiers",
        description="Een dossier, met de Kamerstukken eruit waarnaar brieven verwijzen maar "
        "die (nog) niet in het archief staan.",
        codes=(400, 404),
        parameters=[
            path_parameter(
                "dossier",
                DOSSIER_NUMBER,
                "Dossiernummer zoals in id: 33694, 35300-V, 21501-02.",
                example="33694",
            )
        ],
    ),
    "/api/citations/": {
        "post": {
            "summary": "lookupCitations",
            "operationId": "lookupCitations",
            "tags": ["verwijzingen"],
            "description": "Plak een tekst (hoogstens 1 MB): elke verwijzing naar een Kamerstuk of "
            "de Handelingen, met tekst en positie, en waar die in het archief naartoe leidt.",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("CitationLookupRequest")}},
            },
            "responses": _responses("CitationLookup", 400, 413),
        }
    },
}

DESCRIPTION = f"""Open data van het archief van Kamerbrieven over internationale veiligheid.

- Alleen lezen, geen sleutel nodig. CORS staat open voor GET.
- Lijsten hebben `page` en `page_size` (hoogstens {MAX_PAGE_SIZE}) met `next`/`previous`-links en een vaste volgorde.
- Datums zijn ISO 8601; bedragen zijn strings met een exact decimaal getal ("30000000.00").
- Hoogstens {DEFAULT_RATE_LIMIT} verzoeken per minuut per adres (instelbaar); daarboven 429 met Retry-After.
- Elke lijstpagina van de site heeft ook een CSV- en JSON-download van precies de gekozen filters.
"""


@cache
def _document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Archief Kamerbrieven Internationale Veiligheid — open data",
            "version": "1.0.0",
            "description": DESCRIPTION,
        },
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }


def openapi_document() -> dict:
    """A fresh copy each time: callers may not change the cached original."""
    return deepcopy(_document())
