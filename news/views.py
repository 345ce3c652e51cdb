"""News of a country: the filtered list (by language, date, related law) and each item's page."""

from countries.views import CountryListView, CountryRecordDetailView

from .filters import NewsItemFilter
from .models import NewsItem


class NewsListView(CountryListView):
    title = "News"
    model = NewsItem
    filterset_class = NewsItemFilter
    template_name = "news/news_list.html"
    default_sort_label = "Newest first"
    sorts = {
        "published": ("Oldest first", ["published_on", "order"]),
        "title": ("Title (A–Z)", ["title"]),
    }


class NewsDetailView(CountryRecordDetailView):
    model = NewsItem
    template_name = "news/news_detail.html"
