from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Response(models.TextChoices):
    ADOPTED = "adopted", "Overgenomen"
    PARTLY = "partly", "Deels overgenomen"
    REJECTED = "rejected", "Niet overgenomen"
    NOTED = "noted", "Kennisgenomen"


class Report(models.Model):
    """An advisory report or policy review the cabinet responds to."""

    title = models.CharField("titel", max_length=300, unique=True)
    author = models.CharField(
        "uitgebracht door", max_length=200, blank=True, help_text="WRR, IOB, AIV, …"
    )
    year = models.PositiveSmallIntegerField("jaar", null=True, blank=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"

    def __str__(self) -> str:
        return f"{self.author}: {self.title}" if self.author else self.title

    def get_absolute_url(self) -> str:
        return reverse("letters:recommendations") + f"#{self.slug}"


class Recommendation(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="recommendations", verbose_name="rapport"
    )
    number = models.CharField("nummer", max_length=20)
    text = models.TextField("aanbeveling")
    response = models.CharField(
        "reactie kabinet", max_length=20, choices=Response.choices, blank=True, db_index=True
    )
    response_text = models.TextField("tekst van de reactie", blank=True)
    letter = models.ForeignKey(
        "letters.Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="reagerende brief",
    )
    missions = models.ManyToManyField(
        "letters.Mission", blank=True, related_name="recommendations", verbose_name="missies"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "number"]
        verbose_name = "aanbeveling"
        verbose_name_plural = "aanbevelingen"
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="recommendation_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.report.title}, aanbeveling {self.number}"
