"""Admin for the country hub records; the country's own page, with the inlines of other apps' records, is
registered by the site layer (`ngomonitor.admin`)."""

from django.contrib import admin

from core.admin import ContentAdmin, ContentInline, CountryScopedAdmin, VersionCheckedInline

from .models import AtAGlanceRow, Barrier, CountryProfile, PublicParticipationItem, Section, SectorFigure


class CountryProfileInline(VersionCheckedInline, admin.StackedInline):
    model = CountryProfile
    extra = 0
    exclude = ("created_at", "modified_at")


class AtAGlanceInline(ContentInline):
    model = AtAGlanceRow
    fields = ("order", "slug", "label", "value", "barrier_category", "publication_status")


class CountryAdmin(ContentAdmin):
    """A country with its profile and at-a-glance rows inline; registered by the site layer, which adds the
    inlines of the other apps' country records (indicators, rankings, treaty statuses)."""

    list_display = ("name", "iso2", "iso3", "region", "publication_status", "modified_at")
    search_fields = ("name", "iso2", "iso3")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CountryProfileInline, AtAGlanceInline]


@admin.register(CountryProfile)
class CountryProfileAdmin(ContentAdmin):
    list_display = ("title", "country", "last_updated", "publication_status")
    search_fields = ("title", "overview", "country__name")
    autocomplete_fields = ("country",)


@admin.register(AtAGlanceRow)
class AtAGlanceRowAdmin(CountryScopedAdmin):
    list_display = ("label", "country", "order", "barrier_category", "publication_status")
    search_fields = ("label", "value")


@admin.register(Section)
class SectionAdmin(CountryScopedAdmin):
    list_display = ("title", "country", "kind", "order", "publication_status")
    list_filter = ("kind",)
    search_fields = ("title", "body")


@admin.register(Barrier)
class BarrierAdmin(CountryScopedAdmin):
    list_display = ("title", "country", "category", "part", "order", "publication_status")
    list_filter = ("category",)
    search_fields = ("title", "summary", "narrative")
    autocomplete_fields = ("country", "cited_laws", "cited_articles")


@admin.register(SectorFigure)
class SectorFigureAdmin(CountryScopedAdmin):
    list_display = ("metric", "printed_value", "unit", "as_of", "period_start", "period_end", "section", "country")
    list_filter = ("section", "unit")
    search_fields = ("metric", "sentence", "printed_value")
    autocomplete_fields = ("country", "barrier", "related_law")


@admin.register(PublicParticipationItem)
class PublicParticipationItemAdmin(CountryScopedAdmin):
    list_display = ("name", "kind", "law", "country", "order", "publication_status")
    list_filter = ("kind",)
    search_fields = ("name",)
    autocomplete_fields = ("country", "law")
