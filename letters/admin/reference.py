from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from letters.admin.write_path import CleanTextMixin, WritePathMixin
from letters.models import Dossier, Ministry, Mission, MissionAlias, Person, Report


@admin.register(Dossier)
class DossierAdmin(WritePathMixin, admin.ModelAdmin):
    list_display = ["number", "title", "letter_count"]
    search_fields = ["number", "title"]
    ordering = ["number"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(letter_count=Count("letters"))

    def letter_ids(self, obj) -> list[int]:
        # A dossier's number is part of its letters' Kamerstuk numbers.
        return [*obj.letters.values_list("pk", flat=True), *obj.letters_also.values_list("pk", flat=True)]

    @admin.display(description="brieven", ordering="letter_count")
    def letter_count(self, obj):
        return obj.letter_count


@admin.register(Ministry)
class MinistryAdmin(CleanTextMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(CleanTextMixin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class MissionAliasInline(admin.TabularInline):
    model = MissionAlias
    extra = 1


@admin.register(Mission)
class MissionAdmin(CleanTextMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "name", "organisation", "region", "country", "start_date", "end_date"]
    list_filter = ["organisation", "region"]
    search_fields = ["name", "short_name", "country", "aliases__alias"]
    prepopulated_fields = {"slug": ["short_name"]}
    date_hierarchy = "start_date"
    inlines = [MissionAliasInline]


@admin.register(Report)
class ReportAdmin(CleanTextMixin, admin.ModelAdmin):
    list_display = ["title", "author", "year"]
    list_filter = ["author"]
    search_fields = ["title", "author"]
    prepopulated_fields = {"slug": ["title"]}
