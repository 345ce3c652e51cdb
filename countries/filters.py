"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear

from core.filters import CountryCodeFilter, CountryFilterSet, KnownKeyFilter, date_range_filters, year_filter

from .models import Barrier, BarrierCategory, Country, PublicParticipationItem, SectionKind, SectorFigure


class CountryListFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(lookup_expr="iexact")
    country = CountryCodeFilter(
        field_name="iso2", lookup_expr="iexact", label="Country (ISO 3166 alpha-2 code, e.g. KZ)"
    )

    class Meta:
        model = Country
        fields = ["region"]


class BarrierFilter(CountryFilterSet):
    category = django_filters.MultipleChoiceFilter(choices=BarrierCategory.choices, label="Barrier category")
    part = django_filters.ChoiceFilter(choices=Barrier.Part.choices, empty_label=None, null_label=None)
    law = KnownKeyFilter(
        field_name="cited_laws__slug",
        distinct=True,
        label="Cites law",
        help_text="The law's slug, e.g. law-on-peaceful-assemblies.",
    )
    article = KnownKeyFilter(
        field_name="cited_articles__number",
        distinct=True,
        label="Cites constitutional article",
        help_text="The article's number, e.g. 32.",
    )

    class Meta:
        model = Barrier
        fields = ["country", "category", "part"]


class SectorFigureFilter(CountryFilterSet):
    section = django_filters.ChoiceFilter(choices=SectionKind.choices)
    unit = django_filters.CharFilter(lookup_expr="iexact")
    as_of_after, as_of_before = date_range_filters("as_of", "As of", "as_of_precision")
    # A period is the years from period_start to period_end; an open one ("since 2017") has no end: it runs to the
    # figure's as-of year.
    # Both filters compared period_end, so an open period matched neither.
    period_after = year_filter("Period reaching this year or later (an open period included)", method="period_reaches")
    period_before = year_filter("Period begun in this year or before", method="period_begun_by")
    barrier = KnownKeyFilter(
        field_name="barrier__slug", label="Stated under barrier", help_text="The barrier's slug, e.g. assembly."
    )

    class Meta:
        model = SectorFigure
        fields = ["country", "section", "unit"]

    def period_reaches(self, queryset, name, year):
        # an open period ("since 2017", stated in 2023) runs as far as the figure speaks for: its as-of year, or
        # without one its report's year (period_after=2100 found the figures "since 2003" with no as-of date)
        has_period = Q(period_start__isnull=False) | Q(period_end__isnull=False)
        report_year = ExtractYear("country__profile__last_updated")
        queryset = queryset.alias(last_year=Coalesce("period_end", ExtractYear("as_of"), report_year))
        return queryset.filter(has_period & (Q(last_year__gte=year) | Q(last_year__isnull=True)))

    def period_begun_by(self, queryset, name, year):
        # a period stated by its last year alone ("in 2020") begins then
        return queryset.alias(first_year=Coalesce("period_start", "period_end")).filter(first_year__lte=year)


class PublicParticipationItemFilter(CountryFilterSet):
    kind = django_filters.ChoiceFilter(choices=PublicParticipationItem.Kind.choices)

    class Meta:
        model = PublicParticipationItem
        fields = ["country", "kind"]
