"""Site-wide pages (home, about, robots.txt) and the two generic views every app's pages are built on.

`CountryRecordDetailView` shows one published record of a country; `CountryListView` lists a country's
published records through the resource's shared FilterSet (the one the API uses too), with whitelisted
sorting and pagination. Both start from `.published()`, so drafts never reach a page.
"""

from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.views.generic import DetailView, ListView, TemplateView

from countries.models import Country
from laws.models import Law
from news.models import NewsItem
from ngomonitor.models import Status, published_rows
from rankings.models import Ranking

LATEST_NEWS = 6


class HomeView(ListView):
    """The countries we cover with their headline status and last-updated date, the latest news, a search box."""

    template_name = "home.html"
    context_object_name = "countries"

    def get_queryset(self):
        headline = (
            published_rows(Ranking, "index")
            .filter(index__publication_status=Status.PUBLISHED)
            .exclude(status_text="")
            .order_by("index__order", "-year")
        )
        return (
            Country.objects.published()
            .select_related("profile")
            .prefetch_related(Prefetch("ranking_set", queryset=headline, to_attr="status_rankings"))
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = published_rows(NewsItem, "country").order_by("-published_on", "order")[:LATEST_NEWS]
        return context


class AboutView(TemplateView):
    """What the data is, where it comes from, and where to get it (API docs, dataset download)."""

    template_name = "about.html"


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


class CountryMixin:
    """Resolve the URL's country code to a published country once per request (404 otherwise)."""

    def get_country(self):
        if not hasattr(self, "_country"):
            self._country = get_object_or_404(Country.objects.published(), iso2__iexact=self.kwargs["code"])
        return self._country

    def get_context_data(self, **kwargs):
        return super().get_context_data(country=self.get_country(), **kwargs)


class CountryRecordDetailView(DetailView):
    """A published record of one country, found by the URL's country code and slug (or another key)."""

    lookup_field = "slug"
    template_name = "record_detail.html"
    select = ("country",)
    prefetch = ()

    def get_queryset(self):
        return (
            self.model.objects.published()
            .for_country(self.kwargs["code"])
            .select_related("country__profile", *self.select)
            .prefetch_related(*self.prefetch)
        )

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        try:
            return queryset.get(**{self.lookup_field: self.kwargs[self.lookup_field]})
        except self.model.DoesNotExist as exc:
            raise Http404(f"No {self.model._meta.verbose_name} found.") from exc

    def get_context_data(self, **kwargs):
        return super().get_context_data(country=self.object.country, **kwargs)


class SortForm(forms.Form):
    """The list's sort order, from a whitelist; anything else is a form error."""

    sort = forms.ChoiceField(required=False, label="Sort by")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = choices


def tune_widgets(form):
    """Friendlier HTML widgets for the shared FilterSets' fields (the API ignores widgets): checkboxes for
    multiple choices, the browser's date picker for dates, "Any" as the no-filter choice of every select."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.SelectMultiple):
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        elif isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
        elif hasattr(field, "empty_label") and isinstance(field, forms.ChoiceField):
            field.empty_label = "Any"
            field.choices = [choice for choice in field.choices.choices if choice[0] != ""]


class CountryListView(CountryMixin, ListView):
    """A filtered, sorted, paginated list of one country's published records.

    Subclasses name the model, its FilterSet, the sort options (key -> label, ordering) and what each row
    needs loaded (`select`, `prefetch`), so a page costs the same number of queries however long the list.
    Invalid filter or sort input renders the form with its errors and status 400.
    """

    filterset_class = None
    title = ""
    sorts = {}
    default_sort_label = "Report order"
    select = ("country",)
    prefetch = ()
    paginate_by = 20
    hidden_filters = ("country",)
    invalid = False

    def base_queryset(self):
        return (
            self.model.objects.published()
            .filter(country=self.get_country())
            .select_related(*self.select)
            .prefetch_related(*self.prefetch)
        )

    def law_choices(self):
        """A `law` filter (by slug) offers the country's published laws by title, in one query."""
        laws = Law.objects.published().filter(country=self.get_country()).order_by("title")
        return [("", "Any"), *((slug, Truncator(title).chars(90)) for slug, title in laws.values_list("slug", "title"))]

    def get_queryset(self):
        data = self.request.GET.copy()
        for name in self.hidden_filters:
            data.pop(name, None)
        self.filterset = self.filterset_class(data, queryset=self.base_queryset(), request=self.request)
        tune_widgets(self.filterset.form)
        if "law" in self.filterset.form.fields:
            self.filterset.form.fields["law"].widget = forms.Select(choices=self.law_choices())
        choices = [(key, label) for key, (label, _) in self.sorts.items()]
        self.sort_form = SortForm(self.request.GET, choices=[("", self.default_sort_label), *choices])
        if not (self.filterset.is_valid() and self.sort_form.is_valid()):
            self.invalid = True
            return self.filterset.queryset.none()
        queryset = self.filterset.qs
        sort = self.sort_form.cleaned_data.get("sort")
        return queryset.order_by(*self.sorts[sort][1]) if sort else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_title"] = self.title
        context["filterset"] = self.filterset
        context["filter_fields"] = [field for field in self.filterset.form if field.name not in self.hidden_filters]
        context["sort_form"] = self.sort_form
        context["invalid"] = self.invalid
        context["is_filtered"] = any(key not in ("page",) for key in self.request.GET)
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.invalid:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)
