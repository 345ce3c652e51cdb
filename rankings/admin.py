from django.contrib import admin

from core.admin import ContentAdmin, ContentInline, CountryScopedAdmin

from .models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore


@admin.register(RankingIndex)
class RankingIndexAdmin(ContentAdmin):
    list_display = ("name", "publisher", "measure", "scale_best", "scale_worst", "order")
    list_filter = ("measure",)
    search_fields = ("name", "publisher", "slug")
    prepopulated_fields = {"slug": ("name",)}


class CountryKeyIndicatorInline(ContentInline):
    """A country's key indicators, on the country's admin page."""

    model = KeyIndicator
    fields = ("order", "slug", "name", "value", "text_value", "unit", "year", "is_estimate", "publication_status")


class CountryRankingInline(ContentInline):
    """A country's rankings, on the country's admin page."""

    model = Ranking
    fields = ("index", "year", "rank", "score", "status_text", "publication_status")
    autocomplete_fields = ("index",)


class SubScoreInline(ContentInline):
    model = RankingSubScore
    fields = ("order", "slug", "name", "score", "scale_best", "scale_worst", "scale_printed", "publication_status")


@admin.register(Ranking)
class RankingAdmin(ContentAdmin):
    list_display = ("index", "country", "year", "rank", "score", "status_text", "publication_status")
    list_filter = ("index", "year", "country")
    search_fields = ("index__name", "status_text", "printed_value")
    autocomplete_fields = ("country", "index")
    list_select_related = ("country", "index")
    inlines = [SubScoreInline]


@admin.register(RankingSubScore)
class RankingSubScoreAdmin(ContentAdmin):
    list_display = ("name", "ranking", "score", "scale_best", "scale_worst")
    search_fields = ("name", "slug")
    autocomplete_fields = ("ranking",)
    list_select_related = ("ranking__country", "ranking__index")


class BreakdownInline(ContentInline):
    model = IndicatorBreakdown
    fields = ("order", "slug", "label", "value", "unit", "year", "is_estimate", "note", "publication_status")


@admin.register(KeyIndicator)
class KeyIndicatorAdmin(CountryScopedAdmin):
    list_display = ("name", "value", "text_value", "unit", "year", "is_estimate", "country", "order")
    list_filter = ("is_estimate",)
    search_fields = ("name", "text_value", "printed_value")
    inlines = [BreakdownInline]


@admin.register(IndicatorBreakdown)
class IndicatorBreakdownAdmin(ContentAdmin):
    list_display = ("label", "indicator", "value", "unit", "year")
    search_fields = ("label", "slug", "indicator__name")
    autocomplete_fields = ("indicator",)
    list_select_related = ("indicator__country",)
