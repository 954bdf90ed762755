"""Reads for the letter page, the page of a cited Kamerstuk, the dossier page and
the home page. Every function runs a fixed number of queries, however many
letters or citations there are."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery

from letters.annotate import AnnotatedText, Link, annotate
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey
from letters.models import (
    BudgetLine,
    Citation,
    CitationKind,
    Dossier,
    Letter,
    LetterMission,
    Mission,
    Recommendation,
    Signatory,
)
from letters.paths import kamerstuk_path, letter_path

# Columns a list of letters never shows: leave them in the database.
HEAVY_FIELDS = ("body", "original_text", "structure", "search_vector")
CITED_BY_PER_PAGE = 20
DOSSIER_PER_PAGE = 50


def light(prefix: str = "") -> list[str]:
    return [f"{prefix}{name}" for name in HEAVY_FIELDS]


def letter_list_queryset():
    return Letter.objects.select_related("dossier").defer(*light())


def _letter_detail_queryset():
    return (
        Letter.objects.select_related("dossier")
        .defer("original_text", "search_vector")
        .prefetch_related(
            "other_dossiers",
            "ministries",
            Prefetch("signatures", queryset=Signatory.objects.select_related("person", "ministry")),
        )
    )


def letter_for_key(key: KamerstukKey) -> Letter | None:
    return _letter_detail_queryset().filter(dossier__number=key.dossier, number=key.number).first()


def letter_for_slug(slug: str) -> Letter | None:
    return _letter_detail_queryset().filter(slug=slug).first()


@dataclass(frozen=True)
class LetterLink:
    """What a page shows of another letter to link to it. Read as plain columns
    (``LINK_COLUMNS``): a model instance per listed letter, with its dossier, cost
    more than the rest of the list."""

    url: str
    title: str
    date: date | None
    number: int | None
    key: KamerstukKey | None


LINK_COLUMNS = ("dossier__number", "number", "slug", "title", "date")


def letter_link(
    dossier: str | None, number: int | None, slug: str, title: str, letter_date: date | None
) -> LetterLink:
    """A ``LetterLink`` from the values of ``LINK_COLUMNS`` (from any model, prefixed)."""
    key = KamerstukKey(dossier, number) if dossier and number is not None else None
    return LetterLink(letter_path(dossier, number, slug), title, letter_date, number, key)


# -- "Geciteerd door" -----------------------------------------------------------
@dataclass(frozen=True)
class CitingPlace:
    """One citation in a citing letter: its anchor there (``#c<id>``) and sentence."""

    citation_id: int
    sentence: str
    in_footnote: bool
    other_dossiers: tuple[str, ...] = ()  # named beside the cited dossier; context only


@dataclass
class CitingLetter:
    letter: LetterLink
    citations: list[CitingPlace] = field(default_factory=list)


@dataclass
class CitedBy:
    entries: list[CitingLetter]
    year_counts: list[tuple[int | None, int]]  # (year, number of citing letters), newest first
    year: int | None  # the chosen year, None for all
    year_ignored: bool  # a year was asked for that has no citing letters
    total: int  # citing letters (in the chosen year)
    page: int
    pages: int

    @property
    def total_all_years(self) -> int:
        return sum(count for _, count in self.year_counts)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def citations_of(key: KamerstukKey | None, letter: Letter | None = None):
    """Citations pointing at a letter (resolved) or at its Kamerstuk number (either way)."""
    condition = Q(pk__in=[])
    if letter is not None:
        condition |= Q(target=letter)
    if key is not None:
        # ``key`` is indexed; with the target index the database can OR two index scans.
        condition |= Q(kind=CitationKind.KAMERSTUK, key=key.key)
    citations = Citation.objects.filter(condition)
    if letter is not None:
        citations = citations.exclude(letter=letter)
    return citations


CITING_NEWEST_FIRST = "ORDER BY letter_date DESC NULLS LAST, letter_id DESC"


def _citing_parts(
    key: KamerstukKey | None,
    letter: Letter | None,
    *,
    year: int | None = None,
    first: int | None = None,
) -> list[tuple[str, tuple]]:
    """The letters citing a Kamerstuk (the same as ``citations_of``, in ``year`` when
    given) as SQL parts that each give distinct (letter_year, letter_date, letter_id)
    rows and share no letter. With ``first``: only each part's newest ``first``.

    The citations resolved to the letter are one part, read from an index in the order
    DISTINCT needs (``citation_target_citing``; newest first, ``citation_target_newest``
    on PostgreSQL), so thousands of citing letters are neither hashed nor sorted.
    Citations that point here only by number (waiting, or linked by an editor to another
    letter) are nearly always none: three exact look-ups in ``citation_key_target_citing``,
    keeping the letters not already in the first part.

    Written as SQL: compiling these parts through the ORM took longer than running them."""
    table = Citation._meta.db_table
    rows = f"SELECT {{distinct}}letter_year, letter_date, letter_id FROM {table} WHERE "
    in_year, year_params = (" AND letter_year = %s", (year,)) if year is not None else ("", ())
    newest, newest_params = (f" {CITING_NEWEST_FIRST} LIMIT %s", (first,)) if first is not None else ("", ())
    by_key = "key = %s AND kind = %s"
    by_key_params = (key.key, CitationKind.KAMERSTUK.value) if key is not None else ()

    if letter is None:
        if key is None:
            return []
        sql = rows.format(distinct="DISTINCT ") + by_key + in_year + newest
        return [(sql, (*by_key_params, *year_params, *newest_params))]

    resolved = rows.format(distinct="DISTINCT ") + "target_id = %s AND letter_id <> %s"
    parts = [(resolved + in_year + newest, (letter.pk, letter.pk, *year_params, *newest_params))]
    if key is None:
        return parts
    # "target_id IS NULL OR target_id <> x" would read every citation of the number;
    # three conditions on (key, kind, target) read only the rows that match.
    others = _union_all(
        rows.format(distinct="") + f"{by_key} AND letter_id <> %s AND {target}{in_year}"
        for target in ("target_id IS NULL", "target_id < %s", "target_id > %s")
    )
    others_params = (
        *(*by_key_params, letter.pk, *year_params),
        *(*by_key_params, letter.pk, letter.pk, *year_params),
        *(*by_key_params, letter.pk, letter.pk, *year_params),
    )
    not_resolved_here = (
        f"SELECT DISTINCT letter_year, letter_date, letter_id FROM ({others}) others "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} resolved "
        "WHERE resolved.target_id = %s AND resolved.letter_id = others.letter_id)"
    )
    parts.append((not_resolved_here + newest, (*others_params, letter.pk, *newest_params)))
    return parts


def _union_all(statements) -> str:
    # SELECT * FROM (…): SQLite allows no parentheses around the parts of a UNION.
    return " UNION ALL ".join(f"SELECT * FROM ({sql}) part_{n}" for n, sql in enumerate(statements))


def _counts_and_page(
    key: KamerstukKey | None, letter: Letter | None, *, year: int | None, page: int
) -> tuple[list, list[int]]:
    """In one statement over ``_citing_parts``: (year, number of citing letters) per
    year, and the ids of one page of them (in ``year`` when given), newest first.
    Raw SQL because the ORM cannot group or order a UNION."""
    counted = _citing_parts(key, letter)
    if not counted:
        return [], []
    offset = (page - 1) * CITED_BY_PER_PAGE
    newest = _citing_parts(key, letter, year=year, first=offset + CITED_BY_PER_PAGE)
    statement = (
        f"SELECT 0, letter_year, COUNT(*) FROM ({_union_all(sql for sql, _ in counted)}) citing "
        "GROUP BY letter_year UNION ALL SELECT * FROM ("
        f"SELECT 1, letter_year, letter_id FROM ({_union_all(sql for sql, _ in newest)}) newest "
        f"{CITING_NEWEST_FIRST} LIMIT %s OFFSET %s) page"
    )
    params = tuple(param for _, params in (*counted, *newest) for param in params)
    params += (CITED_BY_PER_PAGE, offset)
    with connections[Citation.objects.db].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    counts = [(row_year, count) for part, row_year, count in rows if part == 0]
    return counts, [letter_id for part, _, letter_id in rows if part == 1]


def cited_by(
    key: KamerstukKey | None, letter: Letter | None = None, *, year: int | None, page: int | None
) -> CitedBy:
    """The letters citing a Kamerstuk (``citations_of``): how many per year, and one page
    of them with their citations, newest letter first. Two queries (three when the
    year or page asked for does not exist), each bounded by the citations of this
    Kamerstuk, not by the size of the archive."""
    asked_page = max(page or 1, 1)
    counts, page_ids = _counts_and_page(key, letter, year=year, page=asked_page)
    counts.sort(key=lambda item: (item[0] is None, -(item[0] or 0)))
    count_by_year = dict(counts)
    year_ignored = year is not None and year not in count_by_year
    if year_ignored:
        year = None
    total = count_by_year[year] if year is not None else sum(count_by_year.values())
    pages = max(1, math.ceil(total / CITED_BY_PER_PAGE))
    page = min(asked_page, pages)
    if total and (year_ignored or page != asked_page):
        _, page_ids = _counts_and_page(key, letter, year=year, page=page)

    return CitedBy(
        entries=_citing_letters(key, letter, page_ids) if total else [],
        year_counts=counts,
        year=year,
        year_ignored=year_ignored,
        total=total,
        page=page,
        pages=pages,
    )


def _citing_letters(
    key: KamerstukKey | None, letter: Letter | None, letter_ids: list[int]
) -> list[CitingLetter]:
    """The letters ``letter_ids`` (in that order) with their citations of this Kamerstuk
    in text order, from one query of plain columns."""
    rows = (
        citations_of(key, letter)
        .filter(letter_id__in=letter_ids)
        .order_by("start", "id")
        .values_list(
            "letter_id", "id", "context", "text", "in_footnote", "other_dossiers",
            *(f"letter__{column}" for column in LINK_COLUMNS),
        )
    )
    by_letter: dict[int, CitingLetter] = {}
    for letter_id, citation_id, context, text, in_footnote, others, *link in rows:
        entry = by_letter.get(letter_id)
        if entry is None:
            entry = by_letter[letter_id] = CitingLetter(letter_link(*link))
        entry.citations.append(
            CitingPlace(citation_id, context or text, in_footnote, tuple(others or ()))
        )
    return [by_letter[letter_id] for letter_id in letter_ids if letter_id in by_letter]


# -- the letter page -------------------------------------------------------------
@dataclass
class MissionMention:
    mission: Mission
    decisions: list[LetterMission]  # the mentions that decide something
    first: LetterMission  # the first mention, shown when nothing is decided


@dataclass
class LetterPage:
    letter: Letter
    text: AnnotatedText
    cited_by: CitedBy
    missions: list[MissionMention]
    budget_lines: list[BudgetLine]
    recommendations: list[Recommendation]
    previous: LetterLink | None
    next: LetterLink | None


def citation_path(
    kind: str, dossier: str, number: int | None, target: tuple | None = None
) -> str:
    """Our page for what a citation points at: the letter it is resolved to (``target``:
    that letter's dossier number, number and slug), else the page of the cited Kamerstuk.
    Handelingen and malformed numbers link nowhere of ours: ""."""
    if kind != CitationKind.KAMERSTUK:
        return ""
    if target is not None:
        return letter_path(*target)
    try:
        key = KamerstukKey(dossier, number)
    except InvalidKamerstuk:
        return ""
    return kamerstuk_path(key.dossier, key.number)


def citation_href(citation: Citation) -> str:
    """``citation_path`` of a Citation (with its target and the target's dossier loaded)."""
    target = None
    if citation.target_id is not None:
        letter = citation.target
        dossier = letter.dossier.number if letter.dossier_id is not None else None
        target = (dossier, letter.number, letter.slug)
    return citation_path(citation.kind, citation.dossier, citation.number, target)


def _text_links(letter: Letter) -> list[Link]:
    """A link for each citation with a page of ours, in text order. Read as plain
    columns: a letter can cite a hundred Kamerstukken."""
    rows = (
        Citation.objects.filter(letter_id=letter.pk)
        .order_by("start", "id")
        .values_list(
            "id", "start", "end", "kind", "dossier", "number", "target_id",
            "target__dossier__number", "target__number", "target__slug",
        )
    )
    links = []
    for citation_id, start, end, kind, dossier, number, target_id, *target in rows:
        resolved = target_id is not None
        href = citation_path(kind, dossier, number, target if resolved else None)
        if href:
            links.append(
                Link(
                    start=start,
                    end=end,
                    href=href,
                    css_class=f"citation citation-{'in-archive' if resolved else 'not-in-archive'}",
                    id=f"c{citation_id}",
                )
            )
    return links


def _mission_mentions(letter: Letter) -> list[MissionMention]:
    mentions: dict[int, MissionMention] = {}
    for link in letter.mission_links.select_related("mission").order_by("start", "id"):
        mention = mentions.get(link.mission_id)
        if mention is None:
            mention = mentions[link.mission_id] = MissionMention(link.mission, [], link)
        if link.decision:
            mention.decisions.append(link)
    return list(mentions.values())


def _neighbours(letter: Letter) -> tuple[LetterLink | None, LetterLink | None]:
    """The previous and the next letter in the letter's dossier, by number."""
    if letter.dossier_id is None or letter.number is None:
        return None, None
    same_dossier = Letter.objects.filter(dossier_id=letter.dossier_id)
    before = same_dossier.filter(number__lt=letter.number).order_by("-number").values("pk")[:1]
    after = same_dossier.filter(number__gt=letter.number).order_by("number").values("pk")[:1]
    # One query: each subquery is one step in the (dossier, number) index.
    found = (
        Letter.objects.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after)))
        .order_by()
        .values_list(*LINK_COLUMNS)
    )
    neighbours = [letter_link(*row) for row in found]
    previous = next((n for n in neighbours if n.number < letter.number), None)
    following = next((n for n in neighbours if n.number > letter.number), None)
    return previous, following


def letter_page(letter: Letter, *, cited_year: int | None, cited_page: int | None) -> LetterPage:
    previous, following = _neighbours(letter)
    return LetterPage(
        letter=letter,
        text=annotate(letter.body, letter.structure, _text_links(letter)),
        cited_by=cited_by(letter.kamerstuk_key, letter, year=cited_year, page=cited_page),
        missions=_mission_mentions(letter),
        budget_lines=list(letter.budget_lines.select_related("mission").order_by("start", "id")),
        recommendations=list(
            letter.recommendations.select_related("report").order_by("report__title", "number")
        ),
        previous=previous,
        next=following,
    )


# -- the page of a cited Kamerstuk that is not in the archive ------------------------
@dataclass
class CitedKamerstukPage:
    key: KamerstukKey
    dossier: Dossier | None
    cited_by: CitedBy


def cited_kamerstuk_page(key: KamerstukKey, *, cited_year: int | None, cited_page: int | None):
    """None when no letter in the archive cites this Kamerstuk."""
    cited = cited_by(key, year=cited_year, page=cited_page)
    if not cited.year_counts:
        return None
    return CitedKamerstukPage(
        key=key, dossier=Dossier.objects.filter(number=key.dossier).first(), cited_by=cited
    )


# -- the dossier page ------------------------------------------------------------
@dataclass
class CitedElsewhere:
    key: KamerstukKey
    letters: int  # how many letters in the archive cite it


@dataclass
class DossierPage:
    number: str
    dossier: Dossier | None
    letters: object  # a django Page
    cited_not_in_archive: list[CitedElsewhere]


def dossier_letters(dossier: Dossier):
    """Letters in the dossier, as main dossier or as one of their other dossiers."""
    also_here = Letter.other_dossiers.through.objects.filter(
        letter_id=OuterRef("pk"), dossier_id=dossier.pk
    )
    return (
        letter_list_queryset()
        .filter(Q(dossier=dossier) | Exists(also_here))
        .order_by(F("number").asc(nulls_last=True), F("date").asc(nulls_last=True), "id")
    )


def dossier_page(number: str, *, page: str | None) -> DossierPage | None:
    """None for a dossier we know nothing about: no record (so no letters) and no citations."""
    dossier = Dossier.objects.filter(number=number).first()
    cited_rows = (
        Citation.objects.filter(kind=CitationKind.KAMERSTUK, dossier=number, target__isnull=True)
        .values("number")
        .annotate(n=Count("letter", distinct=True))
        .order_by("number")
    )
    cited = []
    for row in cited_rows:
        try:
            cited.append(CitedElsewhere(KamerstukKey(number, row["number"]), row["n"]))
        except InvalidKamerstuk:
            continue
    if dossier is None and not cited:
        return None
    letters = dossier_letters(dossier) if dossier else Letter.objects.none()
    return DossierPage(
        number=number,
        dossier=dossier,
        letters=Paginator(letters, DOSSIER_PER_PAGE).get_page(page),
        cited_not_in_archive=cited,
    )


# -- the home page ---------------------------------------------------------------
@dataclass
class HomePage:
    letter_count: int
    citation_count: int
    mission_count: int
    budget_line_count: int
    recent_letters: list[Letter]
    missions: list[Mission]


def recent_letters(count: int) -> list[Letter]:
    """The newest letters by date, newest first; letters without a date after all
    dated ones (newest year first, no year last)."""
    undated_last = (F("date").desc(nulls_last=True), F("year").desc(nulls_last=True), "-id")
    return list(letter_list_queryset().order_by(*undated_last)[:count])


def home_page(*, recent: int = 8) -> HomePage:
    return HomePage(
        letter_count=Letter.objects.count(),
        citation_count=Citation.objects.count(),
        mission_count=Mission.objects.count(),
        budget_line_count=BudgetLine.objects.count(),
        recent_letters=recent_letters(recent),
        missions=list(
            Mission.objects.annotate(
                letter_count=Count("letter_links__letter", distinct=True)
            ).order_by("-letter_count", "short_name", "name")
        ),
    )
