"""Laws, constitutional articles, initiatives and treaties: lists (through the shared FilterSets) and pages.

Each detail page lists what cites the record, so a reader can go from a law to the barriers, news and
definitions that mention it, and from a constitutional article to the barriers and news that cite it.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from countries.models import Barrier, PublicParticipationItem, SectorFigure
from news.models import NewsItem
from ngomonitor.models import published_prefetch, published_rows
from ngomonitor.views import CountryListView, CountryRecordDetailView
from organizations.models import OrganizationalForm, TaxProvision

from .filters import ConstitutionalArticleFilter, LawFilter, LegislativeInitiativeFilter, TreatyStatusFilter
from .models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)


class LawListView(CountryListView):
    title = "Laws and regulations"
    model = Law
    filterset_class = LawFilter
    template_name = "laws/law_list.html"
    sorts = {
        "title": ("Title (A–Z)", ["title"]),
        "adopted": ("Adopted (oldest first)", ["adopted_on", "order"]),
        "-adopted": ("Adopted (newest first)", ["-adopted_on", "order"]),
    }


def cited_together(records, relation, exclude=None):
    """What the given barriers cite beside the page's record (in order, once each): for a law, the
    constitutional articles its barriers also cite; for an article, the laws."""
    seen = {}
    for record in records:
        for other in getattr(record, relation).all():
            if other != exclude:
                seen.setdefault(other.pk, other)
    return list(seen.values())


class LawDetailView(CountryRecordDetailView):
    model = Law
    template_name = "laws/law_detail.html"
    prefetch = (
        published_prefetch("list_entries", LawListEntry),
        Prefetch(
            "barriers",
            queryset=published_rows(Barrier, "country").prefetch_related(
                published_prefetch("cited_articles", ConstitutionalArticle, "country")
            ),
        ),
        published_prefetch("initiatives", LegislativeInitiative, "country"),
        published_prefetch("news_items", NewsItem, "country"),
        published_prefetch("definitions", LegalDefinition),
        published_prefetch("definitions_added", LegalDefinition),
        published_prefetch("organizational_forms", OrganizationalForm, "country"),
        published_prefetch("figures", SectorFigure),
        published_prefetch("tax_provisions", TaxProvision),
        published_prefetch("participation_items", PublicParticipationItem),
        published_prefetch("articles", ConstitutionalArticle, "country"),
        published_prefetch("amendments_made", ConstitutionalAmendment),
    )

    def get_context_data(self, **kwargs):
        articles = cited_together(self.object.barriers.all(), "cited_articles")
        return super().get_context_data(articles_cited_with=articles, **kwargs)


class ArticleListView(CountryListView):
    title = "Constitutional articles"
    model = ConstitutionalArticle
    filterset_class = ConstitutionalArticleFilter
    template_name = "laws/article_list.html"
    sorts = {"number": ("Article number", ["sort_key", "number"])}
    select = ("country", "constitution")


class ArticleDetailView(CountryRecordDetailView):
    model = ConstitutionalArticle
    lookup_field = "number"
    template_name = "laws/article_detail.html"
    select = ("country", "constitution__country")
    prefetch = (
        Prefetch(
            "barriers",
            queryset=published_rows(Barrier, "country").prefetch_related(
                published_prefetch("cited_laws", Law, "country")
            ),
        ),
        published_prefetch("news_items", NewsItem, "country"),
        published_prefetch("amendments", ConstitutionalAmendment, "amending_law__country"),
    )

    def get_context_data(self, **kwargs):
        laws = cited_together(self.object.barriers.all(), "cited_laws", exclude=self.object.constitution)
        return super().get_context_data(laws_cited_with=laws, **kwargs)


class InitiativeListView(CountryListView):
    title = "Pending initiatives"
    model = LegislativeInitiative
    filterset_class = LegislativeInitiativeFilter
    template_name = "laws/initiative_list.html"
    sorts = {
        "title": ("Title (A–Z)", ["title"]),
        "started": ("Started (oldest first)", ["started_on", "order"]),
        "-started": ("Started (newest first)", ["-started_on", "order"]),
    }


class InitiativeDetailView(CountryRecordDetailView):
    model = LegislativeInitiative
    template_name = "laws/initiative_detail.html"
    prefetch = (
        published_prefetch("related_laws", Law, "country"),
        published_prefetch("news_items", NewsItem, "country"),
    )


class TreatyStatusListView(CountryListView):
    """A country's treaties: which it has ratified (acceded to, succeeded to) and when."""

    title = "Treaties"
    model = TreatyStatus
    filterset_class = TreatyStatusFilter
    template_name = "laws/treaty_list.html"
    select = ("country", "treaty")
    sorts = {
        "name": ("Treaty name (A–Z)", ["treaty__name"]),
        "year": ("Year (oldest first)", ["year", "treaty__order"]),
        "-year": ("Year (newest first)", ["-year", "treaty__order"]),
    }


class TreatyDetailView(DetailView):
    """A treaty and where each country we cover stands on it."""

    template_name = "laws/treaty_detail.html"
    context_object_name = "treaty"

    def get_object(self, queryset=None):
        statuses = published_prefetch("statuses", TreatyStatus, "country")
        return get_object_or_404(Treaty.objects.published().prefetch_related(statuses), slug=self.kwargs["slug"])
