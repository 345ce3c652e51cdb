"""The country's admin page: its own inlines plus those of the other apps' country records. Each app
registers its own models; only this page needs several apps, so the site layer registers it."""

from django.contrib import admin

from countries.admin import CountryAdmin
from countries.models import Country
from laws.admin import CountryTreatyStatusInline
from rankings.admin import CountryKeyIndicatorInline, CountryRankingInline


@admin.register(Country)
class SiteCountryAdmin(CountryAdmin):
    inlines = [*CountryAdmin.inlines, CountryKeyIndicatorInline, CountryRankingInline, CountryTreatyStatusInline]
