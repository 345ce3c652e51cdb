from django.contrib import admin

from core.admin import ContentAdmin, ContentInline, CountryScopedAdmin

from .models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)


class LawListEntryInline(ContentInline):
    model = LawListEntry
    fields = ("country", "position", "printed_text", "publication_status")
    autocomplete_fields = ("country",)


@admin.register(Law)
class LawAdmin(CountryScopedAdmin):
    list_display = ("__str__", "kind", "adopted_on", "status", "country", "order", "publication_status")
    list_filter = ("kind", "status")
    search_fields = ("title", "short_title", "number", "summary")
    date_hierarchy = "adopted_on"
    inlines = [LawListEntryInline]


@admin.register(LawListEntry)
class LawListEntryAdmin(ContentAdmin):
    list_display = ("position", "printed_text", "law", "country")
    list_filter = ("country",)
    search_fields = ("printed_text", "law__title")
    autocomplete_fields = ("country", "law")
    list_select_related = ("country", "law")


@admin.register(ConstitutionalArticle)
class ConstitutionalArticleAdmin(ContentAdmin):
    list_display = ("__str__", "country", "constitution", "publication_status")
    list_filter = ("country",)
    search_fields = ("number", "text")
    autocomplete_fields = ("country", "constitution")
    list_select_related = ("country", "constitution")


@admin.register(ConstitutionalAmendment)
class ConstitutionalAmendmentAdmin(CountryScopedAdmin):
    list_display = ("title", "package", "number", "article_numbers", "adopted_on", "country")
    list_filter = ("package",)
    search_fields = ("title", "summary", "article_numbers")
    autocomplete_fields = ("country", "articles", "amending_law")


@admin.register(LegislativeInitiative)
class LegislativeInitiativeAdmin(CountryScopedAdmin):
    list_display = ("title", "stage", "assessment", "started_on", "status_as_of", "country")
    list_filter = ("stage", "assessment")
    search_fields = ("title", "description", "status_text")
    autocomplete_fields = ("country", "related_laws")


class TreatyStatusInline(ContentInline):
    """Every country's status, on a treaty's admin page."""

    model = TreatyStatus
    fields = ("country", "ratified", "year", "printed_name", "publication_status")
    autocomplete_fields = ("country",)


class CountryTreatyStatusInline(ContentInline):
    """A country's treaty statuses, on the country's admin page."""

    model = TreatyStatus
    fields = ("treaty", "ratified", "year", "printed_name", "publication_status")
    autocomplete_fields = ("treaty",)


@admin.register(Treaty)
class TreatyAdmin(ContentAdmin):
    list_display = ("name", "abbreviation", "kind", "order", "publication_status")
    list_filter = ("kind",)
    search_fields = ("name", "abbreviation", "slug")
    prepopulated_fields = {"slug": ("abbreviation",)}
    inlines = [TreatyStatusInline]


@admin.register(TreatyStatus)
class TreatyStatusAdmin(ContentAdmin):
    list_display = ("treaty", "country", "ratified", "year", "printed_name")
    list_filter = ("ratified", "country", "treaty__kind")
    search_fields = ("treaty__name", "treaty__abbreviation", "printed_name")
    autocomplete_fields = ("country", "treaty")
    list_select_related = ("country", "treaty")


@admin.register(LegalDefinition)
class LegalDefinitionAdmin(CountryScopedAdmin):
    list_display = ("term", "kind", "law", "added_on", "country")
    list_filter = ("kind",)
    search_fields = ("term", "definition", "note")
    autocomplete_fields = ("country", "law", "added_by")
