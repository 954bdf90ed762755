"""Writes: the one door into the archive.

Every way in (text import, official publications, the admin, the restore, the
corpus generator) writes letters and what hangs off them through these functions;
no other module creates citations, mission links or budget lines, or touches the
search index.

    graph = LetterGraph(title=..., body=..., dossier="33694", number=12,
                        citations=(CitationData(key="33694-9", dossier="33694", number=9, ...),),
                        ...)
    letters = write_letters(graphs=[graph, ...])   # one transaction; ends with after_write
    after_write(letter_ids=[...])                  # after writing rows any other way

- ``LetterGraph`` and its parts (``graph``): what to write, frozen values with
  natural keys (dossier numbers, names, mission slugs, report titles). A graph with
  ``replaces=<letter id>`` is a new version of that letter: its related rows are
  replaced, its slug and id kept.
- ``write_letters(*, graphs)`` (``write``): writes one letter or thousands with bulk
  inserts, cleans every text field (``clean_instance``), then runs ``after_write``.
- ``after_write(*, letter_ids)`` (``after_write``): copies each letter's date and
  year to its citations and budget lines, resolves citations both ways, updates the
  search index and bumps the archive generation. The admin and the restore, which
  write rows themselves, call it; ``resolve_citations()`` resolves every waiting
  citation at once (after parallel bulk writers).
- ``clean_text`` / ``clean_instance`` (``text``): no control characters, ``\\n`` line ends.
- ``reanalyse_citations`` (``reanalyse``): a stored letter's citations read again
  with today's rules (``replace_citations`` writes them).
- Text import (``imports``, ``extraction``): ``import_letter_file``,
  ``import_letter_text`` (idempotent), ``save_extraction`` and
  ``graph_from_extraction`` (an extraction, the editor's ``LetterOverrides`` and
  ``Selection`` → a graph); ``mission_names()`` for the pipeline.

An importer whose metadata wins over extraction builds the graph itself (or passes
``LetterOverrides``); citations a publisher gives are ``CitationData`` like any other.
"""

from letters.services.after_write import after_write, resolve_citations
from letters.services.extraction import (
    ImportRefused,
    LetterOverrides,
    Selection,
    graph_from_extraction,
)
from letters.services.graph import (
    BudgetLineData,
    CitationData,
    LetterGraph,
    MissionLinkData,
    RecommendationData,
    SignatoryData,
)
from letters.services.imports import (
    ImportResult,
    import_letter_file,
    import_letter_text,
    mission_names,
    read_overrides,
    save_extraction,
)
from letters.services.reanalyse import CitationChanges, reanalyse_citations
from letters.services.text import clean_instance, clean_text, text_hash
from letters.services.write import ministry_for_function, sentence_around, write_letters

__all__ = [
    "BudgetLineData",
    "CitationChanges",
    "CitationData",
    "ImportRefused",
    "ImportResult",
    "LetterGraph",
    "LetterOverrides",
    "MissionLinkData",
    "RecommendationData",
    "Selection",
    "SignatoryData",
    "after_write",
    "clean_instance",
    "clean_text",
    "graph_from_extraction",
    "import_letter_file",
    "import_letter_text",
    "ministry_for_function",
    "mission_names",
    "read_overrides",
    "reanalyse_citations",
    "resolve_citations",
    "save_extraction",
    "sentence_around",
    "text_hash",
    "write_letters",
]
