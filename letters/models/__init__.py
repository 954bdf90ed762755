from letters.models.budget import BudgetLine, Instrument, Nature
from letters.models.citation import Citation, CitationKind
from letters.models.dossier import Dossier, Ministry, Person
from letters.models.letter import Letter, LetterKind, Signatory
from letters.models.mission import Decision, LetterMission, Mission, MissionAlias, Organisation
from letters.models.pending import PendingText
from letters.models.recommendation import Recommendation, Report, Response
from letters.models.state import ArchiveState

__all__ = [
    "ArchiveState",
    "BudgetLine",
    "Citation",
    "CitationKind",
    "Decision",
    "Dossier",
    "Instrument",
    "Letter",
    "LetterKind",
    "LetterMission",
    "Ministry",
    "Mission",
    "MissionAlias",
    "Nature",
    "Organisation",
    "PendingText",
    "Person",
    "Recommendation",
    "Report",
    "Response",
    "Signatory",
]
