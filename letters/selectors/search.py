"""Reads for /brieven/ (search and facets) and its Atom feed.

Everything the page shows comes from a bounded number of queries, whatever the
number of letters: one for all facet counts and the total, one for the ids of
the page's letters, one for those letters and two prefetches (plus look-ups of
chosen facet values, and on PostgreSQL one ``SET LOCAL``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import SafeString

from letters import filters, search
from letters.filters import FacetSummary, LetterFilterSet
from letters.models import Letter, LetterMission
from letters.page_cache import CACHE_SECONDS, current_generation
from letters.search.snippets import Snippet, highlight, make_snippet

PER_PAGE = 20
FEED_SIZE = 30
FACET_VISIBLE_VALUES = 8
# At most this many values per facet on the page (plus chosen ones): at 10 000
# letters the dossier facet alone had 344 values, and rendering every value of
# every facet took longer than the search itself.
FACET_MAX_VALUES = 50

RELEVANCE, NEWEST, OLDEST = "relevantie", "nieuwste", "oudste"
SORT_LABELS = {RELEVANCE: "Relevantie", NEWEST: "Nieuwste eerst", OLDEST: "Oudste eerst"}
# English names are accepted too, for links written by hand.
SORT_ALIASES = {"relevance": RELEVANCE, "newest": NEWEST, "oldest": OLDEST}

NEWEST_FIRST = (
    F("year").desc(nulls_last=True),
    F("date").desc(nulls_last=True),
    F("id").desc(),
)
OLDEST_FIRST = (
    F("year").asc(nulls_last=True),
    F("date").asc(nulls_last=True),
    F("id").asc(),
)


@dataclass
class Hit:
    letter: Letter
    title_html: SafeString
    snippet: Snippet | None
    missions: list

    @cached_property
    def url(self) -> str:
        return self.letter.get_absolute_url()

    @property
    def snippet_url(self) -> str:
        if self.snippet and self.snippet.anchor:
            return f"{self.url}#{self.snippet.anchor}"
        return ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    detail: str = ""
    estimated: bool = False


@dataclass
class Facet:
    name: str  # the URL parameter
    legend: str
    values: list[FacetValue]
    hidden: int = 0  # values left out (fewest letters), see FACET_MAX_VALUES

    @property
    def visible(self) -> list[FacetValue]:
        return self.values[:FACET_VISIBLE_VALUES]

    @property
    def more(self) -> list[FacetValue]:
        return self.values[FACET_VISIBLE_VALUES:]

    @property
    def more_has_selected(self) -> bool:
        return any(value.selected for value in self.more)


@dataclass
class Chip:
    label: str
    remove_url: str
    facet: str = ""


@dataclass
class LetterSearch:
    query: str
    parsed: search.ParsedQuery
    page: Page
    hits: list[Hit]
    facets: list[Facet]
    chips: list[Chip]
    notices: list[str]
    sort: str
    sort_choices: list[tuple[str, str]]
    page_params: QueryDict  # the cleaned query, for pagination links
    feed_url: str
    description: str = ""
    total_estimated: bool = False

    @property
    def total(self) -> int:
        return self.page.paginator.count


# -- URL helpers -----------------------------------------------------------------


def _canonical_params(filterset: LetterFilterSet, sort: str | None = None) -> list[tuple[str, str]]:
    """The query as a clean list of parameters: only known facet values."""
    params = []
    if filterset.parsed_query.text:
        params.append(("q", filterset.parsed_query.text))
    for name in filterset.FACETS:
        params.extend((name, value) for value in filterset.selection[name])
    if sort:
        params.append(("sorteer", sort))
    return params


def _query_dict(params: list[tuple[str, str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in params:
        query.appendlist(name, value)
    return query


def _url(path: str, params: list[tuple[str, str]]) -> str:
    encoded = _query_dict(params).urlencode()
    return f"{path}?{encoded}" if encoded else path


def describe(filterset: LetterFilterSet) -> str:
    """The search in words, for titles and feeds: „missie mali” · Missie: MINUSMA."""
    parts = []
    if filterset.parsed_query.text:
        parts.append(f"„{filterset.parsed_query.text}”")
    for name in filterset.FACETS:
        labels = list(filterset.selection[name].values())
        if labels:
            parts.append(f"{filterset.filters[name].label}: {' of '.join(labels)}")
    return " · ".join(parts)


# -- the page ------------------------------------------------------------------------


def choose_sort(raw: str | None, has_terms: bool, notices: list[str]) -> str:
    """The sort order for a ``sorteer`` value as typed (Dutch or English); an
    unknown one falls back to the default with a notice appended to ``notices``."""
    default = RELEVANCE if has_terms else NEWEST
    if not raw:
        return default
    value = SORT_ALIASES.get(raw.strip().lower(), raw.strip().lower())
    if value not in SORT_LABELS:
        notices.append(
            f"Onbekende sortering „{raw[:40]}”: gesorteerd op {SORT_LABELS[default].lower()}."
        )
        return default
    if value == RELEVANCE and not has_terms:
        return NEWEST
    return value


def _page_number(raw: str | None, paginator: Paginator, notices: list[str]) -> int:
    if raw is None or raw == "":
        return 1
    try:
        number = int(raw.strip())
    except ValueError:
        notices.append(f"Pagina „{raw[:20]}” bestaat niet; u ziet de eerste pagina.")
        return 1
    if number < 1:
        notices.append(f"Pagina {number} bestaat niet; u ziet de eerste pagina.")
        return 1
    if number > paginator.num_pages:
        notices.append(
            f"Er {'is' if paginator.num_pages == 1 else 'zijn'} maar {paginator.num_pages} "
            f"pagina{'' if paginator.num_pages == 1 else '’s'}; u ziet de laatste."
        )
        return paginator.num_pages
    return number


def ordered_letters(queryset, filterset: LetterFilterSet, sort: str):
    """``queryset`` (already filtered by ``filterset``) in the chosen order; for
    relevance it carries ``rank`` (the rank window first, then newest first)."""
    if sort == RELEVANCE:
        ranked = search.annotate_rank(queryset, filterset.parsed_query, _candidates(filterset))
        return ranked.order_by("-rank", *NEWEST_FIRST)
    return queryset.order_by(*(OLDEST_FIRST if sort == OLDEST else NEWEST_FIRST))


def _candidates(filterset: LetterFilterSet):
    """The letters the rank window is chosen from (``search.window``): those with the
    search's words, not necessarily its phrases, and the chosen facets, from a given
    year on."""
    loosened = filterset.parsed_query.loosened()

    def candidates(since_year: int | None):
        return filterset.filtered(filterset.queryset.all(), parsed=loosened, since_year=since_year)

    return candidates


def _year_counts(filterset: LetterFilterSet, summary: FacetSummary | None) -> dict:
    """The matching letters per year, from the facet counts. Not when years are
    chosen: the counts of the other years then say what choosing them would
    find."""
    if summary is None or filterset.selection["jaar"]:
        return {}
    counts = {int(count.value): count.count for count in summary.counts["jaar"]}
    return {"year_counts": counts, "estimated": summary.counts_estimated}


def page_ids(
    filterset: LetterFilterSet,
    sort: str,
    *,
    offset: int,
    limit: int,
    summary: FacetSummary | None = None,
) -> list[int]:
    """The ids of ``limit`` letters from ``offset`` on in ``ordered_letters``'s
    order, ``limit`` being how many are there. A relevance page inside the rank
    window is read from the window alone (found faster with ``summary``, the
    facet counts); should the window hold fewer matches than the page needs (a
    phrase rules some out), the full order decides."""
    if sort == RELEVANCE and offset + limit <= search.rank_window():
        window = search.window_in_order(
            filterset.qs,
            filterset.parsed_query,
            _candidates(filterset),
            **_year_counts(filterset, summary),
        )
        ids = window[offset : offset + limit]
        if len(ids) == limit:
            return ids
    full = ordered_letters(filterset.qs, filterset, sort)
    return list(full.values_list("id", flat=True)[offset : offset + limit])


def with_display_data(queryset):
    """What a result needs (dossiers, missions) in two prefetches, without the
    heavy columns."""
    return (
        queryset.select_related("dossier")
        .prefetch_related(
            "other_dossiers",
            Prefetch("mission_links", queryset=LetterMission.objects.select_related("mission")),
        )
        .defer("original_text", "search_vector")
    )


def _letters_in_order(ids: list[int]) -> list[Letter]:
    by_id = {letter.pk: letter for letter in with_display_data(Letter.objects.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def _missions_of(letter: Letter) -> list:
    missions = {link.mission.pk: link.mission for link in letter.mission_links.all()}
    return sorted(missions.values(), key=lambda m: str(m).lower())


def _hit(letter: Letter, parsed: search.ParsedQuery) -> Hit:
    stems = parsed.highlight_stems
    return Hit(
        letter=letter,
        title_html=highlight(letter.title, stems),
        snippet=make_snippet(letter.body, letter.structure, stems),
        missions=_missions_of(letter),
    )


def facet_summary(filterset: LetterFilterSet) -> FacetSummary:
    """``filterset.facet_summary()``, kept in Django's cache per archive generation
    and search (q and chosen facet values; not page or sort), so paging through
    or re-sorting a search does not count again. Only where the page cache is on
    (not in tests, whose data changes without a new generation)."""
    if not settings.PAGE_CACHE_ENABLED:
        return filterset.facet_summary()
    search_key = json.dumps(_canonical_params(filterset), ensure_ascii=False)
    digest = hashlib.sha256(f"{current_generation()}|{search_key}".encode()).hexdigest()
    key = f"facets:{digest[:40]}"
    summary = cache.get(key)
    if summary is None:
        summary = filterset.facet_summary()
        cache.set(key, summary, CACHE_SECONDS)
    return summary


def _facets(filterset: LetterFilterSet, counts) -> list[Facet]:
    facets = []
    for name in filterset.FACETS:
        chosen = filterset.selection[name]
        values = [
            FacetValue(c.value, c.label, c.count, c.value in chosen, c.detail, c.estimated)
            for c in counts[name]
        ]
        if len(values) > FACET_MAX_VALUES:
            # Keep the values with the most letters, and every chosen value,
            # in the facet's own order.
            keep = {id(v) for v in sorted(values, key=lambda v: -v.count)[:FACET_MAX_VALUES]}
            shown = [v for v in values if id(v) in keep or v.selected]
            facets.append(
                Facet(name, filterset.filters[name].label, shown, len(values) - len(shown))
            )
        else:
            facets.append(Facet(name, filterset.filters[name].label, values))
    return facets


def _chips(filterset: LetterFilterSet, path: str, sort_param: str | None) -> list[Chip]:
    params = _canonical_params(filterset, sort_param)
    chips = []
    if filterset.parsed_query.text:
        chips.append(
            Chip(
                f"Zoekterm: {filterset.parsed_query.text}",
                _url(path, [p for p in params if p[0] != "q"]),
                "q",
            )
        )
    for name in filterset.FACETS:
        legend = filterset.filters[name].label
        for value, label in filterset.selection[name].items():
            chips.append(
                Chip(
                    f"{legend}: {label}",
                    _url(path, [p for p in params if p != (name, value)]),
                    name,
                )
            )
    return chips


def letter_search(params: QueryDict) -> LetterSearch:
    filterset = LetterFilterSet(params)
    parsed = filterset.parsed_query
    notices = list(filterset.notices)
    sort = choose_sort(params.get("sorteer"), parsed.has_positive_terms, notices)
    default_sort = RELEVANCE if parsed.has_positive_terms else NEWEST
    sort_param = sort if sort != default_sort else None

    with search.index_scans(parsed):
        summary = facet_summary(filterset)
        # The page's ids first, then only those letters in full: sorting the
        # matches with their bodies attached made SQLite carry every body
        # through its sorter. The facet query already counted the matches.
        # The full order stays unevaluated: the downloads read it.
        paginator = Paginator(ordered_letters(filterset.qs, filterset, sort), PER_PAGE)
        paginator.count = summary.total
        page = paginator.page(_page_number(params.get("page"), paginator, notices))
        ids = []
        if page.end_index():
            ids = page_ids(
                filterset,
                sort,
                offset=(page.number - 1) * PER_PAGE,
                limit=page.end_index() - page.start_index() + 1,
                summary=summary,
            )
        page.object_list = _letters_in_order(ids)
    if summary.counts_estimated:
        notices.append(
            f"Meer dan {_dutch(filters.EXACT_COUNT_LIMIT)} brieven om te tellen: de aantallen bij de filters"
            f"{' en het totaal' if summary.total_estimated else ''} zijn geschat uit een vaste "
            f"steekproef van 1 op de {summary.sample_every} brieven. Waarden met weinig brieven kunnen "
            "daardoor ontbreken; kies een filter of zoek preciezer voor exacte aantallen."
        )
    if summary.total_estimated and page.number > 1 and not page.object_list:
        notices.append("Op deze pagina staan geen brieven meer: het totaal was een schatting.")
    window = search.rank_window()
    if sort == RELEVANCE and summary.total > window:
        shown = _dutch(window)
        notices.append(
            f"Meer dan {shown} brieven gevonden: de nieuwste {shown} staan op relevantie, "
            "daarna volgen de andere, nieuwste eerst. Maak uw zoekopdracht preciezer of kies "
            "filters voor een betere ordening."
        )
    hits = [_hit(letter, parsed) for letter in page.object_list]

    path = reverse("letters:letter-list")
    canonical = _canonical_params(filterset)
    sort_choices = [
        (value, label)
        for value, label in SORT_LABELS.items()
        if value != RELEVANCE or parsed.has_positive_terms
    ]
    return LetterSearch(
        query=parsed.text,
        parsed=parsed,
        page=page,
        hits=hits,
        facets=_facets(filterset, summary.counts),
        chips=_chips(filterset, path, sort_param),
        notices=notices,
        sort=sort,
        sort_choices=sort_choices,
        page_params=_query_dict(_canonical_params(filterset, sort_param)),
        feed_url=_url(reverse("letters:feed-search"), canonical),
        description=describe(filterset),
        total_estimated=summary.total_estimated,
    )


def _dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Dutch thousands separator


# -- the feed --------------------------------------------------------------------------


@dataclass
class FeedSearch:
    letters: list[Letter]
    description: str
    page_url: str
    feed_url: str


def letters_for_feed(params: QueryDict, limit: int = FEED_SIZE) -> FeedSearch:
    """The newest letters matching the same q and facets as /brieven/."""
    filterset = LetterFilterSet(params)
    with search.index_scans(filterset.parsed_query):
        letters = list(
            filterset.qs.select_related("dossier")
            .prefetch_related("other_dossiers")
            .defer("original_text", "search_vector")
            .order_by(*NEWEST_FIRST)[:limit]
        )
    canonical = _canonical_params(filterset)
    return FeedSearch(
        letters=letters,
        description=describe(filterset),
        page_url=_url(reverse("letters:letter-list"), canonical),
        feed_url=_url(reverse("letters:feed-search"), canonical),
    )
