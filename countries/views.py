"""A country's profile (the whole report on one page), its barriers and its timeline."""

from dataclasses import dataclass, field

from django import forms
from django.views.generic import DetailView, TemplateView

from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from ngomonitor.charts import figure_chart, figure_series, ranking_chart, ranking_rows, timeline_chart
from ngomonitor.models import Status, published_prefetch, published_rows
from ngomonitor.timeline import TimelineKind, timeline_entries
from ngomonitor.views import CountryListView, CountryMixin, CountryRecordDetailView
from organizations.models import OrganizationalForm, TaxProvision
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingSubScore

from .filters import BarrierFilter
from .models import AtAGlanceRow, Barrier, PublicParticipationItem, Section, SectionKind, SectorFigure, section_anchor

PUBLISHED = Status.PUBLISHED

# What a barrier shows beside its text, wherever it is shown: the laws, articles and figures it cites.
BARRIER_RELATIONS = (
    published_prefetch("cited_laws", Law, "country"),
    published_prefetch("cited_articles", ConstitutionalArticle, "country"),
    published_prefetch("figures", SectorFigure),
)


@dataclass
class ProfileSection:
    """One section of the report: its heading and anchor, narrative passages and the figures it states."""

    kind: str
    title: str
    passages: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    @property
    def anchor(self):
        """The section's id on the page, as the API's and the search's links name it."""
        return section_anchor(self.kind)


def profile_sections(passages, figures, barrier_ids):
    """Every section of the report in report order, with its passages and figures. A figure stated under a
    published barrier is shown with that barrier instead (see the barriers' prefetch)."""
    sections = {kind: ProfileSection(kind, label) for kind, label in SectionKind.choices}
    for passage in passages:
        sections[passage.kind].passages.append(passage)
    for figure in figures:
        if figure.barrier_id not in barrier_ids:
            sections[figure.section].figures.append(figure)
    return sections


class CountryDetailView(CountryMixin, DetailView):
    """The country profile: every section of the report in order, each record linked to its own page."""

    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return self.get_country()

    def get_context_data(self, **kwargs):
        country = self.object
        mine = {"country": country}
        figures = list(published_rows(SectorFigure, "related_law__country").filter(**mine))
        rankings = list(
            published_rows(Ranking, "index")
            .filter(index__publication_status=PUBLISHED, **mine)
            .prefetch_related(published_prefetch("subscores", RankingSubScore))
        )
        barriers = list(published_rows(Barrier, "country").filter(**mine).prefetch_related(*BARRIER_RELATIONS))
        rows = ranking_rows(rankings)
        series = figure_series(figures)
        context = {
            "profile": self._profile(country),
            "sections": profile_sections(published_rows(Section).filter(**mine), figures, {b.pk for b in barriers}),
            "at_a_glance": published_rows(AtAGlanceRow).filter(**mine),
            "indicators": published_rows(KeyIndicator)
            .filter(**mine)
            .prefetch_related(published_prefetch("breakdowns", IndicatorBreakdown)),
            "rankings": rankings,
            "ranking_rows": rows,
            "ranking_chart": ranking_chart(rows),
            "figure_charts": [(item, figure_chart(item, f"figure-chart-{n}")) for n, item in enumerate(series)],
            "treaty_statuses": published_rows(TreatyStatus, "treaty").filter(**mine),
            "articles": published_rows(ConstitutionalArticle, "country").filter(**mine),
            "amendments": published_rows(ConstitutionalAmendment, "amending_law__country")
            .filter(**mine)
            .prefetch_related(published_prefetch("articles", ConstitutionalArticle, "country")),
            "law_entries": published_rows(LawListEntry, "law__country").filter(
                law__publication_status=PUBLISHED, **mine
            ),
            "other_laws": published_rows(Law, "country")
            .filter(**mine)
            .exclude(list_entries__publication_status=PUBLISHED),
            "initiatives": published_rows(LegislativeInitiative, "country").filter(**mine),
            "forms": published_rows(OrganizationalForm, "country", "law__country").filter(**mine),
            "definitions": published_rows(LegalDefinition, "law__country", "added_by__country").filter(**mine),
            "tax_provisions": published_rows(TaxProvision, "law__country").filter(**mine),
            "barriers": barriers,
            "participation": published_rows(PublicParticipationItem, "law__country").filter(**mine),
            "resources": published_rows(Resource).filter(**mine),
            "news": published_rows(NewsItem, "country").filter(**mine),
        }
        return super().get_context_data(**context, **kwargs)

    @staticmethod
    def _profile(country):
        profile = getattr(country, "profile", None)
        return profile if profile is not None and profile.is_published else None


class BarrierListView(CountryListView):
    title = "Legal barriers"
    model = Barrier
    filterset_class = BarrierFilter
    template_name = "countries/barrier_list.html"
    sorts = {"title": ("Title (A–Z)", ["title"]), "category": ("Category", ["category", "order"])}
    prefetch = (published_prefetch("cited_laws", Law, "country"),)


class BarrierDetailView(CountryRecordDetailView):
    model = Barrier
    template_name = "countries/barrier_detail.html"
    prefetch = BARRIER_RELATIONS


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
