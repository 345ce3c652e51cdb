"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from ngomonitor.filters import CountryFilterSet, year_range_filters

from .models import KeyIndicator, Ranking, RankingIndex


class RankingIndexFilter(django_filters.FilterSet):
    measure = django_filters.ChoiceFilter(choices=RankingIndex.Measure.choices)

    class Meta:
        model = RankingIndex
        fields = ["measure"]


class RankingFilter(CountryFilterSet):
    index = django_filters.CharFilter(field_name="index__slug", label="Ranking index (slug)")
    year = django_filters.NumberFilter()
    year_after, year_before = year_range_filters("year", "Year")

    class Meta:
        model = Ranking
        fields = ["country", "index", "year"]


class KeyIndicatorFilter(CountryFilterSet):
    year = django_filters.NumberFilter()
    is_estimate = django_filters.BooleanFilter()

    class Meta:
        model = KeyIndicator
        fields = ["country", "year", "is_estimate"]
