"""News of a country: the filtered list (by language, date, related law) and each item's page."""

from django.db.models import F

from core.views import FilteredListView
from countries.views import CountryListView, CountryRecordDetailView

from .filters import NewsItemFilter
from .models import NewsItem


class NewsListView(CountryListView):
    title = "News"
    model = NewsItem
    filterset_class = NewsItemFilter
    template_name = "news/news_list.html"
    api_only_filters = ("year_after", "year_before")
    default_sort_label = "Newest first"
    sorts = {
        "published": ("Oldest first", [F("published_on").asc(nulls_last=True), "order"]),
        "title": ("Title (A–Z)", ["title"]),
    }


class AllNewsListView(FilteredListView):
    """News of every country, newest first: where the home page's "all news" leads (the feed is for readers)."""

    title = "News"
    model = NewsItem
    filterset_class = NewsItemFilter
    template_name = "news/all_news_list.html"
    api_only_filters = ("year_after", "year_before", "law")
    default_sort_label = "Newest first"
    sorts = NewsListView.sorts

    def base_queryset(self):
        return NewsItem.objects.published().for_list().latest()


class NewsDetailView(CountryRecordDetailView):
    model = NewsItem
    template_name = "news/news_detail.html"
