from django.contrib import admin

from core.admin import CountryScopedAdmin

from .models import OrganizationalForm, TaxProvision


@admin.register(OrganizationalForm)
class OrganizationalFormAdmin(CountryScopedAdmin):
    list_display = ("name", "basis", "code_article", "is_most_popular", "country", "order")
    list_filter = ("basis", "is_most_popular")
    search_fields = ("name", "description", "code_article")
    autocomplete_fields = ("country", "law")


@admin.register(TaxProvision)
class TaxProvisionAdmin(CountryScopedAdmin):
    list_display = ("title", "article", "kind", "law", "country", "order")
    list_filter = ("kind",)
    search_fields = ("title", "article", "summary")
    autocomplete_fields = ("country", "law")
