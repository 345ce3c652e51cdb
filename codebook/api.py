"""API of the codebook: questions, answers (filterable by the date they are in force) and the country-year panel.

The panel is computed in Python from one query of the published answers: a researcher's usual shape (one row
per country, year and question) without a query per cell.
"""

import datetime
from itertools import groupby

from django.http import Http404
from django.utils import timezone
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import bad_parameters
from core.api.pagination import whole_number
from core.api.params import StrictQueryMixin, multiple_choice_params
from core.api.renderers import BrowsableAPIRenderer, CSVRenderer, JSONRenderer
from core.api.serializers import DescribedSerializerMixin
from core.api.viewsets import PublicViewSet
from core.choices import DatePrecision
from core.filters import COUNTRY_CODE_SCHEMA

from .dates import after_reports, country_ids, last_day, report_dates, stated_on
from .filters import AnswerFilter, PanelFilter, QuestionFilter
from .models import Answer, AnswerStatus, AnswerType, Category, Qualifier, Question, in_force_on
from .serializers import TYPED_VALUE_SCHEMA, AnswerSerializer, QuestionSerializer, barrier_category_field

YEAR_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 9999}


class QuestionViewSet(PublicViewSet):
    """The codebook's questions: one coded variable each, found by its stable key (`/questions/founders_minimum/`)."""

    queryset = Question.objects.all()
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    search_fields = ("key", "text", "coding_rules", "covers")
    ordering_fields = ("key", "category", "order")
    lookup_field = "key"

    def get_object(self):
        """A question by its key in any case (`/questions/FOUNDERS_MINIMUM/`), as `?question=` takes it: a key no
        question has exactly is looked up regardless of case (one query more, on a miss only)."""
        try:
            return super().get_object()
        except Http404:
            key = self.kwargs[self.lookup_field]
            found = list(
                self.filter_queryset(self.get_queryset()).filter(key__iexact=key).values_list("key", flat=True)[:2]
            )
            if len(found) != 1 or found[0] == key:
                raise
            self.kwargs[self.lookup_field] = found[0]
            return super().get_object()


class AnswerViewSet(PublicViewSet):
    """Each country's answer to each question for a period, with the law, pinpoint and sentence it rests on.

    `as_of=YYYY-MM-DD` keeps the answers in force on that day (a question answered only from a later date has
    no answer before it; an answer whose start the source does not state counts as in force, but not before the
    adoption of the laws it cites). A day after the latest report of the countries asked for is a 400, as the
    panel's `from` is (`codebook.dates.after_reports`): no report speaks for it."""

    queryset = Answer.objects.all()
    serializer_class = AnswerSerializer
    filterset_class = AnswerFilter
    search_fields = ("question__key", "question__text", "value_text", "note", "citations__quote")
    ordering_fields = ("valid_from", "valid_to", "status")


# ---------------------------------------------------------------- the country-year panel

# One response's bounds: a span of years 1 to 9999 asked for some 860,000 rows of the seed alone and kept a worker
# busy for minutes (found by `make fuzz`). The seed's whole panel is about 2,700 rows.
PANEL_MAX_YEARS = 200
PANEL_MAX_ROWS = 50_000
PANEL_DESCRIPTION = (
    "One row per country, year and question, with the answer **in force on 31 December** of that year (the "
    "`reference_date` column); in the year of the country's report, on the report's date instead, and no row after "
    "it: the report cannot speak for later. Of two answers in force on a day the later start applies. Years before "
    "a question's first answer for a country have no row for it. An answer whose start the source does not state "
    "(valid_from null) counts as in force in every year before its end, **with `in_force_stated` false**, but never "
    "before the adoption of the laws it cites (the rule rests on them; before them the source says nothing): the "
    "source states that value for the report's date (or until its end), not for that year; filter on "
    "`in_force_stated` to keep only what the source states. `from`/`to` default to the same span whatever the "
    "filters: the earliest valid_from year of all the answers and the latest report's year (the current year if no "
    "report is dated); a `from` after the latest report of the countries asked for (all, without `country`) is a "
    "400, as the answers' `as_of` is: no report speaks for it. `?format=csv` gives the same rows as a tidy CSV. One "
    f"request covers at most {PANEL_MAX_YEARS} "
    f"years and {PANEL_MAX_ROWS:,} rows (more is a 400: narrow it by years, country, question or category); the "
    "dataset download holds the whole panel."
)


@extend_schema_field(TYPED_VALUE_SCHEMA)
class PanelValueField(serializers.JSONField):
    """A panel row's typed value: the schema says which types, and that it may be null (an answer not stated)."""


class PanelRowSerializer(DescribedSerializerMixin, serializers.Serializer):
    country = serializers.CharField(help_text="ISO 3166 alpha-2 code.")
    year = serializers.IntegerField(help_text="The year of the row.")
    reference_date = serializers.DateField(
        help_text="The day the value is in force on: 31 December of the year, or the report's date in its own year."
    )
    question = serializers.CharField(help_text="The question's key.")
    category = serializers.ChoiceField(choices=Category.choices, help_text="The question's category.")
    barrier_category = barrier_category_field()
    answer_type = serializers.ChoiceField(
        choices=AnswerType.choices, help_text="The question's type: how to read the value."
    )
    status = serializers.ChoiceField(
        choices=AnswerStatus.choices, help_text="answered, or not_stated (the source states no value)."
    )
    value = PanelValueField(help_text=TYPED_VALUE_SCHEMA["description"])
    value_number = serializers.FloatField(allow_null=True, help_text="The number, if any.")
    value_boolean = serializers.BooleanField(allow_null=True, help_text="The yes/no value, if any.")
    value_text = serializers.CharField(help_text="The choice's value or the text, if any.")
    unit = serializers.CharField(help_text="The value's unit or currency (the answer's, else the question's).")
    qualifier = serializers.ChoiceField(
        choices=Qualifier.choices, allow_blank=True, help_text="at_least, at_most, approximately, or empty: exactly."
    )
    valid_from = serializers.DateField(allow_null=True, help_text="The answer's start; null: not stated.")
    valid_from_precision = serializers.ChoiceField(
        choices=DatePrecision.choices,
        allow_blank=True,
        help_text="How precisely the source dates the start: day, month or year (valid_from is then the first day of "
        "the month or year); empty when it states no start.",
    )
    valid_to = serializers.DateField(allow_null=True, help_text="The answer's end; null: still in force.")
    valid_to_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, allow_blank=True, help_text="How precisely the source dates the end."
    )
    in_force_stated = serializers.BooleanField(
        help_text="Whether the source states this value for the reference date: true when the answer's start is "
        "stated or the date is the report's own; false when an answer whose start the source does not state is "
        "carried back to an earlier year (never before the adoption of a law it cites)."
    )


def panel_row(answer, year, reference_date, report_date):
    return {
        "country": answer.country.iso2,
        "year": year,
        "reference_date": reference_date,
        "question": answer.question.key,
        "category": answer.question.category,
        "barrier_category": answer.question.barrier_category,
        "answer_type": answer.question.answer_type,
        "status": answer.status,
        "value": answer.value,
        "value_number": answer.value_number,
        "value_boolean": answer.value_boolean,
        "value_text": answer.value_text,
        "unit": answer.effective_unit,
        "qualifier": answer.qualifier,
        "valid_from": answer.valid_from,
        "valid_from_precision": answer.valid_from_precision,
        "valid_to": answer.valid_to,
        "valid_to_precision": answer.valid_to_precision,
        "in_force_stated": stated_on(answer, reference_date, report_date),
    }


def panel_rows(answers, first, last, report_dates):
    """The rows of the panel, by country, then year, then question (answers must come sorted by country and
    question), one at a time: a request stops reading them at its limit (`PANEL_MAX_ROWS`). A country's rows end
    with its report's year (`report_dates`: {country id: date}), whose value is the one on the report's date; a
    country with no published report ends with the latest report's year (`codebook.dates.last_day`), whatever is
    asked."""
    by_cell = groupby(answers, key=lambda answer: (answer.country_id, answer.question_id))
    series = [list(group) for _, group in by_cell]
    for country_id, country_series in groupby(series, key=lambda group: group[0].country_id):
        country_series = list(country_series)
        report_date = report_dates.get(country_id)
        end = last_day(country_id, report_dates).year
        for year in range(first, min(last, end) + 1):
            day = report_date if report_date and year == report_date.year else datetime.date(year, 12, 31)
            for group in country_series:
                answer = in_force_on(group, day)
                if answer is not None:
                    yield panel_row(answer, year, day, report_date)


def default_span(dates):
    """The panel's years when none are asked for, the same whatever the filters (so a cell is in every panel that
    selects it): the earliest stated start of any published answer, and the latest report's year."""
    today = timezone.localdate().year
    last = max((date.year for date in dates.values()), default=today)
    earliest = Answer.objects.published().filter(valid_from__isnull=False).order_by("valid_from").first()
    return (earliest.valid_from.year if earliest else min(last, today)), last


def year_param(request, name, default):
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    if not (whole_number(raw) and 1 <= int(raw) <= 9999):
        raise bad_parameters(f"{name} must be a year from 1 to 9999, not {raw!r}.", [name])
    return int(raw)


class PanelView(StrictQueryMixin, APIView):
    """Country-year panel of the codebook: the value in force on 31 December of each year."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    permission_classes = [AllowAny]  # read-only: the view answers GET only
    filterset_class = PanelFilter  # as the answers list filters: a bad country, question or category is a 400

    def allowed_query_params(self):
        return [*super().allowed_query_params(), "from", "to", *self.filterset_class.base_filters]

    def repeatable_query_params(self):
        return multiple_choice_params(self.filterset_class)

    def get_serializer(self, *args, **kwargs):
        return PanelRowSerializer(*args, **kwargs)

    @classmethod
    def answers(cls):
        """Every published answer, in the panel's order (`panel_rows` reads them by country, then question)."""
        return (
            Answer.objects.published()
            .for_link()
            .with_start()
            .order_by("country__iso2", "question__category", "question__order", "question__key", "valid_from")
        )

    @classmethod
    def rows(cls, answers, first=None, last=None, limit=None, country=None):
        """The panel's rows; with a `limit`, a request for more rows than that is refused with a 400 (the rows are
        counted as they are made, so a refusal costs no more than the limit), and so is a span of more than
        `PANEL_MAX_YEARS` asked for, or one bound asked for that leaves the default other on its wrong side, or a
        `from` no report of the `country` asked for (its ISO code; None: every country) speaks for: the answers'
        `as_of` refuses such a date by the same rule (`codebook.dates.after_reports`)."""
        answers = list(answers)
        dates = report_dates()
        default_first, default_last = default_span(dates)
        if first is None and last is not None and last < default_first:
            raise bad_parameters(
                f"to={last} is before the panel's first year, {default_first} (the earliest stated start of an "
                "answer); give from as well.",
                ["to"],
            )
        asked = first is not None or last is not None
        beyond = after_reports(datetime.date(first, 1, 1), dates, country_ids(country)) if first is not None else ""
        if beyond:
            raise bad_parameters(f"from={first} is after the panel's last year. {beyond}", ["from"])
        first = default_first if first is None else first
        last = default_last if last is None else last
        if limit is None:
            return list(panel_rows(answers, first, last, dates))
        if asked and last - first + 1 > PANEL_MAX_YEARS:
            raise bad_parameters(
                f"The panel covers at most {PANEL_MAX_YEARS} years per request; {first}-{last} is "
                f"{last - first + 1}. Narrow it with from and to.",
                ["from", "to"],
            )
        rows = []
        for row in panel_rows(answers, first, last, dates):
            if len(rows) == limit:
                raise exceptions.ParseError(
                    {
                        "detail": f"The panel has more than {limit:,} rows for these parameters; narrow it with from "
                        "and to, country, question or category (the dataset download holds the whole panel)."
                    }
                )
            rows.append(row)
        return rows

    @extend_schema(
        summary="Country-year panel",
        description=PANEL_DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "from",
                YEAR_SCHEMA,
                description="First year (default: the earliest valid_from of all the answers); one after the latest "
                "report's year of the countries asked for is a 400.",
            ),
            OpenApiParameter(
                "to",
                YEAR_SCHEMA,
                description="Last year, inclusive (default: the latest report's year; a country has no row after its "
                "report's year); one before from is a 400.",
            ),
            OpenApiParameter(
                "country",
                COUNTRY_CODE_SCHEMA,
                description="Country (ISO 3166 alpha-2 code, any case).",
            ),
            OpenApiParameter(
                "question", str, description="The question's key (any case); one no published question has is a 400."
            ),
            OpenApiParameter(
                "category",
                {"type": "array", "items": {"type": "string", "enum": Category.values}},
                description="The questions' category; repeat it for several (category=entry&category=assembly).",
                style="form",
                explode=True,
            ),
        ],
        responses=PanelRowSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        first = year_param(request, "from", None)
        last = year_param(request, "to", None)
        if first is not None and last is not None and first > last:
            # not swapped: `from=2020&to=2010` listed 2010-2020 as though asked for, hiding a slip in either year
            raise bad_parameters(
                f"from={first} is after to={last}: give the first year as from and the last as to.", ["from", "to"]
            )
        filterset = self.filterset_class(request.query_params, queryset=self.answers())
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        country = filterset.form.cleaned_data.get("country")
        rows = self.rows(filterset.qs, first, last, limit=PANEL_MAX_ROWS, country=country)
        return Response(PanelRowSerializer(rows, many=True).data)
