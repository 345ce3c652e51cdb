"""One FilterSet per resource: the API viewsets and the HTML pages both use these."""

import re
from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.db.models import Q

from core.filters import CountryCodeFilter, CountryFilterSet, IsoDateFilter, KnownKeyFilter

from .dates import after_reports, country_ids, report_dates, unreported_countries
from .models import Answer, AnswerStatus, AnswerType, Category, Question, value_problems


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


# The largest number the `value` filter looks for: an answer's number column holds four decimal places, and SQLite
# keeps its numbers as floats, exact to some fifteen digits.
VALUE_NUMBER_LIMIT = 10**15


# A number as the API writes one: digits, a minus, a decimal point. Python's Decimal also read "1_0", "+10", "1e1",
# " 10 " and full-width digits as 10, which the dates and years refuse (README).
NUMBER_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def value_number(value):
    """The number `value` names, if it is written in plain digits (`NUMBER_TEXT`) and an answer's number can be it
    exactly (below `VALUE_NUMBER_LIMIT`, at most four decimal places: 10.00000 is 10, 10.00001 is no answer's
    value), else None."""
    if not NUMBER_TEXT.fullmatch(value):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    # copy_abs, not abs(): abs() rounds to the context, and 1e999999999 overflowed (a 500)
    if (
        not number.is_finite()
        or number.copy_abs() >= VALUE_NUMBER_LIMIT
        or number != number.quantize(Decimal("0.0001"))
    ):
        return None
    return number


def value_misfit(question, value):
    """Why no answer to `question` can have `value` as `AnswerFilter.filter_value` reads it, or "" when one can: a
    yes/no question takes true or false, a choice question its choices' values (in any case, as the filter matches
    them), a number question a number an answer may hold (`value_problems`: whole, not negative), a text anything."""
    kind = question.answer_type
    if kind == AnswerType.TEXT:
        return ""
    if kind == AnswerType.BOOLEAN:
        return "" if value.lower() in ("true", "false") else "it takes true or false"
    if kind == AnswerType.CHOICE:
        if value.lower() in {key.lower() for key in question.choice_labels}:
            return ""
        return f"it takes one of its choices, in any case: {', '.join(question.choice_labels)}"
    number = value_number(value)
    if number is None:
        if NUMBER_TEXT.fullmatch(value):
            return f"an answer's number is below 10^15, with at most four decimal places ({value} is not)"
        return "it takes a number in plain digits, such as 10 or 2.5"
    problem = value_problems(Answer(value_number=number), question).get("value_number", "")
    return problem[:1].lower() + problem[1:].rstrip(".")


def value_error(questions, value, shown=3):
    """A message saying that no answer to the `questions` asked for (the published questions the `question`,
    `category` and `answer_type` filters select) can have `value`, and what each takes; or "" when one can.

    The list found nothing for `question=assembly_spontaneous_allowed&value=yes` or `question=founders_minimum&
    value=abc`, a 200 that reads as "no country has that rule" when the value can never match."""
    misfits = {}  # why, and for which questions
    for question in questions:
        why = value_misfit(question, value)
        if not why:
            return ""
        misfits.setdefault(why, []).append(question)
    if not misfits:
        return ""  # no question selected: nothing to tell the value by (the list is empty anyway)
    if len(questions) == 1:
        [question] = questions
        kind = AnswerType(question.answer_type).label.lower()
        return f"No answer to {question.key} (type: {kind}) can have the value {value!r}: {next(iter(misfits))}."
    parts = []
    for why, those in misfits.items():
        keys = ", ".join(question.key for question in those[:shown])
        more = f" and {len(those) - shown} more" if len(those) > shown else ""
        parts.append(f"{keys}{more}: {why.removeprefix('it ')}")
    return f"No answer to the {len(questions)} questions asked for can have the value {value!r} ({'; '.join(parts)})."


class AnswerFilterForm(forms.Form):
    """Refuses an `as_of` no report of the countries asked for speaks for (`codebook.dates.after_reports`, the
    panel's rule): `as_of=2099-01-01` listed every answer as in force, which reads as the source's statement. Keeps
    the reports' dates for `AnswerFilter.filter_as_of` (one query). Refuses a `value` that no answer to the questions
    asked for can have (`value_error`; one query, only when `value` is given)."""

    report_dates = None

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("as_of")
        if day is not None:
            self.report_dates = report_dates()
            reason = after_reports(day, self.report_dates, country_ids(cleaned.get("country")))
            if reason:
                self.add_error("as_of", reason)
        value = cleaned.get("value")
        # a bad question, category or type is its own 400: which questions are asked for is not known then
        if value and not {"question", "category", "answer_type"} & set(self.errors):
            questions = Question.objects.published().only("key", "answer_type", "choices", "unit")
            if cleaned.get("question"):
                questions = questions.filter(key__iexact=cleaned["question"])
            if cleaned.get("category"):
                questions = questions.filter(category__in=cleaned["category"])
            if cleaned.get("answer_type"):
                questions = questions.filter(answer_type__in=cleaned["answer_type"])
            problem = value_error(list(questions.order_by("category", "order", "key")), value)
            if problem:
                self.add_error("value", problem)
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
        "question, a number for the others (?question=founders_minimum&value=10). A value no answer to the questions "
        "asked for (by question, category and answer_type; all without them) can have is a 400 saying what they take.",
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
        text was looked for, while the answers' `value` reads true and 10. A value no answer to the questions asked
        for can have never gets here (`AnswerFilterForm`)."""
        matches = Q(value_text__iexact=value)
        if value.lower() in ("true", "false"):
            matches |= Q(value_boolean=value.lower() == "true", question__answer_type=AnswerType.BOOLEAN)
        number = value_number(value)
        if number is not None:
            matches |= Q(value_number=number)
        return queryset.filter(matches)
