"""Base QuerySets: `published()` decides what the public sees; named methods hold the prefetch shapes.

Why here: the pages, the API, feeds, search, the dataset and the profile all start from the same QuerySet
methods, so they can never disagree on what is public or load a relation two different ways.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch

from .choices import Status


def related_model(model, lookup):
    """The model at the end of a relation path from `model` ("barriers", "law__country"); a reverse relation
    may be named as its accessor too ("ranking_set"), as `prefetch_related` names it."""
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            accessors = {relation.get_accessor_name(): relation for relation in model._meta.related_objects}
            if name not in accessors:
                raise
            field = accessors[name]
        model = field.related_model
    return model


class PublishedQuerySet(models.QuerySet):
    """The base of every content QuerySet: `published()` is what the public may see.

    Subclasses whose records belong to a parent (a ranking to its index, a list entry to its law) extend
    `published()` with the parent's own check, so every caller gets the whole rule.
    """

    def published(self):
        return self.filter(publication_status=Status.PUBLISHED)

    def with_published(self, lookup, *select_related, rows=None, to_attr=None):
        """Prefetch a relation keeping only its published rows, so a draft never shows through what cites it.

        The related model is found through the relation, so an app can prefetch the records of an app above
        it (a law's news items, say) without importing it. `rows` may shape the related QuerySet further;
        `to_attr` stores such a selection as a list of its own, leaving the relation's manager untouched.
        """
        queryset = related_model(self.model, lookup).objects.published().select_related(*select_related)
        if rows is not None:
            queryset = rows(queryset)
        return self.prefetch_related(Prefetch(lookup, queryset=queryset, to_attr=to_attr))

    def of_country(self, country):
        """The records of one country already in hand: each record gets that very object as its `country`.

        A profile loads some 450 records of one country; joining the country to each row would build a copy
        of it per row (and parse its timestamps). Django hands a reverse manager's rows their parent the same
        way (`_known_related_objects`). A `select_related("country")`, before or after (see `select_related`),
        is dropped: Django would keep the joined copy and ignore the object given.
        """
        queryset = self.filter(country=country)
        field = self.model._meta.get_field("country")
        queryset._known_related_objects = {**queryset._known_related_objects, field: {country.pk: country}}
        tree = queryset.query.select_related
        if isinstance(tree, dict) and tree.get("country") == {}:
            queryset.query.select_related = {name: rest for name, rest in tree.items() if name != "country"} or False
        return queryset

    def select_related(self, *fields):
        if "country" in fields and any(field.name == "country" for field in self._known_related_objects):
            fields = tuple(field for field in fields if field != "country")
            if not fields:
                return self._chain()
        return super().select_related(*fields)

    # The prefetch shapes, from the leanest to the fullest; subclasses override the ones that differ.
    def for_link(self):
        """Just what a link to the record needs (`get_absolute_url`): the sitemap, the timeline."""
        return self

    def for_list(self):
        """A line of an HTML list or a feed: what the line shows."""
        return self.for_link()

    def for_api(self):
        """A record in the API, its CSV and the dataset: everything the serializer nests."""
        return self.for_list()

    def for_page(self):
        """The record's own page (and the profile, where it shows the record in full)."""
        return self.for_api()


class CountryScopedQuerySet(PublishedQuerySet):
    """Records of one country; their natural key is (country ISO code, slug)."""

    def for_country(self, code):
        return self.filter(country__iso2__iexact=code)

    def published(self):
        # A record is public only if its country is public too.
        return super().published().filter(country__publication_status=Status.PUBLISHED)

    def for_link(self):
        return self.select_related("country")

    def get_by_natural_key(self, country_code, slug):
        return self.get(country__iso2=country_code, slug=slug)
