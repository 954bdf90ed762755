"""Model instances → plain JSON-ready dicts, in the shapes ``letters.api.openapi``
describes. Dates are ISO 8601 strings, amounts exact decimal strings ("30000000.00"),
links absolute. Nothing here queries the database beyond what the caller
selected or prefetched (see ``letters.api.selectors``)."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from letters import site
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, format_dossier
from letters.models import Citation, CitationKind, Letter, Mission
from letters.selectors.letters import citation_href


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


CENTS = Decimal("0.01")


def amount(value: Decimal | None) -> str:
    """Exact euros with cents, as a string: "30000000.00" (never a float)."""
    return f"{(value or Decimal(0)).quantize(CENTS):f}"


class Serializer:
    """Knows the request, so every link it writes is absolute."""

    def __init__(self, request):
        self.request = request

    def absolute(self, path: str) -> str:
        return site.absolute(self.request, path)

    # -- letters ----------------------------------------------------------------
    def letter_ref(self, letter: Letter) -> dict:
        key = letter.kamerstuk_key
        return {
            "id": letter.slug,
            "key": key.key if key else None,
            "dossier": letter.dossier.number if letter.dossier_id else None,
            "number": letter.number,
            "display": key.display if key else None,
            "title": letter.title,
            "date": iso(letter.date),
            "year": letter.year,
            "kind": letter.kind,
            "url": self.absolute(letter.get_absolute_url()),
            "api_url": self.absolute(reverse("letters:api-letter", kwargs={"slug": letter.slug})),
            "official_url": key.official_url if key else None,
        }

    def letter_item(self, letter: Letter) -> dict:
        """A letter in a list: uses prefetched other_dossiers, ministries, mission_links."""
        missions: dict[int, Mission] = {}
        for link in letter.mission_links.all():
            missions.setdefault(link.mission_id, link.mission)
        return {
            **self.letter_ref(letter),
            "vergaderjaar": letter.vergaderjaar,
            "other_dossiers": [
                d.number for d in letter.other_dossiers.all() if d.pk != letter.dossier_id
            ],
            "ministries": [{"id": m.slug, "name": m.name} for m in letter.ministries.all()],
            "missions": [
                self.mission_ref(m)
                for m in sorted(missions.values(), key=lambda m: (str(m).lower(), m.pk))
            ],
        }

    def letter_detail(self, letter: Letter, related) -> dict:
        return {
            **self.letter_item(letter),
            "signatories": [
                {
                    "name": s.person.name,
                    "function": s.function,
                    "ministry": s.ministry.slug if s.ministry_id else None,
                }
                for s in letter.signatures.all()
            ],
            "source_url": letter.source_url or None,
            "created_at": iso(letter.created_at),
            "updated_at": iso(letter.updated_at),
            "body": letter.body,
            "structure": letter.structure or {},
            "citations": [self.citation(c) for c in related.citations],
            "cited_by": self.cited_by(related.cited_by),
            "mission_mentions": [
                {
                    "mission": self.mission_ref(link.mission),
                    "decision": link.decision,
                    "text": link.text,
                    "start": link.start,
                    "end": link.end,
                }
                for link in related.mission_links
            ],
            "budget_lines": [self.budget_line(line, letter=False) for line in related.budget_lines],
            "recommendations": [
                self.recommendation(r, letter=False) for r in related.recommendations
            ],
        }

    # -- citations ----------------------------------------------------------------
    def citation(self, citation: Citation) -> dict:
        key = _citation_key(citation)
        href = citation_href(citation)
        return {
            "kind": citation.kind,
            "key": citation.key,
            "dossier": citation.dossier or None,
            "number": citation.number,
            "display": citation.display,
            "text": citation.text,
            "start": citation.start,
            "end": citation.end,
            "in_footnote": citation.in_footnote,
            "context": citation.context,
            "in_archive": citation.target_id is not None,
            "target": self.letter_ref(citation.target) if citation.target_id else None,
            "url": self.absolute(href) if href else None,
            "official_url": key.official_url if key else None,
        }

    def cited_by(self, citations) -> list[dict]:
        """Citing letters with the places they cite, in the order given."""
        entries: list[dict] = []
        by_letter: dict[int, dict] = {}
        for citation in citations:
            entry = by_letter.get(citation.letter_id)
            if entry is None:
                entry = by_letter[citation.letter_id] = {
                    "letter": self.letter_ref(citation.letter),
                    "citations": [],
                }
                entries.append(entry)
            entry["citations"].append(
                {
                    "text": citation.text,
                    "start": citation.start,
                    "end": citation.end,
                    "in_footnote": citation.in_footnote,
                    "context": citation.context,
                }
            )
        return entries

    def kamerstuk(self, key: KamerstukKey, letter: Letter | None, citations) -> dict:
        return {
            "key": key.key,
            "dossier": key.dossier,
            "number": key.number,
            "display": key.display,
            "url": self.absolute(key.path),
            "official_url": key.official_url,
            "in_archive": letter is not None,
            "letter": self.letter_ref(letter) if letter is not None else None,
            "cited_by": self.cited_by(citations),
        }

    # -- missions -------------------------------------------------------------------
    def mission_ref(self, mission: Mission) -> dict:
        return {
            "id": mission.slug,
            "name": mission.name,
            "short_name": mission.short_name,
            "organisation": mission.organisation,
            "url": self.absolute(mission.get_absolute_url()),
            "api_url": self.absolute(reverse("letters:api-mission", kwargs={"slug": mission.slug})),
        }

    def mission_item(self, mission: Mission, letter_count: int) -> dict:
        return {
            **self.mission_ref(mission),
            "region": mission.region,
            "country": mission.country,
            "start_date": iso(mission.start_date),
            "end_date": iso(mission.end_date),
            "active": mission.is_active,
            "letter_count": letter_count,
        }

    def mission_detail(self, page) -> dict:
        mission = page.mission
        return {
            **self.mission_item(mission, len(page.timeline)),
            "description": mission.description,
            "aliases": [alias.alias for alias in mission.aliases.all()],
            "letters": [
                {
                    "letter": self.letter_ref(entry.letter),
                    "mentions": [
                        {
                            "decision": link.decision,
                            "text": link.text,
                            "start": link.start,
                            "end": link.end,
                        }
                        for link in entry.mentions
                    ],
                }
                for entry in page.timeline
            ],
            "budget_lines": [self.budget_line(line, mission=False) for line in page.budget_lines],
            "budget_total": amount(page.budget_total),
        }

    # -- money and recommendations ---------------------------------------------------
    def budget_line(self, line, *, letter: bool = True, mission: bool = True) -> dict:
        data = {
            "id": line.pk,
            "amount": amount(line.amount),
            "instrument": line.instrument,
            "year_from": line.year_from,
            "year_to": line.year_to,
            # The year the amount counts for on the budget page.
            "budget_year": line.year_from or (line.letter.year if letter else None),
            "nature": line.nature,
            "purpose": line.purpose,
            "text": line.text,
            "start": line.start,
            "end": line.end,
        }
        if mission:
            data["mission"] = self.mission_ref(line.mission) if line.mission_id else None
        if letter:
            data["letter"] = self.letter_ref(line.letter)
        return data

    def recommendation(self, recommendation, *, letter: bool = True) -> dict:
        report = recommendation.report
        data = {
            "id": recommendation.pk,
            "report": {
                "id": report.slug,
                "title": report.title,
                "author": report.author,
                "year": report.year,
                "url": self.absolute(report.get_absolute_url()),
            },
            "number": recommendation.number,
            "text": recommendation.text,
            "response": recommendation.response,
            "response_text": recommendation.response_text,
            "missions": [self.mission_ref(m) for m in recommendation.missions.all()],
        }
        if letter:
            data["letter"] = (
                self.letter_ref(recommendation.letter) if recommendation.letter_id else None
            )
        return data

    # -- dossiers --------------------------------------------------------------------------
    def dossier_urls(self, number: str) -> dict:
        return {
            "url": self.absolute(reverse("letters:dossier", kwargs={"dossier": number})),
            "api_url": self.absolute(reverse("letters:api-dossier", kwargs={"dossier": number})),
            "letters_url": self.absolute(
                reverse("letters:api-letters") + "?" + urlencode({"dossier": number})
            ),
        }

    def dossier(self, dossier, letter_count: int) -> dict:
        return {
            "id": dossier.number,
            "display": format_dossier(dossier.number),
            "title": dossier.title,
            "letter_count": letter_count,
            **self.dossier_urls(dossier.number),
        }

    def dossier_detail(self, page) -> dict:
        dossier = page.dossier
        return {
            "id": page.number,
            "display": format_dossier(page.number),
            "title": dossier.title if dossier else "",
            "letter_count": page.letters.paginator.count,
            **self.dossier_urls(page.number),
            "cited_not_in_archive": [
                {
                    "key": entry.key.key,
                    "display": entry.key.display,
                    "url": self.absolute(entry.key.path),
                    "official_url": entry.key.official_url,
                    "citing_letters": entry.letters,
                }
                for entry in page.cited_not_in_archive
            ],
        }


def _citation_key(citation: Citation) -> KamerstukKey | None:
    if citation.kind != CitationKind.KAMERSTUK:
        return None
    try:
        return citation.kamerstuk_key
    except InvalidKamerstuk:
        return None
