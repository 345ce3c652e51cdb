"""One FilterSet per resource: the API viewsets and the HTML lists both use these."""

import django_filters

from core.filters import CountryFilterSet

from .models import OrganizationalForm, TaxProvision


class OrganizationalFormFilter(CountryFilterSet):
    basis = django_filters.ChoiceFilter(choices=OrganizationalForm.Basis.choices)
    is_most_popular = django_filters.BooleanFilter()

    class Meta:
        model = OrganizationalForm
        fields = ["country", "basis", "is_most_popular"]


class TaxProvisionFilter(CountryFilterSet):
    kind = django_filters.ChoiceFilter(choices=TaxProvision.Kind.choices)

    class Meta:
        model = TaxProvision
        fields = ["country", "kind"]
