"""How well the ingest pipeline reads real letters: the seeds and the letters in
``tests/fixtures/real`` against ``tests/fixtures/real/expected.json``.

    .venv/bin/python -m tests.real_letters

prints one line per letter and the figures docs/ingest.md reports; the test
``tests/test_real_letters.py`` asserts the targets on the same figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from letters.ingest.pipeline import extract
from letters.ingest.sources import read_letter_source
from letters.ingest.types import Extraction

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
EXPECTED = REAL / "expected.json"
# What page furniture looks like; none of it may reach a title.
FURNITURE = re.compile(
    r"kst-|ISSN|Datum publicatie|Staten-Generaal|Naar boven|\bX ?Noot\b|[Vv]ergaderjaar|"
    r"Ondertekenaar|Brief regering|^Nr\.|^Kamerstuk$|\d{4}-\d{4}\d{4,5}"
)


@dataclass
class Case:
    path: Path
    expected: dict
    extraction: Extraction

    @property
    def name(self) -> str:
        return self.path.name

    def found_identifier(self) -> str | None:
        key = self.extraction.metadata.key
        return key.key if key else None

    def identifier_right(self) -> bool:
        meta = self.extraction.metadata
        return (
            self.found_identifier() == self.expected["identifier"]
            and meta.dossiers == self.expected["dossiers"]
        )

    def date_right(self) -> bool:
        found = self.extraction.metadata.date
        return (found.isoformat() if found else None) == self.expected["date"]

    def signatories_right(self) -> bool:
        found = [{"name": s.name, "function": s.function} for s in self.extraction.metadata.signatories]
        return found == self.expected["signatories"]

    def citations(self) -> tuple[set[str], set[str]]:
        return {c.key.key for c in self.extraction.citations}, set(self.expected["citations"])

    def title_furniture(self) -> list[str]:
        return FURNITURE.findall(self.extraction.metadata.title)


@dataclass
class Figures:
    letters: int = 0
    identifier_right: int = 0
    date_right: int = 0
    signatories_right: int = 0
    true_positives: int = 0
    found: int = 0
    expected: int = 0
    titles_with_furniture: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def load_cases() -> list[Case]:
    cases = []
    for entry in json.loads(EXPECTED.read_text(encoding="utf-8"))["letters"]:
        path = (REAL / entry["file"]).resolve()
        raw = read_letter_source(path.read_bytes(), filename=path.name)
        cases.append(Case(path, entry, extract(raw)))
    return cases


def measure(cases: list[Case]) -> Figures:
    figures = Figures(letters=len(cases))
    for case in cases:
        figures.identifier_right += case.identifier_right()
        figures.date_right += case.date_right()
        figures.signatories_right += case.signatories_right()
        found, expected = case.citations()
        figures.true_positives += len(found & expected)
        figures.found += len(found)
        figures.expected += len(expected)
        if case.title_furniture():
            figures.titles_with_furniture.append(case.name)
    return figures


def main() -> None:
    cases = load_cases()
    for case in cases:
        found, expected = case.citations()
        marks = [
            "id" if case.identifier_right() else "ID?",
            "date" if case.date_right() else "DATE?",
            "sig" if case.signatories_right() else "SIG?",
            f"cit {len(found & expected)}/{len(expected)}+{len(found - expected)}",
        ]
        print(f"{case.name:<34} {' '.join(marks):<28} {case.extraction.metadata.title[:70]}")
    figures = measure(cases)
    n = figures.letters
    print(
        f"\n{n} letters: identifier and dossiers right {figures.identifier_right}/{n} "
        f"({figures.identifier_right / n:.0%}), date {figures.date_right}/{n}, "
        f"signatories {figures.signatories_right}/{n}, citations precision "
        f"{figures.precision:.3f} recall {figures.recall:.3f} "
        f"({figures.true_positives} of {figures.expected} expected, {figures.found} found), "
        f"titles with page furniture: {len(figures.titles_with_furniture)}"
    )


if __name__ == "__main__":
    main()
