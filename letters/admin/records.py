from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from letters.admin.write_path import CleanTextMixin, WritePathMixin
from letters.models import BudgetLine, Citation, LetterMission, Recommendation


@admin.register(Citation)
class CitationAdmin(WritePathMixin, SimpleHistoryAdmin):
    list_display = ["display", "letter", "kind", "target", "in_footnote"]
    list_filter = ["kind", "in_footnote", ("target", admin.EmptyFieldListFilter)]
    search_fields = ["key", "text", "letter__title"]
    autocomplete_fields = ["letter", "target"]
    list_select_related = ["letter__dossier", "target__dossier"]

    @admin.display(description="verwijzing", ordering="key")
    def display(self, obj):
        return obj.display


@admin.register(LetterMission)
class LetterMissionAdmin(WritePathMixin, SimpleHistoryAdmin):
    list_display = ["mission", "decision", "letter"]
    list_filter = ["decision", "mission"]
    search_fields = ["text", "mission__name", "letter__title"]
    autocomplete_fields = ["letter", "mission"]
    list_select_related = ["mission", "letter__dossier"]


@admin.register(BudgetLine)
class BudgetLineAdmin(WritePathMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "instrument", "year_from", "year_to", "nature", "mission", "letter"]
    list_filter = ["instrument", "nature", "year_from"]
    search_fields = ["purpose", "text", "letter__title"]
    autocomplete_fields = ["letter", "mission"]
    list_select_related = ["mission", "letter__dossier"]


@admin.register(Recommendation)
class RecommendationAdmin(CleanTextMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "response", "letter"]
    list_filter = ["response", "report"]
    search_fields = ["text", "response_text", "report__title"]
    autocomplete_fields = ["report", "letter", "missions"]
    list_select_related = ["report", "letter__dossier"]
