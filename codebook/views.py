"""The codebook's pages: every question with each country's answer, a question's page (answers over time, each
with its citations), and a comparison of countries on a date.

Each page costs a fixed number of queries: the questions, the answers (published; on the grids every period, of
which the one in force on the date is chosen here, so that a blank cell can say why), and, where the page shows
them, the answers' citations; the grids are assembled here, not in the templates.
"""

from dataclasses import dataclass

from django import forms
from django.views.generic import TemplateView

from core.views import RecordDetailView, tune_widgets
from countries.models import Country

from .dates import after_reports, default_date, note_dates, report_dates
from .models import Answer, AnswerStatus, Category, Question, in_force_on
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
class Cell:
    """A country's answer to a question on the grid's date, or None ("not coded"), with, for a blank cell, why:
    `Answer.not_yet_note` of the rule the codebook holds from a later date ("" when it holds none)."""

    answer: Answer | None = None
    not_yet: str = ""


@dataclass
class GridRow:
    """A question and, for each column's country, its `Cell`."""

    question: Question
    cells: list


def cells_on(answers, day, dates):
    """{(question id, country id): Cell} on `day`, from every period of the answers (loaded `with_start_shown()`):
    the answer in force (`in_force_on`: the rule of `AnswerQuerySet.in_force`, of two the later start, as in the
    panel), noted (`note_dates`); where none is, the first that begins later says when. The same query as the
    answers in force alone: a blank cell's reason costs none."""
    periods = {}
    for answer in answers:
        periods.setdefault((answer.question_id, answer.country_id), []).append(answer)
    cells = {}
    for key, group in periods.items():
        answer = in_force_on(group, day)
        if answer is not None:
            cells[key] = Cell(note_dates([answer], day, dates)[0])
            continue
        later = [answer for answer in group if answer.start is not None and answer.start > day]
        cells[key] = Cell(not_yet=min(later, key=lambda answer: answer.start).not_yet_note if later else "")
    return cells


def answering_countries(cells):
    """The countries with an answer in force in `cells`, by name: the grid's columns when none are asked for."""
    countries = {cell.answer.country for cell in cells.values() if cell.answer is not None}
    return sorted(countries, key=lambda country: country.name)


def answer_grid(questions, countries, cells):
    """Questions as rows, countries as columns, each cell from `cells_on`, by category."""
    rows = [GridRow(question, [cells.get((question.pk, c.pk), Cell()) for c in countries]) for question in questions]
    return by_category(rows, category=lambda row: row.question.category)


@dataclass
class KeyParameterGroup:
    """A category of the profile's "Key legal parameters": its label, the country's answers in force (one per
    question), and the report's barrier on its subject, or None."""

    category: str
    answers: list
    barrier: object = None

    @property
    def counts_display(self):
        """How many questions the category lists and how many of them the source answers: "(18 rules)" counted the
        rows reading "Not stated in the source" as rules."""
        answered = sum(answer.status == AnswerStatus.ANSWERED for answer in self.answers)
        questions = len(self.answers)
        return f"{questions} question{'s' if questions != 1 else ''}, {answered} answered"


def key_parameters(answers, barriers=()):
    """The profile's "Key legal parameters": the country's answers in force, by category (`KeyParameterGroup`s),
    each with the report's barrier on its subject (`codebook.related`; `barriers` are the country's, the parts left
    out)."""
    on_subject = {barrier_subject(barrier): barrier for barrier in barriers if not barrier.part}
    groups = by_category(answers, category=lambda answer: answer.question.category)
    return [
        KeyParameterGroup(label, members, on_subject.get(Category(members[0].question.category)))
        for label, members in groups
    ]


class CodebookForm(forms.Form):
    """The codebook's choices: a category and a date. Its page took neither and ignored them: `?as_of=2030-01-01`,
    `?as_of=abc` and `?category=foo` showed the default view with no word, where the comparison says what is wrong
    (400). The comparison's form adds the countries."""

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

    def clean(self):
        """A date no report of the countries chosen (or of any country) speaks for is a form error, as the panel and
        the answers' `as_of` refuse it (`after_reports`): the page showed every rule "in force" in 2099, each only
        with a note."""
        cleaned = super().clean()
        day = cleaned.get("as_of")
        if day is not None and "countries" not in self.errors:
            reason = after_reports(day, self.dates, [country.pk for country in cleaned.get("countries", [])])
            if reason:
                self.add_error("as_of", reason)
        return cleaned


class CompareForm(CodebookForm):
    countries = forms.CharField(
        required=False,
        label="Countries",
        help_text="ISO codes, separated by commas; empty: every country with answers.",
    )
    field_order = ["countries", "category", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class AnswerGridView(TemplateView):
    """Base of the codebook's page and the comparison: questions as rows, countries as columns, the answers in force
    on a date chosen in `form_class` (the latest report's by default). Bad input is the form with its error under
    the field (400), never the default view shown as if the choice were taken."""

    form_class = CodebookForm

    def get(self, request, *args, **kwargs):
        dates = report_dates()
        form = self.form_class(request.GET or None, dates=dates)
        tune_widgets(form)
        valid = not form.is_bound or form.is_valid()
        data = form.cleaned_data if form.is_bound and valid else {}
        as_of = data.get("as_of") or default_date(dates)
        groups, countries = [], data.get("countries") or []
        if valid:
            questions = Question.objects.published()
            answers = Answer.objects.published().for_link().with_start_shown()
            if data.get("category"):
                questions = questions.filter(category=data["category"])
                answers = answers.filter(question__category=data["category"])
            if countries:
                answers = answers.filter(country__in=countries)
            cells = cells_on(answers, as_of, dates)
            countries = countries or answering_countries(cells)
            groups = answer_grid(questions, countries, cells)
        context = self.get_context_data(
            form=form, as_of=as_of, on_report_date=as_of == default_date(dates), countries=countries, groups=groups
        )
        return self.render_to_response(context, status=200 if valid else 400)


class CodebookView(AnswerGridView):
    """Every question, grouped by category, with its coding rules and each country's answer in force on the latest
    report's date (not today: no report speaks for later; see `codebook.dates`), or on an earlier date chosen, of
    one category or all."""

    template_name = "codebook/codebook.html"


class QuestionDetailView(RecordDetailView):
    """A question, its coding rules, and every country's answers over time, each with its citations."""

    model = Question
    lookup_field = "key"
    template_name = "codebook/question_detail.html"
    context_object_name = "question"

    def get_context_data(self, **kwargs):
        return super().get_context_data(by_country=answers_by_country(self.object.answers.all()), **kwargs)

    def record_that_had_the_key(self, queryset):
        """The question whose key this is in another case (`FOUNDERS_MINIMUM`, which the API's `question=` takes in
        any case, was a 404 here): its page by its one address (a 301, `RecordDetailView`); otherwise the question
        that held the key before an editor changed it. One query, only for a key no question holds as given."""
        spelled = self.model.objects.published().filter(key__iexact=self.kwargs[self.lookup_field]).first()
        return spelled or super().record_that_had_the_key(queryset)


class CompareView(AnswerGridView):
    """Questions as rows, countries as columns: the answers in force on a date, of the countries chosen."""

    template_name = "codebook/compare.html"
    form_class = CompareForm
