"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from core.filters import CountryFilterSet, KnownKeyFilter, date_range_filters, year_range_filters

from .models import NewsItem, Resource


class NewsItemFilter(CountryFilterSet):
    language = django_filters.ChoiceFilter(choices=NewsItem.Language.choices, null_label=None)
    published_after, published_before = date_range_filters("published_on", "Published", "date_precision")
    year_after, year_before = year_range_filters("published_on__year", "Published")
    law = KnownKeyFilter(
        field_name="related_laws__slug",
        distinct=True,
        label="Related law",
        help_text="The law's slug, e.g. law-on-peaceful-assemblies.",
    )

    class Meta:
        model = NewsItem
        fields = ["country", "language"]


class ResourceFilter(CountryFilterSet):
    kind = django_filters.ChoiceFilter(choices=Resource.Kind.choices)

    class Meta:
        model = Resource
        fields = ["country", "kind"]
