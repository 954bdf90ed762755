from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from letters.kamerstuk import KamerstukKey, format_dossier
from letters.paths import kamerstuk_path


class CitationKind(models.TextChoices):
    KAMERSTUK = "kamerstuk", "Kamerstuk"
    HANDELINGEN = "handelingen", "Handelingen"


class Citation(models.Model):
    """A letter cites a Kamerstuk (or Handelingen) at a place in its text.

    ``target`` is set when the cited letter is in the archive; otherwise the
    citation waits, unresolved, and ``services.resolve_waiting_citations``
    links it when the cited letter arrives.
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
    # (``ingest.citations.other_dossiers_in``): not exported, not in the history.
    other_dossiers = models.JSONField(
        "overige genoemde dossiers", default=list, blank=True, editable=False
    )
    # Copies of the citing letter's date and year. "Geciteerd door" counts and orders
    # thousands of citing letters per year from the two indexes below alone, without
    # visiting a letter row. Kept in step by ``save`` here, ``Letter.save``
    # (``copy_letter_dates``) and the bulk paths, which set them (``services``,
    # ``generate_corpus``) or fill them in afterwards (the archive restore).
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

    def save(self, *args, **kwargs):
        if self.letter_id is not None:
            self.letter_date, self.letter_year = self.letter.date, self.letter.year
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "letter_date", "letter_year"}
        super().save(*args, **kwargs)

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

    @property
    def is_resolved(self) -> bool:
        return self.target_id is not None

    def get_absolute_url(self) -> str:
        key = self.kamerstuk_key
        if key is None:
            return ""
        return kamerstuk_path(key.dossier, key.number)

    @property
    def dossier_display(self) -> str:
        return format_dossier(self.dossier) if self.dossier else ""


def fill_citation_context(using: str = "default") -> int:
    """Set ``other_dossiers`` from the text of every citation that names several
    dossiers, for paths that write citations without it (the archive restore).
    Returns how many citations changed."""
    from letters.ingest.citations import other_dossiers_in

    changed = []
    rows = Citation.objects.using(using).filter(kind=CitationKind.KAMERSTUK, text__contains=" en ")
    for citation in rows.only("id", "text", "other_dossiers").iterator():
        others = list(other_dossiers_in(citation.text))
        if others != citation.other_dossiers:
            citation.other_dossiers = others
            changed.append(citation)
    Citation.objects.using(using).bulk_update(changed, ["other_dossiers"], batch_size=500)
    return len(changed)
