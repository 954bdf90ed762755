"""Query parameters of the API lists and the list-page exports, read in one of two modes.

- strict (the API): a value of the wrong shape (``?jaar=abcd``, ``?page=abc``, an
  overlong ``q``) is a 400 with a message naming the parameter. A value of the right
  shape that matches nothing (``?missie=bestaat-niet``) is ignored and reported in
  ``notices``, exactly as ``/brieven/`` does.
- lenient (the CSV/JSON downloads of the list pages): whatever the page ignores is
  ignored, so a download holds exactly what the page shows.

The filtering itself is the pages' own: ``LetterFilterSet`` and the selectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letters.api.errors import bad_parameter
from letters.filters import MAX_VALUE_LENGTH, MAX_VALUES_PER_FACET, LetterFilterSet
from letters.models import Instrument, LetterKind, Organisation
from letters.search.query import MAX_QUERY_LENGTH
from letters.selectors.budget import BudgetFilters, mission_by_slug
from letters.selectors.missions import STATUS_LABELS
from letters.selectors.recommendations import RESPONSE_LABELS
from letters.selectors.search import SORT_ALIASES, SORT_LABELS

# The shapes the OpenAPI document promises (letters.api.openapi uses the same ones).
SLUG_PATTERN = r"^[a-z0-9_-]{1,100}$"
# As letters.kamerstuk reads it without spaces: a budget chapter (either case) or a
# numbered sub-dossier ("21501-02").
DOSSIER_PATTERN = r"^[1-9][0-9]{3,5}(-([IVXLivxl]{1,6}[A-Ca-c]?|[A-Za-z]|[0-9]{2}))?$"
SLUG_ID_PATTERN = r"^[-a-zA-Z0-9_]{1,120}$"  # Letter.slug and Mission.slug (SlugField)
YEAR_MIN, YEAR_MAX = 1800, 2200
SORT_VALUES = [*SORT_LABELS, *SORT_ALIASES]

_SLUG = re.compile(SLUG_PATTERN)
_DOSSIER = re.compile(DOSSIER_PATTERN)
_SLUG_ID = re.compile(SLUG_ID_PATTERN)


def _shown(raw: str) -> str:
    return raw if len(raw) <= 40 else raw[:39] + "…"


def is_dossier(raw: str) -> bool:
    return bool(_DOSSIER.fullmatch(raw))


def is_slug_id(raw: str) -> bool:
    """A possible letter or mission slug in a URL path (anything else cannot exist,
    and NUL bytes must not reach PostgreSQL)."""
    return bool(_SLUG_ID.fullmatch(raw))


def is_year(raw: str) -> bool:
    return raw.isascii() and raw.isdigit() and len(raw) == 4 and YEAR_MIN <= int(raw) <= YEAR_MAX


@dataclass
class Reader:
    params: object  # a QueryDict
    strict: bool
    notices: list[str] = field(default_factory=list)

    def value(self, name: str) -> str:
        """The value as sent (strict) or stripped (lenient, as the pages read it);
        "" when absent. Strict mode refuses a parameter that is present but empty."""
        raw = self.params.get(name)
        if raw is None:
            return ""
        if self.strict:
            if raw == "":
                raise bad_parameter(
                    name, f"De parameter {name} is leeg: laat hem weg of geef een waarde."
                )
            return raw
        return raw.strip()

    def wrong(self, name: str, raw: str, expected: str) -> None:
        """A value of the wrong shape: an error in strict mode, else ignored."""
        if self.strict:
            raise bad_parameter(name, f"Ongeldige waarde „{_shown(raw)}” voor {name}: {expected}.")

    def choice(self, name: str, allowed) -> str | None:
        raw = self.value(name)
        if not raw:
            return None
        if raw in allowed:
            return raw
        self.wrong(name, raw, "kies uit " + ", ".join(allowed))
        return None

    def year(self, name: str) -> int | None:
        raw = self.value(name)
        if not raw:
            return None
        # The budget page reads any short number in range; the API wants four digits.
        lenient_ok = raw.isascii() and raw.isdigit() and len(raw) <= 7
        if is_year(raw) or (not self.strict and lenient_ok and YEAR_MIN <= int(raw) <= YEAR_MAX):
            return int(raw)
        self.wrong(name, raw, f"een jaartal van {YEAR_MIN} tot en met {YEAR_MAX}")
        return None

    def region(self, name: str) -> str | None:
        """Free text; a region no mission has is ignored by the selector."""
        raw = self.value(name)
        if len(raw) > MAX_VALUE_LENGTH:
            self.wrong(name, raw, f"hoogstens {MAX_VALUE_LENGTH} tekens")
        return raw or None

    def slug(self, name: str) -> str | None:
        raw = self.value(name)
        if not raw:
            return None
        if _SLUG.fullmatch(raw):
            return raw
        self.wrong(name, raw, "kleine letters, cijfers en streepjes, zoals „minusma”")
        return None  # lenient: no mission has such a slug, so the page ignores it too


# -- /brieven/ and /api/letters/ --------------------------------------------------------
_FACET_SHAPES = {
    "missie": (lambda raw: bool(_SLUG.fullmatch(raw)), "een missie zoals „minusma”"),
    "organisatie": (
        lambda raw: raw in Organisation.values,
        "kies uit " + ", ".join(Organisation.values),
    ),
    "jaar": (is_year, f"een jaartal van {YEAR_MIN} tot en met {YEAR_MAX}"),
    "soort": (lambda raw: raw in LetterKind.values, "kies uit " + ", ".join(LetterKind.values)),
    "ministerie": (lambda raw: bool(_SLUG.fullmatch(raw)), "een ministerie zoals „defensie”"),
    "dossier": (is_dossier, "een dossiernummer zoals 33694 of 35300-V"),
}


@dataclass
class LetterQuery:
    filterset: LetterFilterSet
    sort: str | None  # as asked; None for the default
    notices: list[str]


def letter_query(params, *, strict: bool) -> LetterQuery:
    if strict:
        _check_letter_params(params)
    filterset = LetterFilterSet(params)
    return LetterQuery(
        filterset=filterset,
        sort=params.get("sorteer"),
        notices=list(filterset.notices),
    )


def _check_letter_params(params) -> None:
    q = params.get("q") or ""
    if len(q) > MAX_QUERY_LENGTH:
        raise bad_parameter(
            "q", f"De zoekterm is {len(q)} tekens lang; het maximum is {MAX_QUERY_LENGTH}."
        )
    for name, (valid, expected) in _FACET_SHAPES.items():
        values = params.getlist(name)
        if len(values) > MAX_VALUES_PER_FACET:
            raise bad_parameter(
                name, f"Te veel waarden voor {name}: hoogstens {MAX_VALUES_PER_FACET}."
            )
        for raw in values:
            if len(raw) > MAX_VALUE_LENGTH or not valid(raw):
                raise bad_parameter(
                    name, f"Ongeldige waarde „{_shown(raw)}” voor {name}: {expected}."
                )
    sort = params.get("sorteer")
    if sort is not None and sort not in SORT_VALUES:
        raise bad_parameter(
            "sorteer", f"Ongeldige sortering „{_shown(sort)}”: kies uit {', '.join(SORT_VALUES)}."
        )


# -- /missies/ and /api/missions/ --------------------------------------------------------
@dataclass(frozen=True)
class MissionQuery:
    organisation: str | None
    region: str | None
    status: str | None


def mission_query(params, *, strict: bool) -> tuple[MissionQuery, list[str]]:
    reader = Reader(params, strict)
    query = MissionQuery(
        organisation=reader.choice("organisatie", Organisation.values),
        region=reader.region("regio"),
        status=reader.choice("status", list(STATUS_LABELS)),
    )
    return query, reader.notices


# -- /aanbevelingen/ and /api/recommendations/ ----------------------------------------------
def recommendation_response(params, *, strict: bool) -> str | None:
    return Reader(params, strict).choice("reactie", list(RESPONSE_LABELS))


# -- /begroting/ and /api/budget-lines/ -----------------------------------------------------
def budget_filters(params, *, strict: bool) -> tuple[BudgetFilters, list[str]]:
    reader = Reader(params, strict)
    instrument = reader.choice("instrument", Instrument.values)
    year = reader.year("jaar")
    slug = reader.slug("missie")
    mission = mission_by_slug(slug) if slug else None
    if slug and mission is None:
        reader.notices.append(f"Onbekende missie „{_shown(slug)}”: dit filter is genegeerd.")
    return BudgetFilters(instrument=instrument, year=year, mission=mission), reader.notices
