from django.core.exceptions import ValidationError
from django.db import models

from letters.kamerstuk import InvalidKamerstuk, format_dossier, normalise_dossier
from letters.paths import dossier_path


def validate_dossier_number(value: str) -> None:
    try:
        if normalise_dossier(value) != value:
            raise ValidationError(
                "Schrijf het dossiernummer zonder spaties, met een hoofdstuk na een streepje: "
                "%(suggestion)s",
                params={"suggestion": normalise_dossier(value)},
            )
    except InvalidKamerstuk as error:
        raise ValidationError(str(error)) from error


class Dossier(models.Model):
    """A Kamerstuk dossier: ``33694`` or, for a budget chapter, ``35300-V``."""

    number = models.CharField(
        "dossiernummer",
        max_length=20,
        unique=True,
        validators=[validate_dossier_number],
        help_text="Zonder spaties; een begrotingshoofdstuk na een streepje: 35300-V",
    )
    title = models.CharField("titel", max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "dossier"
        verbose_name_plural = "dossiers"

    def __str__(self) -> str:
        display = format_dossier(self.number)
        return f"{display} — {self.title}" if self.title else display

    @property
    def display_number(self) -> str:
        return format_dossier(self.number)

    def get_absolute_url(self) -> str:
        return dossier_path(self.number)


class Ministry(models.Model):
    name = models.CharField("naam", max_length=200, unique=True)
    short_name = models.CharField("afkorting", max_length=20, blank=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "ministerie"
        verbose_name_plural = "ministeries"

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A signatory. Their function is stored per letter (it changes over time)."""

    name = models.CharField("naam", max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "persoon"
        verbose_name_plural = "personen"

    def __str__(self) -> str:
        return self.name
