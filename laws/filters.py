"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from core.filters import CountryCodeFilter, CountryFilterSet, KnownKeyFilter, date_range_filters, year_range_filters

from .models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawKind,
    LawStatus,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)


class LawFilter(CountryFilterSet):
    adopted_after, adopted_before = date_range_filters("adopted_on", "Adopted", "adopted_precision")
    adopted_year_after, adopted_year_before = year_range_filters("adopted_on__year", "Adopted")
    kind = django_filters.MultipleChoiceFilter(choices=LawKind.choices, label="Kind of act")
    status = django_filters.MultipleChoiceFilter(choices=LawStatus.choices, label="Legal status")
    in_law_list = django_filters.BooleanFilter(
        field_name="list_entries",
        lookup_expr="isnull",
        exclude=True,
        distinct=True,
        label="In the report's numbered list",
    )

    class Meta:
        model = Law
        fields = ["country", "kind", "status"]


class ConstitutionalArticleFilter(CountryFilterSet):
    number = django_filters.CharFilter(label="Article number")

    class Meta:
        model = ConstitutionalArticle
        fields = ["country", "number"]


class ConstitutionalAmendmentFilter(CountryFilterSet):
    package = django_filters.ChoiceFilter(choices=ConstitutionalAmendment.Package.choices)
    adopted_after, adopted_before = date_range_filters("adopted_on", "Adopted", "adopted_precision")

    class Meta:
        model = ConstitutionalAmendment
        fields = ["country", "package"]


class LegislativeInitiativeFilter(CountryFilterSet):
    stage = django_filters.MultipleChoiceFilter(choices=LegislativeInitiative.Stage.choices)
    assessment = django_filters.ChoiceFilter(choices=LegislativeInitiative.Assessment.choices)
    started_after, started_before = date_range_filters("started_on", "Started", "started_precision")
    law = KnownKeyFilter(
        field_name="related_laws__slug",
        distinct=True,
        label="Related law",
        help_text="The law's slug, e.g. law-on-charity.",
    )

    class Meta:
        model = LegislativeInitiative
        fields = ["country", "stage", "assessment"]


class TreatyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Treaty.Kind.choices)
    country = CountryCodeFilter(
        field_name="statuses__country__iso2",
        lookup_expr="iexact",
        distinct=True,
        label="Treaties with a status for this country (ISO 3166 alpha-2 code)",
    )

    class Meta:
        model = Treaty
        fields = ["kind"]


class TreatyStatusFilter(CountryFilterSet):
    ratified = django_filters.BooleanFilter(label="Ratified")
    kind = django_filters.ChoiceFilter(field_name="treaty__kind", choices=Treaty.Kind.choices, label="Treaty kind")
    year_after, year_before = year_range_filters("year", "Ratified")
    treaty = KnownKeyFilter(field_name="treaty__slug", label="Treaty", help_text="The treaty's slug, e.g. iccpr.")

    class Meta:
        model = TreatyStatus
        fields = ["country", "ratified", "kind", "treaty"]


class LegalDefinitionFilter(CountryFilterSet):
    kind = django_filters.ChoiceFilter(choices=LegalDefinition.Kind.choices)
    law = KnownKeyFilter(
        field_name="law__slug", label="Defined in law", help_text="The law's slug, e.g. law-on-charity."
    )

    class Meta:
        model = LegalDefinition
        fields = ["country", "kind", "law"]
