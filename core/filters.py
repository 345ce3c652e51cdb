"""Filter building blocks shared by every resource's FilterSet (API lists and HTML lists alike)."""

import re

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from .choices import DatePrecision
from .querysets import related_model

# What can be a country's ISO 3166 alpha-2 code, in any case: the one rule of the filters, the panel, the search
# parameters, the API's country lookup and the lower-case redirect of country pages.
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
COUNTRY_CODE_SCHEMA = {"type": "string", "pattern": f"^{COUNTRY_CODE.pattern}$"}
COUNTRY_CODE_MESSAGE = "Give the country's two-letter ISO 3166 code, e.g. KZ (not its name or three-letter code)."


class KnownKeyField(forms.CharField):
    def __init__(self, *, known, noun, **kwargs):
        self.known, self.noun = known, noun
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not self.known(value):
            # the value as a parameter, not in the message: django-filter formats the message with its params
            raise forms.ValidationError(
                "No published %(noun)s %(value)s.", code="unknown", params={"noun": self.noun, "value": repr(value)}
            )


class KnownKeyFilter(django_filters.CharFilter):
    """A record by its key or slug (`question=founders_minimum`, `treaty=iccpr`), in any case. One that no published
    record has is a 400 saying so: it matched nothing, silently, and a typo read as "no records" (an empty panel).
    The record's model is found through the filter's relation (`field_name`, e.g. "treaty__slug"), so core needs
    no import of the app; one query, only when the filter is given."""

    field_class = KnownKeyField
    key_label = ""  # how the message names the key, when its field's name would not say it

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "iexact")
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            relation, _, key = self.field_name.rpartition("__")
            model = related_model(self.model, relation) if relation else self.model  # a key of the listed records
            self.extra.update(
                known=lambda value: model.objects.published().filter(**{f"{key}__iexact": value}).exists(),
                noun=f"{model._meta.verbose_name} with the {self.key_label or key}",
            )
        return super().field


class CountryCodeField(KnownKeyField):
    def validate(self, value):
        # the form of a code first: "KAZ" is told what to give, not that no country has it
        if value and not COUNTRY_CODE.fullmatch(value):
            raise forms.ValidationError(COUNTRY_CODE_MESSAGE, code="invalid")
        super().validate(value)


@extend_schema_field(COUNTRY_CODE_SCHEMA)
class CountryCodeFilter(KnownKeyFilter):
    """A country by its ISO 3166 alpha-2 code, in any case. What cannot be one ("KAZ", "Kazakhstan") is a 400
    saying what to give, and a code no published country has ("XX", a country not covered) a 400 saying so: both
    matched nothing, silently, which reads as "no records" (`question=nope` was a 400 beside it). One query, only
    when the filter is given."""

    field_class = CountryCodeField
    key_label = "ISO code"


# The words a boolean filter takes. django-filter reads any other ("no", "yes", "1") as no filter at all, so
# `?ratified=no` listed every treaty; the API and the HTML lists refuse them instead (`misread_booleans`).
BOOLEAN_WORDS = frozenset({"true", "True", "false", "False"})


def misread_booleans(filterset_class, params, also=()):
    """(parameter, value) of each boolean filter's value that is not true or false (nor one of `also`, such as
    the HTML select's "unknown" for Any)."""
    return [
        (name, value)
        for name, filter_ in filterset_class.base_filters.items()
        if isinstance(filter_, django_filters.BooleanFilter)
        for value in params.getlist(name)
        if value and value not in BOOLEAN_WORDS and value not in also
    ]


class CountryFilterSet(django_filters.FilterSet):
    """Every country-scoped list filters by ISO 3166 alpha-2 code, whatever its case."""

    country = CountryCodeFilter(
        field_name="country__iso2", lookup_expr="iexact", label="Country (ISO 3166 alpha-2 code, e.g. KZ)"
    )


# Years outside this range are a form error (400), not a crash of the database's date arithmetic.
MIN_YEAR, MAX_YEAR = 1, 9999
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class YearField(forms.IntegerField):
    """A year as plain ASCII digits, as the schema's integer and `page_size` read it: a decimal field took "1e3"
    as the year 1000, and "+2015", " 2015 " and full-width "２０１５" as 2015."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isascii() and str(value).isdigit()):
            raise forms.ValidationError("Give the year in digits, e.g. 2015.", code="invalid")
        return super().to_python(value)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class IsoDateField(forms.DateField):
    """A date as YYYY-MM-DD in ASCII digits, the one form the schema documents: Django's default formats also read
    "10/25/2006" and full-width digits, which the API never promised."""

    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        if isinstance(value, str) and value and not ISO_DATE.fullmatch(value):
            raise forms.ValidationError("Give the date as YYYY-MM-DD, e.g. 2024-04-15.", code="invalid")
        return super().to_python(value)


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


def year_filter(label, **kwargs):
    """A filter on a year (a whole number from 1 to 9999); the API schema says so."""
    year = YearFilter(label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)
    return extend_schema_field({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})(year)


def year_range_filters(field_name, label):
    """A pair of filters `<name>_after` / `<name>_before` on a year, both inclusive."""
    return (
        year_filter(f"{label} from (year)", field_name=field_name, lookup_expr="gte"),
        year_filter(f"{label} until (year)", field_name=field_name, lookup_expr="lte"),
    )


class PartialDateFromFilter(IsoDateFilter):
    """`<date>_after` on a date the source may give only to the month or year, stored as its first day ("April
    2024" as 2024-04-01): such a date counts if its month or year reaches the day asked for. April 2024 was left
    out of `published_after=2024-04-15` while `published_before=2024-04-15` kept it; read as periods, a record
    is in each list whose days its date may fall on (`_before` compares the period's first day, as stored)."""

    def __init__(self, *, precision_field, **kwargs):
        self.precision_field = precision_field
        super().__init__(lookup_expr="gte", **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        starts = {DatePrecision.MONTH: value.replace(day=1), DatePrecision.YEAR: value.replace(month=1, day=1)}
        reaches = Q(**{f"{self.field_name}__gte": value})
        for precision, start in starts.items():
            reaches |= Q(**{self.precision_field: precision, f"{self.field_name}__gte": start})
        if self.distinct:
            qs = qs.distinct()
        return qs.exclude(reaches) if self.exclude else qs.filter(reaches)


def date_range_filters(field_name, label, precision_field=None):
    """A pair of filters on a date, both inclusive (YYYY-MM-DD); with the field that says how precise each date is,
    a date known to the month or year counts for every day of it (`PartialDateFromFilter`)."""
    before_label = f"{label} on or before"
    if precision_field is None:
        after = IsoDateFilter(field_name=field_name, lookup_expr="gte", label=f"{label} on or after")
        return after, IsoDateFilter(field_name=field_name, lookup_expr="lte", label=before_label)
    partial = "A date the source gives to the month or year only counts for every day of it."
    after = PartialDateFromFilter(
        field_name=field_name, precision_field=precision_field, label=f"{label} on or after", help_text=partial
    )
    # stored as its first day, a partial date is on or before any day of its month or year as it is
    before = IsoDateFilter(field_name=field_name, lookup_expr="lte", label=before_label, help_text=partial)
    return after, before
