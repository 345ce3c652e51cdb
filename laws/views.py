"""Laws, constitutional articles, initiatives and treaties: lists (through the shared FilterSets) and pages.

Each detail page lists what cites the record (see the QuerySets' `for_page()`), so a reader can go from a
law to the barriers, news and definitions that mention it, and from a constitutional article to the
barriers and news that cite it.
"""

from django.db.models import F

from core.views import RecordDetailView, RecordIndexView
from countries.views import CountryListView, CountryRecordDetailView

from .filters import ConstitutionalArticleFilter, LawFilter, LegislativeInitiativeFilter, TreatyStatusFilter
from .models import ConstitutionalArticle, Law, LegislativeInitiative, Treaty, TreatyStatus


class LawListView(CountryListView):
    title = "Laws and regulations"
    model = Law
    filterset_class = LawFilter
    template_name = "laws/law_list.html"
    api_only_filters = ("adopted_year_after", "adopted_year_before")
    date_filters = ("adopted_after", "adopted_before")
    dated_sort = "adopted"
    sorts = {
        "title": ("Title (A–Z)", ["title"]),
        "adopted": ("Adopted (oldest first)", [F("adopted_on").asc(nulls_last=True), "order"]),
        "-adopted": ("Adopted (newest first)", [F("adopted_on").desc(nulls_last=True), "order"]),
    }


def cited_together(barriers, relation, exclude=None):
    """A derived link, labelled as such: what the given barriers cite beside the page's record, each with the
    barriers that cite both (for a law, the constitutional articles its barriers also cite; for an article,
    the laws). The report never says the two belong together; it cites both in the same barrier."""
    together = {}
    for barrier in barriers:
        for other in getattr(barrier, relation).all():
            if other != exclude:
                together.setdefault(other.pk, (other, []))[1].append(barrier)
    return list(together.values())


def news_by_provenance(record, news):
    """(news whose text names the record, news an editor related to it without the text naming it)."""
    named, related = [], []
    for item in news:
        (named if record.is_named_in(f"{item.title} {item.summary}") else related).append(item)
    return named, related


class LawDetailView(CountryRecordDetailView):
    model = Law
    template_name = "laws/law_detail.html"

    def get_context_data(self, **kwargs):
        law = self.object
        named, related = news_by_provenance(law, law.news_items.all())
        return super().get_context_data(
            articles_cited_with=cited_together(law.barriers.all(), "cited_articles"),
            news_naming=named,
            news_related=related,
            **kwargs,
        )


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
        article = self.object
        named, related = news_by_provenance(article, article.news_items.all())
        return super().get_context_data(
            laws_cited_with=cited_together(article.barriers.all(), "cited_laws", exclude=article.constitution),
            news_naming=named,
            news_related=related,
            **kwargs,
        )


class InitiativeListView(CountryListView):
    title = "Pending initiatives"
    model = LegislativeInitiative
    filterset_class = LegislativeInitiativeFilter
    template_name = "laws/initiative_list.html"
    date_filters = ("started_after", "started_before")
    dated_sort = "started"
    sorts = {
        "title": ("Title (A–Z)", ["title"]),
        "started": ("Started (oldest first)", [F("started_on").asc(nulls_last=True), "order"]),
        "-started": ("Started (newest first)", [F("started_on").desc(nulls_last=True), "order"]),
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
    date_filters = ("year_after", "year_before")
    dated_sort = "year"
    sorts = {
        "name": ("Treaty name (A–Z)", ["treaty__name"]),
        "year": ("Year (oldest first)", [F("year").asc(nulls_last=True), "treaty__order"]),
        "-year": ("Year (newest first)", [F("year").desc(nulls_last=True), "treaty__order"]),
    }


class TreatyIndexView(RecordIndexView):
    model = Treaty
    template_name = "laws/treaty_index.html"


class TreatyDetailView(RecordDetailView):
    """A treaty and where each country we cover stands on it."""

    model = Treaty
    template_name = "laws/treaty_detail.html"
    context_object_name = "treaty"
