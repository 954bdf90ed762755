from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Instrument(models.TextChoices):
    BIV = "BIV", "Budget Internationale Veiligheid"
    DEFENSIE = "Defensie", "Defensiebegroting"
    BZ = "BZ", "Buitenlandse Zaken"
    BHOS = "BHOS", "Buitenlandse Handel en Ontwikkelingssamenwerking"
    JENV = "JenV", "Justitie en Veiligheid"
    OVERIG = "overig", "Overig"


class Nature(models.TextChoices):
    STRUCTURAL = "structural", "Structureel"
    ONE_OFF = "one-off", "Incidenteel"
    PER_YEAR = "per-year", "Per jaar"
    UNKNOWN = "", "Onbekend"


class BudgetLine(models.Model):
    """An amount of money a letter names: exact euros, never a float."""

    amount = models.DecimalField("bedrag (euro)", max_digits=16, decimal_places=2)
    instrument = models.CharField(
        "budget", max_length=20, choices=Instrument.choices, default=Instrument.OVERIG, db_index=True
    )
    year_from = models.PositiveSmallIntegerField("vanaf jaar", null=True, blank=True)
    year_to = models.PositiveSmallIntegerField("tot en met jaar", null=True, blank=True)
    nature = models.CharField("aard", max_length=20, choices=Nature.choices, blank=True)
    purpose = models.TextField("doel", blank=True)
    letter = models.ForeignKey(
        "letters.Letter", on_delete=models.CASCADE, related_name="budget_lines", verbose_name="brief"
    )
    text = models.CharField("tekst zoals geschreven", max_length=200, blank=True)
    start = models.PositiveIntegerField("begin", null=True, blank=True)
    end = models.PositiveIntegerField("einde", null=True, blank=True)
    mission = models.ForeignKey(
        "letters.Mission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name="missie",
    )
    # Copies, so that the budget page counts, totals and orders budget lines without
    # joining each to its letter: the year the amount counts for (``year_from``, or
    # else the letter's year) and the letter's date. Kept in step by
    # ``services.after_write``. Derived data: not exported, not in the history.
    budget_year = models.PositiveSmallIntegerField(
        "begrotingsjaar", null=True, blank=True, editable=False
    )
    letter_date = models.DateField("datum van de brief", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["budget_year", "letter_date"])

    class Meta:
        ordering = ["letter", "start", "id"]
        verbose_name = "begrotingsregel"
        verbose_name_plural = "begrotingsregels"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True)
                | Q(year_from__isnull=True)
                | Q(year_to__gte=F("year_from")),
                name="budget_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="budget_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["instrument", "year_from"], name="budget_instrument_year"),
            # The budget page's totals per budget, year and mission: an index-only scan.
            # (Its order, newest year first, has an index of its own: migrations 0009 and 0017.)
            models.Index(
                fields=["instrument", "budget_year", "mission", "amount"], name="budget_totals"
            ),
            # A mission page's first budget lines, oldest letter first, and their total
            # and count: read from the index alone, not the mission's thousands of lines.
            models.Index(
                fields=["mission", "letter_date", "letter", "start", "id", "amount"],
                name="budget_mission_order",
            ),
        ]

    def __str__(self) -> str:
        return f"€ {self.amount:,.0f} ({self.instrument})".replace(",", ".")

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = "Een bedrag kan niet negatief zijn."
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = "Het eindjaar ligt voor het beginjaar."
        if errors:
            raise ValidationError(errors)
