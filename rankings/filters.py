"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from core.filters import CountryCodeFilter, CountryFilterSet, KnownKeyFilter, year_filter, year_range_filters

from .models import KeyIndicator, Ranking, RankingIndex


class RankingIndexFilter(django_filters.FilterSet):
    measure = django_filters.ChoiceFilter(choices=RankingIndex.Measure.choices)
    country = CountryCodeFilter(
        field_name="rankings__country__iso2",
        lookup_expr="iexact",
        distinct=True,
        label="Indices that rank this country (ISO 3166 alpha-2 code)",
    )

    class Meta:
        model = RankingIndex
        fields = ["measure"]


class RankingFilter(CountryFilterSet):
    index = KnownKeyFilter(
        field_name="index__slug", label="Ranking index", help_text="The index's slug, e.g. fragile-states."
    )
    year = year_filter("Year")
    year_after, year_before = year_range_filters("year", "Year")

    class Meta:
        model = Ranking
        fields = ["country", "index", "year"]


class KeyIndicatorFilter(CountryFilterSet):
    year = year_filter("Year")
    is_estimate = django_filters.BooleanFilter()

    class Meta:
        model = KeyIndicator
        fields = ["country", "year", "is_estimate"]
