"""The codebook's pages: every question with each country's answer, a question's page (answers over time, each
with its citations), and a comparison of countries on a date.

Each page costs a fixed number of queries: the questions, the answers (published, in force on the date), and,
where the page shows them, the answers' citations; the grids are assembled here, not in the templates.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.views.generic import TemplateView

from core.views import RecordDetailView, tune_widgets
from countries.models import Country

from .dates import after_reports, default_date, note_dates, report_dates
from .models import Answer, Category, Question
from .related import barrier_subject


def by_category(items, category=lambda item: item.category):
    """(category label, items) in the codebook's order of categories, empty categories left out."""
    groups = {value: [] for value in Category.values}
    for item in items:
        groups[category(item)].append(item)
    return [(Category(value).label, members) for value, members in groups.items() if members]


def answers_by_country(answers):
    """(country, its answers in date order) for answers sorted by country."""
    grouped = {}
    for answer in answers:
        grouped.setdefault(answer.country_id, (answer.country, []))[1].append(answer)
    return list(grouped.values())


@dataclass
class GridRow:
    """A question and, for each column's country, its answer in force (or None)."""

    question: Question
    cells: list


def answer_grid(questions, countries, answers):
    """Questions as rows, countries as columns, each cell the answer in force (of two, the later start wins, as in
    the panel)."""
    found = {}
    for answer in sorted(answers, key=lambda answer: answer.valid_from or datetime.date.min):
        found[(answer.question_id, answer.country_id)] = answer
    rows = [GridRow(question, [found.get((question.pk, c.pk)) for c in countries]) for question in questions]
    return by_category(rows, category=lambda row: row.question.category)


def key_parameters(answers, barriers=()):
    """The profile's "Key legal parameters": the country's answers in force, by category, each with the report's
    barrier on its subject, or None (`codebook.related`; `barriers` are the country's, the parts left out)."""
    on_subject = {barrier_subject(barrier): barrier for barrier in barriers if not barrier.part}
    groups = by_category(answers, category=lambda answer: answer.question.category)
    return [(label, members, on_subject.get(Category(members[0].question.category))) for label, members in groups]


class CodebookView(TemplateView):
    """Every question, grouped by category, with its coding rules and each country's answer in force on the latest
    report's date (not today: no report speaks for later; see `codebook.dates`)."""

    template_name = "codebook/codebook.html"

    def get_context_data(self, **kwargs):
        dates = report_dates()
        as_of = default_date(dates)
        questions = Question.objects.published()
        answers = note_dates(list(Answer.objects.published().for_link().in_force(as_of)), as_of, dates)
        countries = sorted({answer.country for answer in answers}, key=lambda country: country.name)
        return super().get_context_data(
            as_of=as_of, countries=countries, groups=answer_grid(questions, countries, answers), **kwargs
        )


class QuestionDetailView(RecordDetailView):
    """A question, its coding rules, and every country's answers over time, each with its citations."""

    model = Question
    lookup_field = "key"
    template_name = "codebook/question_detail.html"
    context_object_name = "question"

    def get_context_data(self, **kwargs):
        return super().get_context_data(by_country=answers_by_country(self.object.answers.all()), **kwargs)


class CompareForm(forms.Form):
    countries = forms.CharField(
        required=False,
        label="Countries",
        help_text="ISO codes, separated by commas; empty: every country with answers.",
    )
    category = forms.ChoiceField(required=False, choices=[("", "Every category"), *Category.choices])
    as_of = forms.DateField(
        required=False,
        label="As of",
        help_text="The rules in force on this date, no later than the latest report's (empty: that report's date).",
    )

    def __init__(self, *args, dates, **kwargs):
        """`dates`: the reports' dates (`report_dates`), by which a date after the latest report is refused."""
        super().__init__(*args, **kwargs)
        self.dates = dates
        covered = Country.objects.published().order_by("iso2").values_list("iso2", "name", "slug")
        # a country by its code, name or slug, in any case: a reader typed "Kazakhstan" and got a 400
        self.codes = {key.casefold(): iso2 for iso2, name, slug in covered for key in (iso2, name, slug)}
        # an example that works: the codes there are (the help text's "kz, kg" named a country not covered)
        codes = [iso2.lower() for iso2, _, _ in covered]
        listed = ", ".join(codes[:12]) + (f" and {len(codes) - 12} more" if len(codes) > 12 else "")
        self.fields[
            "countries"
        ].help_text = f"ISO codes or names, separated by commas (covered: {listed}); empty: every country with answers."

    def clean_countries(self):
        given = [word.strip() for word in self.cleaned_data["countries"].split(",") if word.strip()]
        unknown = [word for word in given if word.casefold() not in self.codes]
        if unknown:
            raise forms.ValidationError(f"No published country with the code or name {', '.join(unknown)}.")
        codes = list(dict.fromkeys(self.codes[word.casefold()] for word in given))
        found = {country.iso2: country for country in Country.objects.published().filter(iso2__in=codes)}
        return [found[code] for code in codes]

    def clean(self):
        """A date no report of the countries chosen speaks for is a form error, as the panel and the answers' `as_of`
        refuse it (`after_reports`): the page showed every rule "in force" in 2099, each only with a note."""
        cleaned = super().clean()
        day = cleaned.get("as_of")
        if day is not None and "countries" not in self.errors:
            reason = after_reports(day, self.dates, [country.pk for country in cleaned.get("countries", [])])
            if reason:
                self.add_error("as_of", reason)
        return cleaned


class CompareView(TemplateView):
    """Questions as rows, countries as columns: the answers in force on a date. Bad input is a message (400)."""

    template_name = "codebook/compare.html"

    def get(self, request, *args, **kwargs):
        dates = report_dates()
        form = CompareForm(request.GET or None, dates=dates)
        tune_widgets(form)
        valid = not form.is_bound or form.is_valid()
        data = form.cleaned_data if form.is_bound and valid else {}
        as_of = data.get("as_of") or default_date(dates)
        groups, countries = [], []
        if valid:
            questions = Question.objects.published()
            answers = Answer.objects.published().for_link().in_force(as_of)
            if data.get("category"):
                questions = questions.filter(category=data["category"])
                answers = answers.filter(question__category=data["category"])
            if data.get("countries"):
                countries = data["countries"]
                answers = list(answers.filter(country__in=countries))
            else:
                answers = list(answers)
                countries = sorted({answer.country for answer in answers}, key=lambda country: country.name)
            groups = answer_grid(questions, countries, note_dates(answers, as_of, dates))
        context = self.get_context_data(form=form, as_of=as_of, countries=countries, groups=groups, **kwargs)
        return self.render_to_response(context, status=200 if valid else 400)
