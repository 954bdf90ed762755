"""The admin writes through the same door as every other path into the archive:
text is cleaned before a row is saved (``services.clean_instance``), and
``services.after_write`` runs for the letters a save or delete touched."""

from __future__ import annotations

from django.db import router, transaction

from letters.services import after_write, clean_instance


class CleanTextMixin:
    """No control characters in what an editor saves, on the form or in its inlines."""

    def save_model(self, request, obj, form, change):
        clean_instance(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            clean_instance(inline_form.instance)
        super().save_formset(request, form, formset, change)


class WritePathMixin(CleanTextMixin):
    """For models whose rows belong to letters: ``after_write`` after every save
    (with its inlines), revert from the history, and delete."""

    def letter_ids(self, obj) -> list[int]:
        """The letters a change of ``obj`` touches."""
        return [obj.letter_id]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        previous = form.initial.get("letter") if "letter" in form.changed_data else None
        after_write(letter_ids=[*self.letter_ids(form.instance), previous])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves the model only (no save_related): the step runs here.
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if request.method == "POST" and response.status_code == 302:
                after_write(letter_ids=self.letter_ids(self.model.objects.get(pk=object_id)))
        return response

    def delete_model(self, request, obj):
        letter_ids = self.letter_ids(obj)
        super().delete_model(request, obj)
        after_write(letter_ids=letter_ids)

    def delete_queryset(self, request, queryset):
        letter_ids = [pk for obj in queryset for pk in self.letter_ids(obj)]
        super().delete_queryset(request, queryset)
        after_write(letter_ids=letter_ids)
