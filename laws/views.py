"""Laws, constitutional articles, initiatives and treaties: lists (through the shared FilterSets) and pages.

Each detail page lists what cites the record (see the QuerySets' `for_page()`), so a reader can go from a
law to the barriers, news and definitions that mention it, and from a constitutional article to the
barriers and news that cite it.
"""

from core.views import RecordDetailView
from countries.views import CountryListView, CountryRecordDetailView

from .filters import ConstitutionalArticleFilter, LawFilter, LegislativeInitiativeFilter, TreatyStatusFilter
from .models import ConstitutionalArticle, Law, LegislativeInitiative, Treaty, TreatyStatus


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

    def get_context_data(self, **kwargs):
        articles = cited_together(self.object.barriers.all(), "cited_articles")
        return super().get_context_data(articles_cited_with=articles, **kwargs)


class ArticleListView(CountryListView):
    title = "Constitutional articles"
    model = ConstitutionalArticle
    filterset_class = ConstitutionalArticleFilter
    template_name = "laws/article_list.html"
    sorts = {"number": ("Article number", ["sort_key", "number"])}


class ArticleDetailView(CountryRecordDetailView):
    model = ConstitutionalArticle
    lookup_field = "number"
    template_name = "laws/article_detail.html"

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


class TreatyStatusListView(CountryListView):
    """A country's treaties: which it has ratified (acceded to, succeeded to) and when."""

    title = "Treaties"
    model = TreatyStatus
    filterset_class = TreatyStatusFilter
    template_name = "laws/treaty_list.html"
    sorts = {
        "name": ("Treaty name (A–Z)", ["treaty__name"]),
        "year": ("Year (oldest first)", ["year", "treaty__order"]),
        "-year": ("Year (newest first)", ["-year", "treaty__order"]),
    }


class TreatyDetailView(RecordDetailView):
    """A treaty and where each country we cover stands on it."""

    model = Treaty
    template_name = "laws/treaty_detail.html"
    context_object_name = "treaty"
