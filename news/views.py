"""News of a country: the filtered list (by language, date, related law) and each item's page."""

from laws.models import ConstitutionalArticle, Law, LegislativeInitiative
from ngomonitor.models import published_prefetch
from ngomonitor.views import CountryListView, CountryRecordDetailView

from .filters import NewsItemFilter
from .models import NewsItem

NEWS_RELATIONS = (
    published_prefetch("related_laws", Law, "country"),
    published_prefetch("related_articles", ConstitutionalArticle, "country"),
)


class NewsListView(CountryListView):
    title = "News"
    model = NewsItem
    filterset_class = NewsItemFilter
    template_name = "news/news_list.html"
    prefetch = NEWS_RELATIONS
    default_sort_label = "Newest first"
    sorts = {
        "published": ("Oldest first", ["published_on", "order"]),
        "title": ("Title (A–Z)", ["title"]),
    }


class NewsDetailView(CountryRecordDetailView):
    model = NewsItem
    template_name = "news/news_detail.html"
    prefetch = (*NEWS_RELATIONS, published_prefetch("related_initiatives", LegislativeInitiative, "country"))
