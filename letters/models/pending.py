from django.conf import settings
from django.db import models


class PendingText(models.Model):
    """A text between the review page and saving it as a letter, kept on the server
    so the confirming form carries a signed reference instead of the text
    (``letters.admin.pending``). Not part of the archive: not exported, no history,
    no effect on the page cache; rows expire."""

    text = models.TextField()
    # What the flow needs again on saving (e.g. the uploaded file's name).
    metadata = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "tekst in behandeling"
        verbose_name_plural = "teksten in behandeling"

    def __str__(self) -> str:
        return f"Tekst van {len(self.text)} tekens ({self.created_at:%Y-%m-%d %H:%M})"
