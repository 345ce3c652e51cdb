"""The Atom feed of a country's "Updates to this site's records" page: the same published changes, for feed readers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import views
from .history import public_changes


class CountryChangesFeed(Feed):
    feed_type = Atom1Feed
    author_name = "NGO Monitor"  # Atom needs an author: the site, never the editor who made a change

    def get_object(self, request, code):
        return views.published_country(code)

    def title(self, country):
        return f"NGO Monitor: updates to the records of {country.name}"

    def subtitle(self, country):
        return f"Corrections and updates to the published records of {country.name}."

    def link(self, country):
        return reverse("editorial:country-changes", kwargs={"code": country.iso2.lower()})

    def feed_url(self, country):
        return reverse("editorial:country-changes-feed", kwargs={"code": country.iso2.lower()})

    def items(self, country):
        return public_changes(country, limit=views.CHANGES_PER_PAGE).changes

    def item_title(self, change):
        return change.summary

    def item_description(self, change):
        return change.summary

    def item_link(self, change):
        # The record's page; the fragment makes each change's link, hence its Atom id, unique.
        return f"{change.url}#change-{change.key}"

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at
