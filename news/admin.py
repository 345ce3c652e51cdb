from django.contrib import admin

from core.admin import CountryScopedAdmin

from .models import NewsItem, Resource


@admin.register(NewsItem)
class NewsItemAdmin(CountryScopedAdmin):
    list_display = ("title", "printed_date", "published_on", "date_precision", "language", "country")
    list_filter = ("language", "date_precision")
    search_fields = ("title", "summary", "printed_date")
    date_hierarchy = "published_on"
    autocomplete_fields = ("country", "related_laws", "related_articles", "related_initiatives")


@admin.register(Resource)
class ResourceAdmin(CountryScopedAdmin):
    list_display = ("title", "kind", "url", "country", "order")
    list_filter = ("kind",)
    search_fields = ("title", "description")
