"""The country-scoped base views every app's pages use, and the barriers' list and pages.

The profile and the timeline are assembled by the site layer (`ngomonitor`), which knows every app.
"""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator
from django.views.generic import RedirectView

from core.filters import KnownKeyFilter
from core.querysets import related_model
from core.views import FilteredListView, RecordDetailView

from .filters import BarrierFilter, CountryListFilter
from .models import BY_REGION, RECENTLY_UPDATED, Barrier, Country


class CountryMixin:
    """Resolve the URL's country code to a published country once per request (404 otherwise)."""

    def get_country(self):
        if not hasattr(self, "_country"):
            self._country = get_object_or_404(Country.objects.published(), iso2__iexact=self.kwargs["code"])
        return self._country

    def get_context_data(self, **kwargs):
        return super().get_context_data(country=self.get_country(), **kwargs)


class CountryRedirectView(CountryMixin, RedirectView):
    """A permanent redirect between two pages of a published country (`/countries/kz/constitution/` to its
    articles). The country is checked here: a code no published country has is a 404 at the address typed, not a
    redirect to one."""

    permanent = True
    query_string = True

    def get_redirect_url(self, *args, **kwargs):
        self.get_country()
        return super().get_redirect_url(*args, **kwargs)


def added_after_report(record, country):
    """The day editors added the record, if after the country's report, else None. Records loaded from a report
    carry its date; one added since was credited to the report ("Source: … last updated May 30, 2024") on its page,
    which the report never said."""
    report = getattr(country, "profile", None)
    if report is None or not report.is_published:
        return None
    added = timezone.localdate(record.created_at)
    return added if added > report.last_updated else None


class CountryRecordDetailView(RecordDetailView):
    """A published record of one country, found by the URL's country code and slug (or another key)."""

    def get_queryset(self):
        return super().get_queryset().for_country(self.kwargs["code"]).select_related("country__profile")

    def get_context_data(self, **kwargs):
        country = self.object.country
        return super().get_context_data(country=country, added_on=added_after_report(self.object, country), **kwargs)

    def former_versions(self, versions):
        return versions.filter(country__iso2__iexact=self.kwargs["code"])


class CountryListView(CountryMixin, FilteredListView):
    """A filtered, sorted, paginated list of one country's published records (a line each: `for_list()`).

    A filter naming a record by its key (`law`, `article`, `treaty`: a slug or number the API takes) offers the
    records as a list of their names: a reader read "The treaty's slug, e.g. iccpr" above a text box.
    """

    hidden_filters = ("country",)

    def base_queryset(self):
        return self.model.objects.published().for_list().filter(country=self.get_country())

    def record_choices(self, key_filter):
        """The published records a key filter may name (the country's, for a country's records) as (key, name)
        pairs in the order of their names: a law by its full title, a treaty by its name; an article as itself
        ("Article 32"), in the constitution's order; one query. The model is found through the filter's relation,
        so this base needs no import of the laws app."""
        relation, key = key_filter.field_name.rsplit("__", 1)
        model = related_model(self.model, relation)
        records = model.objects.published()
        if any(field.name == "country" for field in model._meta.fields):
            records = records.filter(country=self.get_country())
        names = [field.name for field in model._meta.fields if field.name in ("title", "name")]
        named = [
            (getattr(record, key), Truncator(getattr(record, names[0]) if names else str(record)).chars(90))
            for record in records
        ]
        if names:
            named.sort(key=lambda pair: pair[1].casefold())  # else the model's own order: articles by number
        return named

    def tune_filter_form(self, form):
        """A key filter becomes a list of the records by name. A key given in another case (`?treaty=ICCPR`, which
        the filter reads) selects its record: the list showed "Any" over a filtered list."""
        super().tune_filter_form(form)
        for name, key_filter in self.filterset.filters.items():
            if isinstance(key_filter, KnownKeyFilter) and name in form.fields and name not in self.hidden_filters:
                choices = self.record_choices(key_filter)
                form.fields[name].widget = forms.Select(choices=[("", "Any"), *choices])
                form.fields[name].help_text = ""
                keys = {str(value).casefold(): str(value) for value, _ in choices}
                given = form.data.get(name)
                if given and given.casefold() in keys:
                    form.data[name] = keys[given.casefold()]


class AllCountriesListView(FilteredListView):
    """Every country we cover, by name or region, with its headline status and last update: where the home page's
    short list of recently updated countries leads once there are more than it shows."""

    title = "Countries"
    model = Country
    filterset_class = CountryListFilter
    template_name = "countries/country_list.html"
    context_object_name = "countries"
    api_only_filters = ("country",)  # one country's code: its profile is one click away
    default_sort_label = "Name (A–Z)"
    sorts = {
        "updated": ("Most recently updated", RECENTLY_UPDATED),
        "region": ("Region", BY_REGION),
    }
    paginate_by = 50

    def base_queryset(self):
        return Country.objects.published().for_list().order_by("name")

    def tune_filter_form(self, form):
        super().tune_filter_form(form)
        form.fields["region"] = RegionField(regions=list(Country.objects.published().regions()))


class RegionField(forms.ChoiceField):
    """One of the published countries' regions, in any case ("europe" is "Europe", as the API's filter reads it):
    the select shows the choice, and a region no country is in is a form error rather than an empty list."""

    def __init__(self, regions, **kwargs):
        self.canonical = {region.casefold(): region for region in regions}
        super().__init__(choices=[("", "Any"), *((r, r) for r in regions)], required=False, label="Region", **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.canonical.get(value.casefold(), value)

    def bound_data(self, data, initial):
        return self.to_python(data) if isinstance(data, str) else data


class BarrierListView(CountryListView):
    title = "Legal barriers"
    model = Barrier
    filterset_class = BarrierFilter
    template_name = "countries/barrier_list.html"
    sorts = {"title": ("Title (A–Z)", ["title"]), "category": ("Category", ["category", "order"])}


class BarrierDetailView(CountryRecordDetailView):
    """A barrier with its narrative, figures and citations; a category the report splits into parts (resources:
    foreign and domestic funding) links to each part."""

    model = Barrier
    template_name = "countries/barrier_detail.html"

    def get_context_data(self, **kwargs):
        barrier = self.object
        parts = Barrier.objects.none()
        if not barrier.part:
            parts = (
                Barrier.objects.published()
                .for_link()
                .filter(country=barrier.country, category=barrier.category)
                .exclude(part="")
            )
        return super().get_context_data(parts=parts, **kwargs)
