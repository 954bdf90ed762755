from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from letters.paths import mission_path


class Organisation(models.TextChoices):
    VN = "VN", "Verenigde Naties"
    NAVO = "NAVO", "NAVO"
    EU = "EU", "Europese Unie"
    COALITIE = "coalitie", "Coalitie"
    NATIONAAL = "nationaal", "Nationaal"
    OVERIG = "overig", "Overig"


class Decision(models.TextChoices):
    START = "start", "Start"
    EXTENSION = "extension", "Verlenging"
    INTENSIFICATION = "intensification", "Intensivering"
    END = "end", "Beëindiging"
    REPORT = "report", "Rapportage"


class Mission(models.Model):
    name = models.CharField("naam", max_length=200, unique=True)
    short_name = models.CharField("korte naam", max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    organisation = models.CharField(
        "organisatie", max_length=20, choices=Organisation.choices, db_index=True
    )
    region = models.CharField("regio", max_length=100, blank=True, db_index=True)
    country = models.CharField("land", max_length=100, blank=True)
    start_date = models.DateField("begindatum", null=True, blank=True)
    end_date = models.DateField("einddatum", null=True, blank=True)
    description = models.TextField("omschrijving", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["short_name", "name"]
        verbose_name = "missie"
        verbose_name_plural = "missies"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="mission_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de begindatum."})

    def get_absolute_url(self) -> str:
        return mission_path(self.slug)

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class MissionAlias(models.Model):
    """A way letters name a mission: "VN-missie in Mali" is MINUSMA."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField("alias", max_length=200)

    class Meta:
        ordering = ["alias"]
        verbose_name = "alias"
        verbose_name_plural = "aliassen"
        constraints = [
            models.UniqueConstraint(fields=["mission", "alias"], name="mission_alias_unique")
        ]

    def __str__(self) -> str:
        return self.alias


class LetterMission(models.Model):
    """What a letter says about a mission: the sentence and, when it says so, a decision."""

    letter = models.ForeignKey(
        "letters.Letter", on_delete=models.CASCADE, related_name="mission_links", verbose_name="brief"
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, related_name="letter_links", verbose_name="missie"
    )
    decision = models.CharField("besluit", max_length=20, choices=Decision.choices, blank=True)
    text = models.TextField("tekst", blank=True, help_text="De zin waarin de brief de missie noemt.")
    start = models.PositiveIntegerField("begin", null=True, blank=True)
    end = models.PositiveIntegerField("einde", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["letter", "start", "id"]
        verbose_name = "missie in brief"
        verbose_name_plural = "missies in brief"
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "mission", "start"], name="letter_mission_once_per_place"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="letter_mission_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["mission", "letter"], name="letter_mission_by_mission")]

    def __str__(self) -> str:
        decision = f" ({self.get_decision_display()})" if self.decision else ""
        return f"{self.mission}{decision}"
