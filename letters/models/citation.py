from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from letters.kamerstuk import KamerstukKey
from letters.paths import kamerstuk_path


class CitationKind(models.TextChoices):
    KAMERSTUK = "kamerstuk", "Kamerstuk"
    HANDELINGEN = "handelingen", "Handelingen"


class Citation(models.Model):
    """A letter cites a Kamerstuk (or Handelingen) at a place in its text.

    ``target`` is set when the cited letter is in the archive; otherwise the
    citation waits, unresolved, and ``services.after_write`` links it when the
    cited letter arrives.
    """

    letter = models.ForeignKey(
        "letters.Letter", on_delete=models.CASCADE, related_name="citations", verbose_name="brief"
    )
    kind = models.CharField(
        "soort", max_length=20, choices=CitationKind.choices, default=CitationKind.KAMERSTUK
    )
    # "33694-12", "35300-V-14"; for Handelingen "h-tk-20192020-23-4".
    key = models.CharField("verwijzing", max_length=60, db_index=True)
    dossier = models.CharField("dossiernummer", max_length=20, blank=True)
    number = models.PositiveIntegerField("ondernummer", null=True, blank=True)
    target = models.ForeignKey(
        "letters.Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name="geciteerde brief",
    )
    text = models.CharField("tekst zoals geschreven", max_length=500)
    start = models.PositiveIntegerField("begin")
    end = models.PositiveIntegerField("einde")
    in_footnote = models.BooleanField("in voetnoot", default=False)
    context = models.TextField("zin", blank=True, help_text="De zin rond de verwijzing.")
    # "Kamerstukken 33 694 en 26 643, nr. 47" cites kst-33694-47; 26643 is named beside it.
    # Context for the reader, never linked or counted. Derived from ``text``
    # (``ingest.citations.other_dossiers_in``) by ``services.after_write``: not
    # exported, not in the history.
    other_dossiers = models.JSONField(
        "overige genoemde dossiers", default=list, blank=True, editable=False
    )
    # Copies of the citing letter's date and year. "Geciteerd door" counts and orders
    # thousands of citing letters per year from the two indexes below alone, without
    # visiting a letter row. Kept in step by ``services.after_write``.
    # Derived data: not exported, not in the history.
    letter_date = models.DateField("datum van de brief", null=True, blank=True, editable=False)
    letter_year = models.PositiveSmallIntegerField(
        "jaar van de brief", null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["letter_date", "letter_year", "other_dossiers"])

    class Meta:
        ordering = ["letter", "start"]
        verbose_name = "verwijzing"
        verbose_name_plural = "verwijzingen"
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="citation_end_after_start"),
            models.UniqueConstraint(
                fields=["letter", "key", "start"], name="citation_once_per_place"
            ),
            models.CheckConstraint(
                condition=~Q(kind="kamerstuk") | (Q(number__isnull=False) & ~Q(dossier="")),
                name="citation_kamerstuk_has_number",
            ),
        ]
        # The citing letters of a Kamerstuk, by target (in the archive) and by key (either
        # way), with all that "Geciteerd door" needs of them: index-only scans.
        indexes = [
            models.Index(
                fields=["target", "letter_year", "letter_date", "letter"],
                name="citation_target_citing",
            ),
            # Target before the rest: a Kamerstuk in the archive asks for the citations of
            # its number that are waiting or point elsewhere, nearly always none, without
            # reading the thousands resolved to it.
            models.Index(
                fields=["key", "kind", "target", "letter_year", "letter_date", "letter"],
                name="citation_key_target_citing",
            ),
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def kamerstuk_key(self) -> KamerstukKey | None:
        if self.kind != CitationKind.KAMERSTUK or self.number is None:
            return None
        return KamerstukKey(self.dossier, self.number)

    @property
    def display(self) -> str:
        key = self.kamerstuk_key
        if key:
            return key.display
        return self.text

    def get_absolute_url(self) -> str:
        key = self.kamerstuk_key
        if key is None:
            return ""
        return kamerstuk_path(key.dossier, key.number)

