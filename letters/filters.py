"""The filters of /brieven/ and its feed: ``q`` plus six facets.

Several values of one facet combine with OR, different facets with AND. Each
facet counts its values over the letters matching ``q`` and all OTHER chosen
facets (disjunctive faceting), in one aggregate query.

Facet values arrive straight from the URL, so a facet never rejects the whole
request: values it does not know (``?missie=bestaat-niet``, ``?jaar=abcd``) are
dropped and reported in ``LetterFilterSet.notices`` (Dutch, for the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Count, F, Q

from letters import search
from letters.kamerstuk import InvalidKamerstuk, format_dossier, normalise_dossier
from letters.models import (
    Dossier,
    Letter,
    LetterKind,
    LetterMission,
    Ministry,
    Mission,
    Organisation,
)
from letters.search.query import ParsedQuery, clean_query_text

MAX_VALUES_PER_FACET = 30
MAX_VALUE_LENGTH = 100
_SLUG_RE = re.compile(r"^[-a-z0-9_]+$")


def _shorten(value: str, length: int = 40) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


# -- form fields ---------------------------------------------------------------


class ValuesField(forms.Field):
    """Every value of a repeated URL parameter, cleaned; never invalid."""

    widget = forms.SelectMultiple  # reads all values of the parameter (getlist)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = []
        for item in value:
            item = clean_query_text(str(item))
            if item and len(item) <= MAX_VALUE_LENGTH and item not in values:
                values.append(item)
        return values[:MAX_VALUES_PER_FACET]

    def validate(self, value) -> None:
        """Unknown values are reported by the FilterSet, not as form errors."""


class SearchTextField(forms.CharField):
    def to_python(self, value) -> str:
        # Clean before Django's validators run: a NUL byte would otherwise make
        # the whole query invalid instead of just being dropped.
        return clean_query_text(value)


# -- filters -------------------------------------------------------------------


class SearchFilter(django_filters.Filter):
    """Full-text search; see ``letters.search.query`` for the syntax."""

    field_class = SearchTextField

    def filter(self, queryset, value):
        return search.filter_letters(queryset, search.parse_query(value))


@dataclass(frozen=True)
class FacetCount:
    value: str  # as in the URL
    label: str
    count: int
    detail: str = ""  # e.g. a dossier's title


class FacetFilter(django_filters.Filter):
    """A multi-valued facet. Subclasses say which values exist, how to filter
    and how to count; values combine with OR."""

    field_class = ValuesField
    unknown_message = "Onbekende waarde „{value}” voor {facet}: dit filter is genegeerd."

    def parse(self, raw: str) -> str | None:
        """The canonical form of a value as typed, or None if it cannot be one."""
        return raw

    def resolve(self, values: list[str]) -> dict[str, str]:
        """The values that exist, with their labels."""
        raise NotImplementedError

    def filter(self, queryset, value):
        raise NotImplementedError

    def counts(self, letters) -> list[FacetCount]:
        """Letters per value among ``letters`` (one query)."""
        raise NotImplementedError


class MissionFacet(FacetFilter):
    unknown_message = "Onbekende missie „{value}”: dit filter is genegeerd."

    def parse(self, raw):
        value = raw.strip().lower()
        return value if _SLUG_RE.match(value) else None

    def resolve(self, values):
        return {
            slug: short_name or name
            for slug, short_name, name in Mission.objects.filter(slug__in=values).values_list(
                "slug", "short_name", "name"
            )
        }

    def filter(self, queryset, value):
        if not value:
            return queryset
        links = LetterMission.objects.filter(mission__slug__in=value)
        return queryset.filter(id__in=links.values("letter_id"))

    def counts(self, letters):
        rows = (
            LetterMission.objects.filter(letter__in=letters)
            .values("mission__slug", "mission__short_name", "mission__name")
            .annotate(n=Count("letter_id", distinct=True))
            .order_by("-n", "mission__short_name", "mission__name")
        )
        return [
            FacetCount(
                row["mission__slug"],
                row["mission__short_name"] or row["mission__name"],
                row["n"],
                detail=row["mission__name"] if row["mission__short_name"] else "",
            )
            for row in rows
        ]


class OrganisationFacet(FacetFilter):
    """The organisation (VN, NAVO, EU, …) of the missions a letter mentions."""

    unknown_message = "Onbekende organisatie „{value}”: dit filter is genegeerd."
    _by_lower = {choice.lower(): choice for choice in Organisation.values}

    def parse(self, raw):
        return self._by_lower.get(raw.strip().lower())

    def resolve(self, values):
        labels = dict(Organisation.choices)
        return {value: labels[value] for value in values if value in labels}

    def filter(self, queryset, value):
        if not value:
            return queryset
        links = LetterMission.objects.filter(mission__organisation__in=value)
        return queryset.filter(id__in=links.values("letter_id"))

    def counts(self, letters):
        labels = dict(Organisation.choices)
        rows = (
            LetterMission.objects.filter(letter__in=letters)
            .values("mission__organisation")
            .annotate(n=Count("letter_id", distinct=True))
            .order_by("-n", "mission__organisation")
        )
        return [
            FacetCount(
                row["mission__organisation"],
                labels.get(row["mission__organisation"], row["mission__organisation"]),
                row["n"],
            )
            for row in rows
        ]


class YearFacet(FacetFilter):
    unknown_message = "Ongeldig jaar „{value}”: dit filter is genegeerd."

    def parse(self, raw):
        value = raw.strip()
        if not value.isascii() or not value.isdigit() or len(value) != 4:
            return None
        return value if 1800 <= int(value) <= 2200 else None

    def resolve(self, values):
        return {value: value for value in values}

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(year__in=[int(v) for v in value])

    def counts(self, letters):
        rows = (
            letters.order_by()
            .filter(year__isnull=False)
            .values("year")
            .annotate(n=Count("id"))
            .order_by("-year")
        )
        return [FacetCount(str(row["year"]), str(row["year"]), row["n"]) for row in rows]


class KindFacet(FacetFilter):
    unknown_message = "Onbekende soort brief „{value}”: dit filter is genegeerd."

    def parse(self, raw):
        value = raw.strip().lower()
        return value if value in LetterKind.values and value else None

    def resolve(self, values):
        labels = dict(LetterKind.choices)
        return {value: labels[value] for value in values if value in labels}

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(kind__in=value)

    def counts(self, letters):
        labels = dict(LetterKind.choices)
        rows = (
            letters.order_by()
            .exclude(kind="")
            .values("kind")
            .annotate(n=Count("id"))
            .order_by("-n", "kind")
        )
        return [
            FacetCount(row["kind"], labels.get(row["kind"], row["kind"]), row["n"]) for row in rows
        ]


class MinistryFacet(FacetFilter):
    unknown_message = "Onbekend ministerie „{value}”: dit filter is genegeerd."

    def parse(self, raw):
        value = raw.strip().lower()
        return value if _SLUG_RE.match(value) else None

    def resolve(self, values):
        return dict(Ministry.objects.filter(slug__in=values).values_list("slug", "name"))

    def filter(self, queryset, value):
        if not value:
            return queryset
        links = Letter.ministries.through.objects.filter(ministry__slug__in=value)
        return queryset.filter(id__in=links.values("letter_id"))

    def counts(self, letters):
        rows = (
            Letter.ministries.through.objects.filter(letter__in=letters)
            .values("ministry__slug", "ministry__name")
            .annotate(n=Count("letter_id", distinct=True))
            .order_by("-n", "ministry__name")
        )
        return [FacetCount(row["ministry__slug"], row["ministry__name"], row["n"]) for row in rows]


class DossierFacet(FacetFilter):
    """A letter's main dossier or any of its other dossiers."""

    unknown_message = "Onbekend dossier „{value}”: dit filter is genegeerd."

    def parse(self, raw):
        try:
            return normalise_dossier(raw)
        except InvalidKamerstuk:
            return None

    def resolve(self, values):
        return {
            number: format_dossier(number)
            for number in Dossier.objects.filter(number__in=values).values_list("number", flat=True)
        }

    def filter(self, queryset, value):
        if not value:
            return queryset
        also = Letter.other_dossiers.through.objects.filter(dossier__number__in=value)
        return queryset.filter(Q(dossier__number__in=value) | Q(id__in=also.values("letter_id")))

    def counts(self, letters):
        main = (
            letters.order_by()
            .filter(dossier__isnull=False)
            .values("dossier__number", "dossier__title")
            .annotate(n=Count("id"))
        )
        # A letter listing its main dossier again among the others counts once.
        also = (
            Letter.other_dossiers.through.objects.filter(letter__in=letters)
            .exclude(dossier_id=F("letter__dossier_id"))
            .order_by()
            .values("dossier__number", "dossier__title")
            .annotate(n=Count("letter_id", distinct=True))
        )
        totals: dict[str, list] = {}
        for row in main.union(also, all=True):
            entry = totals.setdefault(row["dossier__number"], [row["dossier__title"], 0])
            entry[1] += row["n"]
        ordered = sorted(totals.items(), key=lambda item: (-item[1][1], item[0]))
        return [
            FacetCount(number, format_dossier(number), count, detail=title)
            for number, (title, count) in ordered
        ]


# -- the FilterSet -------------------------------------------------------------


class LetterFilterSet(django_filters.FilterSet):
    q = SearchFilter(label="Zoekterm")
    missie = MissionFacet(label="Missie")
    organisatie = OrganisationFacet(label="Organisatie")
    jaar = YearFacet(label="Jaar")
    soort = KindFacet(label="Soort brief")
    ministerie = MinistryFacet(label="Ministerie")
    dossier = DossierFacet(label="Dossier")

    FACETS = ("missie", "organisatie", "jaar", "soort", "ministerie", "dossier")

    class Meta:
        model = Letter
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(
            data if data is not None else {},
            queryset if queryset is not None else Letter.objects.all(),
            **kwargs,
        )

    @cached_property
    def cleaned_data(self) -> dict:
        # The fields never fail, so the form is always valid.
        self.form.is_valid()
        return self.form.cleaned_data

    @cached_property
    def parsed_query(self) -> ParsedQuery:
        return search.parse_query(self.cleaned_data.get("q") or "")

    @cached_property
    def _resolved(self) -> tuple[dict[str, dict[str, str]], list[str]]:
        selection, notices = {}, []
        for name in self.FACETS:
            facet = self.filters[name]
            raw_values = self.cleaned_data.get(name) or []
            parsed = {raw: facet.parse(raw) for raw in raw_values}
            candidates = [value for value in dict.fromkeys(parsed.values()) if value]
            known = facet.resolve(candidates) if candidates else {}
            selection[name] = {value: known[value] for value in candidates if value in known}
            for raw, value in parsed.items():
                if value not in known:
                    notices.append(
                        facet.unknown_message.format(value=_shorten(raw), facet=facet.label)
                    )
            if (
                len(self.data.getlist(name) if hasattr(self.data, "getlist") else [])
                > MAX_VALUES_PER_FACET
            ):
                notices.append(
                    f"Te veel waarden voor {facet.label.lower()}: alleen de eerste "
                    f"{MAX_VALUES_PER_FACET} zijn gebruikt."
                )
        if self.parsed_query.truncated:
            notices.append("Uw zoekopdracht was erg lang; alleen het begin ervan is gebruikt.")
        return selection, notices

    @property
    def selection(self) -> dict[str, dict[str, str]]:
        """Per facet, the chosen values that exist, with their labels."""
        return self._resolved[0]

    @property
    def notices(self) -> list[str]:
        return self._resolved[1]

    @property
    def has_selection(self) -> bool:
        return any(self.selection.values())

    def filter_queryset(self, queryset):
        return self.filtered(queryset)

    def filtered(self, queryset, *, without: str | None = None):
        """``queryset`` filtered by q and every chosen facet except ``without``."""
        queryset = search.filter_letters(queryset, self.parsed_query)
        for name in self.FACETS:
            chosen = self.selection[name]
            if chosen and name != without:
                queryset = self.filters[name].filter(queryset, list(chosen))
        return queryset

    def facet_counts(self) -> dict[str, list[FacetCount]]:
        """Per facet, its values with counts; chosen values are always listed
        (with 0 when nothing matches them)."""
        facets = {}
        for name in self.FACETS:
            facet = self.filters[name]
            counts = facet.counts(self.filtered(self.queryset.all(), without=name))
            present = {count.value for count in counts}
            counts += [
                FacetCount(value, label, 0)
                for value, label in self.selection[name].items()
                if value not in present
            ]
            facets[name] = counts
        return facets
