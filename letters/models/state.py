from django.db import models


class ArchiveState(models.Model):
    """One row: when the archive last changed. Public pages derive their ETag and
    cache key from it (letters/page_cache.py), so every app process sees a change
    at once without a shared cache."""

    changed_at = models.DateTimeField(auto_now=True)
    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "archiefstatus"

    def __str__(self) -> str:
        return f"Archief gewijzigd op {self.changed_at:%Y-%m-%d %H:%M:%S} (#{self.generation})"
