"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from core.filters import CountryCodeFilter, CountryFilterSet, KnownKeyFilter, date_range_filters, year_range_filters

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
    as_of_after, as_of_before = date_range_filters("as_of", "As of")
    period_after, period_before = year_range_filters("period_end", "Period")
    barrier = KnownKeyFilter(
        field_name="barrier__slug", label="Stated under barrier", help_text="The barrier's slug, e.g. assembly."
    )

    class Meta:
        model = SectorFigure
        fields = ["country", "section", "unit"]


class PublicParticipationItemFilter(CountryFilterSet):
    kind = django_filters.ChoiceFilter(choices=PublicParticipationItem.Kind.choices)

    class Meta:
        model = PublicParticipationItem
        fields = ["country", "kind"]
