from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from letters import json_input
from letters.admin.new_letter import new_letter_view
from letters.admin.write_path import WritePathMixin
from letters.models import (
    BudgetLine,
    Citation,
    Letter,
    LetterMission,
    Recommendation,
    Signatory,
)


class StaleLetterError(Exception):
    """Raised when two saves of the same letter race; the transaction is rolled back."""


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["person", "ministry"]


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "letter"
    extra = 0
    fields = ["kind", "key", "dossier", "number", "text", "target", "in_footnote", "start", "end"]
    autocomplete_fields = ["target"]
    show_change_link = True


class LetterMissionInline(admin.TabularInline):
    model = LetterMission
    extra = 0
    fields = ["mission", "decision", "text"]
    autocomplete_fields = ["mission"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["amount", "instrument", "year_from", "year_to", "nature", "mission", "text"]
    autocomplete_fields = ["mission"]


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = ["report", "number", "text", "response", "response_text"]
    autocomplete_fields = ["report"]


class LetterForm(forms.ModelForm):
    """Refuses a save based on an older version of the letter (optimistic locking):
    the second of two editors gets told who changed it and when."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Letter
        fields = "__all__"
        field_classes = {"structure": json_input.BoundedJSONField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        seen = data.get("version_seen")
        current = Letter.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if seen is None or current != seen:
            raise ValidationError(stale_edit_message(self.instance), code="stale")
        return data


def stale_edit_message(letter: Letter) -> str:
    latest = letter.history.order_by("-history_date").select_related("history_user").first()
    who = getattr(latest and latest.history_user, "username", None) or "iemand anders"
    when = timezone.localtime(latest.history_date if latest else letter.updated_at)
    return (
        f"Deze brief is gewijzigd door {who} op {when:%d-%m-%Y} om {when:%H:%M} sinds je hem opende. "
        "Je wijzigingen zijn niet opgeslagen. Open de brief opnieuw om de nieuwste versie te zien "
        "en breng je wijzigingen daarin aan."
    )


@admin.register(Letter)
class LetterAdmin(WritePathMixin, SimpleHistoryAdmin):
    list_display = ["kamerstuk", "title", "date", "year", "kind", "dossier"]
    list_display_links = ["kamerstuk", "title"]
    list_filter = ["kind", "year", "ministries", "dossier"]
    search_fields = ["title", "body", "dossier__number", "slug"]
    date_hierarchy = "date"
    autocomplete_fields = ["dossier", "other_dossiers", "ministries"]
    list_select_related = ["dossier"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["official_id_display", "public_link", "created_at", "updated_at"]
    form = LetterForm
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "public_link", "version_seen"]}),
        (
            "Kamerstuk",
            {"fields": ["dossier", "number", "official_id_display", "other_dossiers", "vergaderjaar"]},
        ),
        ("Datum", {"fields": ["date", "year"]}),
        ("Afzenders", {"fields": ["ministries"]}),
        ("Tekst", {"fields": ["body", "source_url", "source_name"]}),
        (
            "Oorspronkelijke tekst en opbouw",
            {"classes": ["collapse"], "fields": ["original_text", "structure", "created_at", "updated_at"]},
        ),
    ]
    inlines = [
        SignatoryInline,
        CitationInline,
        LetterMissionInline,
        BudgetLineInline,
        RecommendationInline,
    ]

    @admin.display(description="Kamerstuk", ordering="dossier__number")
    def kamerstuk(self, obj):
        key = obj.kamerstuk_key
        return key.display if key else "— (nog geen nummer)"

    @admin.display(description="officieel id")
    def official_id_display(self, obj):
        return obj.official_id or "—"

    @admin.display(description="op de site")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def get_urls(self):
        return [
            path("uit-tekst/", new_letter_view(self), name="letters_letter_from_text")
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["from_text_url"] = reverse("admin:letters_letter_from_text")
        return super().changelist_view(request, extra_context=extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            # Conditional increment: of two saves racing past clean(), only one wins.
            updated = Letter.objects.filter(pk=obj.pk, version=form.cleaned_data["version_seen"]).update(
                version=F("version") + 1
            )
            if not updated:
                raise StaleLetterError(stale_edit_message(obj))
            obj.version = form.cleaned_data["version_seen"] + 1
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleLetterError as error:
            from django.contrib import messages
            from django.shortcuts import redirect

            messages.error(request, str(error))
            return redirect(request.path)

    def letter_ids(self, obj) -> list[int]:
        return [obj.pk]
