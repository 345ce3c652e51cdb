"""One FilterSet per resource: the API viewsets and the HTML pages both use these."""

import django_filters

from core.filters import CountryCodeFilter, CountryFilterSet, KnownKeyFilter

from .models import Answer, AnswerStatus, AnswerType, Category, Question


class QuestionFilter(django_filters.FilterSet):
    category = django_filters.MultipleChoiceFilter(choices=Category.choices, label="Category")
    answer_type = django_filters.MultipleChoiceFilter(choices=AnswerType.choices, label="Type of answer")
    country = CountryCodeFilter(
        method="filter_country", label="Questions with a published answer for this country (ISO 3166 alpha-2 code)"
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


class AnswerFilter(PanelFilter):
    answer_type = django_filters.MultipleChoiceFilter(
        field_name="question__answer_type", choices=AnswerType.choices, label="Type of answer"
    )
    value = django_filters.CharFilter(
        field_name="value_text",
        lookup_expr="iexact",
        label="Choice or text",
        help_text="A one-of-choices or text answer's value, in any case, e.g. permit (the question lists its "
        "choices): every assembly regime that needs a permit is ?category=assembly&value=permit.",
    )
    status = django_filters.ChoiceFilter(choices=AnswerStatus.choices, label="Answer status")
    as_of = django_filters.DateFilter(
        method="filter_as_of",
        label="In force on",
        help_text="Only the answers in force on this date: begun on or before it (or with no start date stated in "
        "the source, and not before the adoption of a law it cites) and not ended before it; of two in force that "
        "day, the one that began later (one per country and question).",
    )

    class Meta:
        model = Answer
        fields = ["country", "question", "category", "answer_type", "value", "status", "as_of"]

    def filter_as_of(self, queryset, name, value):
        return queryset.in_force(value)
