"""One FilterSet per resource: the API viewsets and the HTML pages both use these."""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.db.models import Q

from core.filters import CountryCodeFilter, CountryFilterSet, IsoDateFilter, KnownKeyFilter

from .dates import after_reports, country_ids, report_dates, unreported_countries
from .models import Answer, AnswerStatus, AnswerType, Category, Question


class QuestionFilter(django_filters.FilterSet):
    category = django_filters.MultipleChoiceFilter(choices=Category.choices, label="Category")
    answer_type = django_filters.MultipleChoiceFilter(choices=AnswerType.choices, label="Type of answer")
    country = CountryCodeFilter(
        field_name="answers__country__iso2",  # the code's check; `filter_country` reads published answers only
        method="filter_country",
        label="Questions with a published answer for this country (ISO 3166 alpha-2 code)",
    )

    class Meta:
        model = Question
        fields = ["category", "answer_type"]

    def filter_country(self, queryset, name, value):
        answered = Answer.objects.published().filter(country__iso2__iexact=value).values("question")
        return queryset.filter(pk__in=answered)


class PanelFilter(CountryFilterSet):
    """The answers' subject: the panel filters by these alone, the answers list by these and more."""

    question = KnownKeyFilter(
        field_name="question__key", label="Question", help_text="The question's key, e.g. founders_minimum."
    )
    category = django_filters.MultipleChoiceFilter(
        field_name="question__category", choices=Category.choices, label="Question category"
    )

    class Meta:
        model = Answer
        fields = ["country", "question", "category"]


class AnswerFilterForm(forms.Form):
    """Refuses an `as_of` no report of the countries asked for speaks for (`codebook.dates.after_reports`, the
    panel's rule): `as_of=2099-01-01` listed every answer as in force, which reads as the source's statement. Keeps
    the reports' dates for `AnswerFilter.filter_as_of` (one query)."""

    report_dates = None

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("as_of")
        if day is not None:
            self.report_dates = report_dates()
            reason = after_reports(day, self.report_dates, country_ids(cleaned.get("country")))
            if reason:
                self.add_error("as_of", reason)
        return cleaned


class AnswerFilter(PanelFilter):
    answer_type = django_filters.MultipleChoiceFilter(
        field_name="question__answer_type", choices=AnswerType.choices, label="Type of answer"
    )
    value = django_filters.CharFilter(
        method="filter_value",
        label="Value",
        help_text="The answer's value as the `value` field gives it: a choice or text in any case (permit: every "
        "assembly regime that needs a permit is ?category=assembly&value=permit), true or false for a yes/no "
        "question, a number for the others (?question=founders_minimum&value=10).",
    )
    status = django_filters.ChoiceFilter(choices=AnswerStatus.choices, label="Answer status")
    as_of = IsoDateFilter(
        method="filter_as_of",
        label="In force on",
        help_text="Only the answers in force on this date: begun on or before it (or with no start date stated in "
        "the source, and not before the adoption of a law it cites) and not ended before it; of two in force that "
        "day, the one that began later (one per country and question). A date after the latest report of the "
        "countries asked for (all, without `country`) is a 400, as the panel refuses such a year: no report speaks "
        "for it; a country whose own report is older than the date has no answer in force on it (the panel has no "
        "row for it either).",
    )

    class Meta:
        model = Answer
        form = AnswerFilterForm
        fields = ["country", "question", "category", "answer_type", "value", "status", "as_of"]

    def filter_as_of(self, queryset, name, value):
        """The answers in force on `value`, but none of a country whose report is older (`unreported_countries`):
        listed without a mark, they would read as the source's statement for a date it never saw."""
        if self.request is not None:  # for each answer's `in_force_stated` (codebook.serializers.InForceStatedField)
            self.request.codebook_as_of = (value, self.form.report_dates)
        return queryset.in_force(value).exclude(country__in=unreported_countries(value, self.form.report_dates))

    def filter_value(self, queryset, name, value):
        """The value in whichever column holds it: `value=true` and `value=10` found nothing, as only a choice or a
        text was looked for, while the answers' `value` reads true and 10."""
        matches = Q(value_text__iexact=value)
        if value.lower() in ("true", "false"):
            matches |= Q(value_boolean=value.lower() == "true", question__answer_type=AnswerType.BOOLEAN)
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        # a number the column can hold exactly (four decimal places): 10.00001 is no answer's value, 10.00000 is 10
        exact = number is not None and number.is_finite() and abs(number) < 10**15
        if exact and number == number.quantize(Decimal("0.0001")):
            matches |= Q(value_number=number)
        return queryset.filter(matches)
