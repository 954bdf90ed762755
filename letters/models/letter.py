from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from letters.kamerstuk import KamerstukKey
from letters.paths import letter_path

VERGADERJAAR_RE = r"^(19|20)\d\d-(19|20)\d\d$"


class LetterKind(models.TextChoices):
    KABINETSREACTIE = "kabinetsreactie", "Kabinetsreactie"
    ARTIKEL_100 = "artikel-100", "Artikel 100-brief"
    VOORTGANG = "voortgangsrapportage", "Voortgangsrapportage"
    BELEIDSBRIEF = "beleidsbrief", "Beleidsbrief"
    BESLUITVORMING = "besluitvorming", "Brief over besluitvorming"
    VERSLAG = "verslag", "Verslag"
    BEANTWOORDING = "beantwoording", "Beantwoording"
    OVERIG = "overig", "Overig"


class Letter(models.Model):
    dossier = models.ForeignKey(
        "letters.Dossier",
        verbose_name="hoofddossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
    )
    number = models.PositiveIntegerField(
        "ondernummer", null=True, blank=True, help_text="Leeg zolang het nummer onbekend is."
    )
    other_dossiers = models.ManyToManyField(
        "letters.Dossier",
        verbose_name="overige dossiers",
        blank=True,
        related_name="letters_also",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Vaste URL /brieven/<slug>/, ook voordat het Kamerstuknummer bekend is.",
    )
    title = models.CharField("titel", max_length=500)
    date = models.DateField("datum", null=True, blank=True)
    year = models.PositiveSmallIntegerField("jaar", null=True, blank=True, db_index=True)
    vergaderjaar = models.CharField(
        "vergaderjaar",
        max_length=9,
        blank=True,
        validators=[],
        help_text="Bijvoorbeeld 2015-2016.",
    )
    kind = models.CharField("soort", max_length=30, choices=LetterKind.choices, blank=True)
    ministries = models.ManyToManyField(
        "letters.Ministry", verbose_name="ministeries", blank=True, related_name="letters"
    )
    signatories = models.ManyToManyField(
        "letters.Person",
        verbose_name="ondertekenaars",
        through="letters.Signatory",
        blank=True,
        related_name="letters",
    )
    body = models.TextField("tekst", help_text="De opgeschoonde tekst.")
    structure = models.JSONField(
        "opbouw",
        default=dict,
        blank=True,
        help_text="Alinea's, koppen en voetnoten als posities in de tekst (gevuld bij inlezen).",
    )
    original_text = models.TextField("oorspronkelijke tekst", blank=True)
    source_url = models.URLField("bron", max_length=500, blank=True)
    source_name = models.CharField("bronbestand", max_length=255, blank=True, db_index=True)
    text_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("gewijzigd", auto_now=True, db_index=True)
    # Optimistic locking: every save increments it; an edit based on an older
    # version is refused instead of silently overwriting (see admin/letters.py).
    version = models.PositiveIntegerField("versie", default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector", "text_hash"])

    class Meta:
        ordering = ["-date", "-year", "-id"]
        verbose_name = "brief"
        verbose_name_plural = "brieven"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="letter_unique_kamerstuk"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(dossier__isnull=False),
                name="letter_number_needs_dossier",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2200),
                name="letter_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(vergaderjaar="") | Q(vergaderjaar__regex=VERGADERJAAR_RE),
                name="letter_vergaderjaar_shape",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="letter_search_gin"),
            models.Index(fields=["dossier", "number"], name="letter_dossier_number"),
            models.Index(fields=["-date", "-id"], name="letter_date_desc"),
            # What the facet counts read of a letter, by id, without reading
            # the row: SQLite stores dossier_id after the ~30 KB body, and the
            # counting sample without search words is read from here (see
            # letters.filters).
            models.Index(fields=["id", "year", "dossier", "kind"], name="letter_facet_columns"),
            # A year's letters in id order: browsing a year and another facet
            # (``?missie=…&jaar=…``) merges them with the other facet's ids
            # instead of probing every letter of the mission.
            models.Index(fields=["year", "id"], name="letter_year_id"),
        ]

    def __str__(self) -> str:
        key = self.kamerstuk_key
        label = key.display if key else "Brief zonder nummer"
        return f"{label} — {self.title}"

    # -- identifiers -------------------------------------------------------
    @property
    def kamerstuk_key(self) -> KamerstukKey | None:
        if self.dossier_id is None or self.number is None:
            return None
        return KamerstukKey(self.dossier.number, self.number)

    @property
    def official_id(self) -> str:
        key = self.kamerstuk_key
        return key.official_id if key else ""

    @property
    def official_url(self) -> str:
        key = self.kamerstuk_key
        return key.official_url if key else ""

    def all_dossiers(self):
        main = [self.dossier] if self.dossier_id else []
        return main + [d for d in self.other_dossiers.all() if d.pk != self.dossier_id]

    def get_absolute_url(self) -> str:
        dossier = self.dossier.number if self.dossier_id is not None else None
        return letter_path(dossier, self.number, self.slug)

    # -- validation --------------------------------------------------------
    def clean(self) -> None:
        errors = {}
        if self.number is not None and self.dossier_id is None:
            errors["dossier"] = "Een ondernummer hoort bij een dossier: kies het hoofddossier."
        if self.vergaderjaar:
            import re

            if not re.match(VERGADERJAAR_RE, self.vergaderjaar):
                errors["vergaderjaar"] = "Schrijf het vergaderjaar als 2015-2016."
            else:
                first, second = (int(y) for y in self.vergaderjaar.split("-"))
                if second != first + 1:
                    errors["vergaderjaar"] = "Een vergaderjaar loopt over twee opeenvolgende jaren."
        if self.date and self.year and self.date.year != self.year:
            errors["year"] = "Het jaar wijkt af van de datum."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.date and not self.year:
            self.year = self.date.year
        super().save(*args, **kwargs)


class Signatory(models.Model):
    """A person signing a letter, with their function at the time."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey("letters.Person", on_delete=models.PROTECT, verbose_name="persoon")
    function = models.CharField("functie", max_length=200, help_text="Minister van Defensie")
    ministry = models.ForeignKey(
        "letters.Ministry", on_delete=models.SET_NULL, null=True, blank=True, verbose_name="ministerie"
    )
    position = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "ondertekenaar"
        verbose_name_plural = "ondertekenaars"
        constraints = [
            models.UniqueConstraint(fields=["letter", "person"], name="signatory_once_per_letter")
        ]

    def __str__(self) -> str:
        return f"{self.function}, {self.person.name}"
