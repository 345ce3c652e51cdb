"""Admin building blocks: every content model's admin keeps history and shows publication state."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Status


@admin.action(description="Publish selected records")
def make_published(modeladmin, request, queryset):
    for obj in queryset:  # save() one by one so each change is recorded in the history
        obj.publication_status = Status.PUBLISHED
        obj.save()


@admin.action(description="Move selected records back to draft")
def make_draft(modeladmin, request, queryset):
    for obj in queryset:
        obj.publication_status = Status.DRAFT
        obj.save()


class ContentAdmin(SimpleHistoryAdmin):
    """Base admin for content: history with revert, publication state, timestamps read-only."""

    actions = [make_published, make_draft]
    readonly_fields = ("created_at", "modified_at")
    list_per_page = 50
    save_on_top = True

    def get_list_filter(self, request):
        return ("publication_status", *super().get_list_filter(request))


class CountryScopedAdmin(ContentAdmin):
    """Admin for country-scoped records: filter by country, search by slug, country via autocomplete."""

    autocomplete_fields = ("country",)
    list_select_related = ("country",)
    prepopulated_fields = {}

    def get_search_fields(self, request):
        return ("slug", *super().get_search_fields(request))

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), "country")


class ContentInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    exclude = ("created_at", "modified_at")
