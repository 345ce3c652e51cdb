"""Filter building blocks shared by every resource's FilterSet (API lists and HTML lists alike)."""

import django_filters


class CountryFilterSet(django_filters.FilterSet):
    """Every country-scoped list filters by ISO 3166 alpha-2 code, whatever its case."""

    country = django_filters.CharFilter(
        field_name="country__iso2", lookup_expr="iexact", label="Country (ISO 3166 alpha-2 code, e.g. KZ)"
    )


def year_range_filters(field_name, label):
    """A pair of filters `<name>_after` / `<name>_before` on a year, both inclusive."""
    return (
        django_filters.NumberFilter(field_name=field_name, lookup_expr="gte", label=f"{label} from (year)"),
        django_filters.NumberFilter(field_name=field_name, lookup_expr="lte", label=f"{label} until (year)"),
    )


def date_range_filters(field_name, label):
    """A pair of filters on a date, both inclusive (YYYY-MM-DD)."""
    return (
        django_filters.DateFilter(field_name=field_name, lookup_expr="gte", label=f"{label} on or after"),
        django_filters.DateFilter(field_name=field_name, lookup_expr="lte", label=f"{label} on or before"),
    )
