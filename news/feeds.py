"""Atom feeds of news: one for all countries, one per country. Both start from the published QuerySet, newest
first, as the home page and the news list do."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from countries.models import Country

from .models import NewsItem

FEED_LENGTH = 50


def latest_news():
    return NewsItem.objects.published().for_list().latest()


class AllNewsFeed(Feed):
    feed_type = Atom1Feed
    title = "NGO Monitor: news"
    subtitle = "News on the legal environment for civil society, all countries."
    author_name = "NGO Monitor"

    def link(self):
        return reverse("home")

    def items(self):
        return latest_news()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.published_on, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item):
        return [item.country.name]


class CountryNewsFeed(AllNewsFeed):
    def get_object(self, request, code):
        return get_object_or_404(Country.objects.published(), iso2__iexact=code)

    def title(self, country):
        return f"NGO Monitor: {country.name} news"

    def subtitle(self, country):
        return f"News on the legal environment for civil society in {country.name}."

    def link(self, country):
        return reverse("news:list", kwargs={"code": country.iso2.lower()})

    def items(self, country):
        return latest_news().filter(country=country)[:FEED_LENGTH]
