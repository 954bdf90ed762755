"""Atom feeds: new letters, and new letters about a mission, in a dossier, or citing
a Kamerstuk. "New" means newly added to the archive."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator

from letters.feeds.atom import SiteFeed
from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, format_dossier
from letters.models import Citation, CitationKind, Dossier, Letter, LetterMission, Mission

ITEMS = 30
SUMMARY_WORDS = 60


class _LetterFeed(SiteFeed):
    author_name = "Archief Kamerbrieven Internationale Veiligheid"

    def letters(self):
        # The summary needs the body; the rest of the heavy columns stay behind.
        return (
            Letter.objects.select_related("dossier")
            .defer("original_text", "structure", "search_vector")
            .order_by("-created_at", "-id")
        )

    def item_title(self, letter: Letter) -> str:
        key = letter.kamerstuk_key
        return f"{key.display}: {letter.title}" if key else letter.title

    def item_description(self, letter: Letter) -> str:
        # Atom summaries are HTML: escape the letter's text so it stays text.
        first_paragraph = letter.body.strip().split("\n\n", 1)[0]
        return escape(Truncator(first_paragraph).words(SUMMARY_WORDS))

    def item_link(self, letter: Letter) -> str:
        return letter.get_absolute_url()

    def item_guid(self, letter: Letter) -> str:
        # Stable although the address moves from /brieven/<slug>/ to /kamerstuk/…
        return f"tag:kamerbrieven-archief,2024:brief-{letter.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, letter: Letter):
        return letter.created_at

    def item_updateddate(self, letter: Letter):
        return letter.updated_at


class LatestLettersFeed(_LetterFeed):
    title = "Nieuwe Kamerbrieven over internationale veiligheid"
    subtitle = "Brieven die nieuw in het archief zijn opgenomen."

    def link(self) -> str:
        return reverse("letters:letter-list")

    def items(self):
        return self.letters()[:ITEMS]


class MissionLettersFeed(_LetterFeed):
    def get_object(self, request, slug: str) -> Mission:
        mission = Mission.objects.filter(slug=slug).first()
        if mission is None:
            raise Http404("Deze missie staat niet in het archief.")
        return mission

    def title(self, mission: Mission) -> str:
        return f"Nieuwe brieven over {mission}"

    def subtitle(self, mission: Mission) -> str:
        return f"Kamerbrieven die {mission.name} noemen."

    def link(self, mission: Mission) -> str:
        return mission.get_absolute_url()

    def items(self, mission: Mission):
        about = LetterMission.objects.filter(letter=OuterRef("pk"), mission=mission)
        return self.letters().filter(Exists(about))[:ITEMS]


class DossierLettersFeed(_LetterFeed):
    def get_object(self, request, dossier: str) -> Dossier:
        found = Dossier.objects.filter(number=dossier).first()
        if found is None:
            raise Http404("Dit dossier staat niet in het archief.")
        return found

    def title(self, dossier: Dossier) -> str:
        return f"Nieuwe brieven in dossier {dossier.display_number}"

    def subtitle(self, dossier: Dossier) -> str:
        return str(dossier)

    def link(self, dossier: Dossier) -> str:
        return dossier.get_absolute_url()

    def items(self, dossier: Dossier):
        also_here = Letter.other_dossiers.through.objects.filter(
            letter_id=OuterRef("pk"), dossier_id=dossier.pk
        )
        return self.letters().filter(Q(dossier=dossier) | Exists(also_here))[:ITEMS]


class CitingLettersFeed(_LetterFeed):
    """Subscribable before anyone cites the Kamerstuk: any valid number has a feed."""

    def get_object(self, request, dossier: str, number: int) -> KamerstukKey:
        try:
            return KamerstukKey(dossier, number)
        except InvalidKamerstuk as error:
            raise Http404("Geen geldig Kamerstuknummer.") from error

    def title(self, key: KamerstukKey) -> str:
        return f"Nieuwe brieven die verwijzen naar {key.display}"

    def subtitle(self, key: KamerstukKey) -> str:
        return f"Kamerbrieven in het archief die {key.display} (dossier {format_dossier(key.dossier)}) citeren."

    def link(self, key: KamerstukKey) -> str:
        return reverse("letters:kamerstuk", kwargs={"dossier": key.dossier, "number": key.number})

    def items(self, key: KamerstukKey):
        citing = Citation.objects.filter(
            letter=OuterRef("pk"),
            kind=CitationKind.KAMERSTUK,
            dossier=key.dossier,
            number=key.number,
        )
        return (
            self.letters()
            .filter(Exists(citing))
            .exclude(dossier__number=key.dossier, number=key.number)[:ITEMS]
        )
