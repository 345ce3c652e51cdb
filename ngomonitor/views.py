"""Site-wide pages: home, about, robots.txt, a country's profile, its report (whole, or a section a page) and
its timeline. They gather records of every app, which is why they live in the site layer."""

from django import forms
from django.http import Http404
from django.templatetags.static import static
from django.views.generic import ListView, RedirectView, TemplateView

from codebook.views import key_parameters
from core.views import without_empty_values
from countries.models import Country
from countries.views import CountryMixin
from news.models import NewsItem

from .charts import ranking_rows, timeline_chart, timeline_legend, year_anchors
from .profile import country_profile
from .report import SECTION_BY_ANCHOR, SECTION_KINDS, neighbours, report_contents, report_sections
from .timeline import TimelineKind, timeline_entries

LATEST_NEWS = 6
# Countries on the home page, most recently updated first; the countries list has them all.
HOME_COUNTRIES = 12
# "What changed recently in the law": the latest dated events of these kinds, on the profile.
RECENT_KINDS = (TimelineKind.LAW, TimelineKind.AMENDMENT, TimelineKind.INITIATIVE, TimelineKind.RULE, TimelineKind.NEWS)
RECENT_CHANGES = 5


class HomeView(ListView):
    """The most recently updated countries with their headline status and date, the latest news, a search box.

    The home page shows a fixed number of countries, so it costs the same with one country or two hundred (it
    listed them all: 5.3 ms uncached on the seed, 29 ms with 200 countries); every country is one click away
    on the countries list, which pages, filters and sorts them.
    """

    template_name = "home.html"
    context_object_name = "countries"

    def get_queryset(self):
        return Country.objects.published().for_list().recently_updated()[:HOME_COUNTRIES]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["country_count"] = Country.objects.published().count()
        context["latest_news"] = NewsItem.objects.published().for_list().latest()[:LATEST_NEWS]
        return context


class AboutView(TemplateView):
    """What the data is, where it comes from, and where to get it (API docs, dataset download)."""

    template_name = "about.html"


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"


class FaviconView(RedirectView):
    """`/favicon.ico`, which feed readers, crawlers and bookmarks ask for without reading the pages'
    `<link rel="icon">`: the site's icon. Not a permanent redirect: the icon's address names its content's hash,
    which changes with the icon, and browsers keep a permanent redirect for good."""

    permanent = False
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


class CountryProfileView(CountryMixin, TemplateView):
    """The country profile: what a researcher needs first, on one screen, then the report's contents.

    Key facts (the headline ratings on their own scales, the report's "At a glance" table), what changed
    recently in the law and the latest news, and links to every section of the report, each on a page of its own.
    """

    template_name = "countries/profile.html"

    def get_context_data(self, **kwargs):
        country = self.get_country()
        records = country_profile(country)
        recent = timeline_entries(country, RECENT_KINDS)[-RECENT_CHANGES:][::-1]
        rules_date = records.rules_date  # the report's: it cannot speak for later (see codebook.dates)
        return super().get_context_data(
            profile=records.summary,
            ratings=ranking_rows(records.part("rankings").for_list()),
            at_a_glance=records.part("at_a_glance").for_list(),
            rules_date=rules_date,
            key_parameters=key_parameters(
                records.part("codebook").for_api().in_force(rules_date), records.part("barriers").for_link()
            ),
            recent_changes=recent,
            contents=report_contents(),
            **kwargs,
        )


class CountryReportView(CountryMixin, TemplateView):
    """The whole report on one page (for printing, and for finding words in the page), or one section of it."""

    template_name = "countries/report.html"

    def get_context_data(self, **kwargs):
        anchor = kwargs.pop("section", None)
        kinds = SECTION_KINDS
        if anchor is not None:
            if anchor not in SECTION_BY_ANCHOR:
                raise Http404("No such section of the report.")
            kinds = [SECTION_BY_ANCHOR[anchor]]
        sections = report_sections(country_profile(self.get_country()), kinds)
        single = sections[0] if anchor is not None else None
        previous, following = neighbours(single.kind) if single else (None, None)
        return super().get_context_data(
            sections=sections,
            current=single,
            previous=previous,
            next=following,
            contents=report_contents(),
            # A section's own page titles it with the page's h1; the whole report nests every section under it.
            heading=1 if single else 2,
            subheading=2 if single else 3,
            **kwargs,
        )


class TimelineForm(forms.Form):
    kind = forms.MultipleChoiceField(
        choices=TimelineKind.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Show"
    )


class TimelineView(CountryMixin, TemplateView):
    """Laws, amendments, ratifications, rankings, initiatives and news of a country on one axis."""

    template_name = "countries/timeline.html"

    def get(self, request, *args, **kwargs):
        form = TimelineForm(without_empty_values(request.GET))
        valid = form.is_valid()
        entries = timeline_entries(self.get_country(), form.cleaned_data.get("kind")) if valid else []
        context = self.get_context_data(
            form=form,
            entries=year_anchors(entries),
            count=len(entries),
            years=sorted({entry.date.year for entry in entries}, reverse=True),  # the jump links, newest first
            chart=timeline_chart(entries),
            legend=timeline_legend(entries),
            **kwargs,
        )
        return self.render_to_response(context, status=200 if valid else 400)
