"""Site-wide pages: home, about, robots.txt, a country's profile (the whole report on one page) and its
timeline. They gather records of every app, which is why they live in the site layer."""

from django import forms
from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from countries.models import Country
from countries.views import CountryMixin
from news.models import NewsItem
from rankings.models import Ranking

from .charts import figure_chart, figure_series, ranking_chart, ranking_rows, timeline_chart
from .profile import country_profile, profile_sections
from .timeline import TimelineKind, timeline_entries

LATEST_NEWS = 6


class HomeView(ListView):
    """The countries we cover with their headline status and last-updated date, the latest news, a search box."""

    template_name = "home.html"
    context_object_name = "countries"

    def get_queryset(self):
        headline = (
            Ranking.objects.published()
            .select_related("index")
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
        context["latest_news"] = NewsItem.objects.published().for_list().latest()[:LATEST_NEWS]
        return context


class AboutView(TemplateView):
    """What the data is, where it comes from, and where to get it (API docs, dataset download)."""

    template_name = "about.html"


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


class CountryProfileView(CountryMixin, DetailView):
    """The country profile: every section of the report in order, each record linked to its own page.

    The records come from the profile selector (the same as the API profile's); each part is loaded in the
    shape the page shows it.
    """

    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return self.get_country()

    def get_context_data(self, **kwargs):
        records = country_profile(self.object)

        def lines(part):
            return records.part(part).for_list()

        figures = list(lines("sector_figures"))
        rankings = list(lines("rankings"))
        barriers = list(records.part("barriers").for_page())
        rows = ranking_rows(rankings)
        series = figure_series(figures)
        context = {
            "profile": records.summary,
            "sections": profile_sections(lines("sections"), figures, {b.pk for b in barriers}),
            "at_a_glance": lines("at_a_glance"),
            "indicators": lines("key_indicators"),
            "rankings": rankings,
            "ranking_rows": rows,
            "ranking_chart": ranking_chart(rows),
            "figure_charts": [(item, figure_chart(item, f"figure-chart-{n}")) for n, item in enumerate(series)],
            "treaty_statuses": lines("treaty_statuses"),
            "articles": lines("constitutional_articles"),
            "amendments": lines("constitutional_amendments"),
            "law_entries": lines("law_list"),
            "other_laws": records.other_laws().for_list(),
            "initiatives": lines("initiatives"),
            "forms": lines("organizational_forms"),
            "definitions": lines("legal_definitions"),
            "tax_provisions": lines("tax_provisions"),
            "barriers": barriers,
            "participation": lines("public_participation"),
            "resources": lines("reports"),
            "news": lines("news"),
        }
        return super().get_context_data(**context, **kwargs)


class TimelineForm(forms.Form):
    kind = forms.MultipleChoiceField(
        choices=TimelineKind.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Show"
    )


class TimelineView(CountryMixin, TemplateView):
    """Laws, amendments, ratifications, rankings, initiatives and news of a country on one axis."""

    template_name = "countries/timeline.html"

    def get(self, request, *args, **kwargs):
        form = TimelineForm(request.GET)
        valid = form.is_valid()
        entries = timeline_entries(self.get_country(), form.cleaned_data.get("kind")) if valid else []
        context = self.get_context_data(form=form, entries=entries, chart=timeline_chart(entries), **kwargs)
        return self.render_to_response(context, status=200 if valid else 400)
