"""Base QuerySets: `published()` decides what the public sees; named methods hold the prefetch shapes.

Why here: the pages, the API, feeds, search, the dataset and the profile all start from the same QuerySet
methods, so they can never disagree on what is public or load a relation two different ways.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.query import ModelIterable

from .choices import Status
from .statements import remember_statements


def relation(model, name):
    """A model's field or relation by name; a reverse relation may be named as its accessor too ("ranking_set"),
    as `prefetch_related` names it."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        accessors = {related.get_accessor_name(): related for related in model._meta.related_objects}
        if name not in accessors:
            raise
        return accessors[name]


def related_model(model, lookup):
    """The model at the end of a relation path from `model` ("barriers", "law__country")."""
    for name in lookup.split("__"):
        model = relation(model, name).related_model
    return model


def select_related_paths(tree, prefix=""):
    """A `select_related` tree ({"law": {"country": {}}}) as the lookups that build it ("law__country")."""
    paths = []
    for name, rest in tree.items():
        path = f"{prefix}{name}"
        paths.extend(select_related_paths(rest, f"{path}__") if rest else [path])
    return paths


def knowing(queryset, known):
    """This QuerySet, its rows (and its prefetches' rows) taking the records in hand where a relation points at one.

    `known` is {model: {pk: record}}, each model's records listed in its ordering: a country profile's country,
    and its laws, constitutional articles and initiatives (`CountryProfileRecords`). The profile names its laws some
    250 times (list lines, citations, definitions, figures...) and its country some 300 times; a
    `select_related` built a copy of each per row, with all its columns parsed, and each join and its columns
    cost the query's compilation too. A relation whose model is known is not joined: the row gets the record
    in hand (Django's `_known_related_objects`, as a reverse manager hands rows their parent), and a row whose
    record is not in hand (a draft law, another country's) gets it from one query for all such rows (a
    `prefetch_related`, which skips the rows that have theirs: usually all, so no query). A many-to-many
    relation to known records reads only its link table (`KnownMany`); a record's own rows (a reverse foreign key)
    are read in one query as Django reads them, and handed on without a narrowed copy per record (`OwnRows`).
    """
    model, queryset = queryset.model, queryset._chain()
    through = [getattr(lookup, "prefetch_through", lookup) for lookup in queryset._prefetch_related_lookups]
    lookups = []
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, Prefetch) and lookup.queryset is not None:
            own = isinstance(queryset, PublishedQuerySet)
            many = KnownMany.of(model, lookup, known) if own else None
            if many is not None:
                queryset._known_many = (*queryset._known_many, many)
                continue
            lookup = Prefetch(lookup.prefetch_through, knowing(lookup.queryset, known), lookup.to_attr)
            rows = OwnRows.of(model, lookup, through) if own else None
            if rows is not None:
                queryset._known_many = (*queryset._known_many, rows)
                continue
        lookups.append(lookup)
    queryset._prefetch_related_lookups = tuple(lookups)
    tree = queryset.query.select_related
    if not isinstance(tree, dict):
        return queryset
    # A relation the shape prefetches through ("law__barriers") stays joined: Django would prefetch through the rows
    # it fetched itself only, not through the records in hand.
    paths = (getattr(lookup, "prefetch_through", lookup) for lookup in queryset._prefetch_related_lookups)
    traversed = {path.split("__")[0] for path in paths if "__" in path}
    joined = {}
    for name, rest in tree.items():
        field = model._meta.get_field(name)
        records = known.get(field.related_model) if field.many_to_one and name not in traversed else None
        if records is None:
            joined[name] = rest
            continue
        queryset._known_related_objects = {
            **queryset._known_related_objects,
            field: {**queryset._known_related_objects.get(field, {}), **records, None: None},
        }
        # The few rows not in hand are joined as asked (read as Django reads a foreign key, `_base_manager`): one
        # query for the relation, whatever they name.
        rows = field.related_model._base_manager.all()
        if rest:
            rows = rows.select_related(*select_related_paths(rest))
        queryset = queryset.prefetch_related(Prefetch(name, queryset=rows))
    queryset.query.select_related = joined or False
    return queryset


def in_parent_order(rows, parent):
    """Rows prefetched into their parents' lists, ordered as their model orders them less a leading `parent` key.

    Each list holds one parent's rows, in which the parent key is the same throughout: sorting by it first changes
    nothing there, and sorting by a relation costs a join and the parent's own ordering resolved in the query. A
    citation's `["answer", "order"]` took in the answer's country, question and start: half of the prefetch's
    compilation, for lists that "order" alone sorts the same.
    """
    ordering = list(rows.model._meta.ordering)
    if rows.query.order_by or not ordering or ordering[0] != parent:
        return rows
    return rows.order_by(*ordering[1:])


class KnownMany:
    """A many-to-many prefetch of published records answered from the records in hand (see `knowing`).

    A barrier's cited laws, a news item's laws, articles and initiatives are the profile's own records: the
    prefetch joined each link to a fresh copy of its record (with the record's country, for the published check
    and the ordering), built it, and compiled that query. Here one query reads the link table alone, and each
    row gets the records in hand, in their own order (the order the prefetch sorted them in: the records in hand
    are listed in their model's ordering). A link to a published record not in hand (another country's) sends the
    whole relation back to the prefetch it replaces: one more query, and the answer is the same.
    """

    def __init__(self, field, queryset, records):
        self.field, self.queryset, self.records = field, queryset, records

    def __getstate__(self):
        # As Django pickles a `Prefetch`: its QuerySet unevaluated (pickling a QuerySet runs it: every published law).
        queryset = self.queryset._chain()
        queryset._result_cache, queryset._prefetch_done = [], True
        return {**self.__dict__, "queryset": queryset}

    @classmethod
    def of(cls, model, lookup, known):
        """The `KnownMany` for a prefetch lookup, or None when the lookup is not one it can answer: a many-to-many
        field of `model` itself, kept whole (no `to_attr`), of the published records (`with_published` without
        `rows`), to a model whose records are known."""
        if not getattr(lookup, "published_rows", False) or lookup.to_attr or "__" in lookup.prefetch_through:
            return None
        field = relation(model, lookup.prefetch_through)
        if not isinstance(field, models.ManyToManyField) or field.related_model not in known:
            return None
        # the prefetch as it was, joins and all, for the rare relation sent back to it (see `attach`)
        return cls(field, lookup.queryset, known[field.related_model])

    def attach(self, rows):
        if not rows:
            return
        name, through = self.field.name, self.field.remote_field.through
        source = through._meta.get_field(self.field.m2m_field_name()).attname
        target = through._meta.get_field(self.field.m2m_reverse_field_name()).attname
        # Links to drafts are left out as the prefetch leaves them (a draft is never in hand, and would send the
        # relation back to the prefetch for nothing); any other link to a record not in hand does send it back.
        published = {f"{self.field.m2m_reverse_field_name()}__publication_status": Status.PUBLISHED}
        links = list(
            through._base_manager.filter(**{f"{source}__in": [row.pk for row in rows]}, **published)
            .order_by()
            .values_list(source, target)
        )
        if any(target_id not in self.records for _, target_id in links):
            prefetch_related_objects(rows, Prefetch(name, queryset=self.queryset))
            return
        position = {pk: index for index, pk in enumerate(self.records)}
        linked = {}
        for source_id, target_id in links:
            linked.setdefault(source_id, []).append(target_id)
        for row in rows:
            # As Django stores a prefetch: the prefetch's QuerySet narrowed to this row's links (so that a further
            # filter still reads only this row's published links), its rows given; narrowed when first asked.
            rows_of_row = [self.records[pk] for pk in sorted(linked.get(row.pk, ()), key=position.get)]
            hand_prefetched(row, name, narrowed_later(self.queryset, row, name, rows_of_row))


class OwnRows(KnownMany):
    """A prefetch of a record's own rows (an answer's citations, a ranking's sub-scores) read as Django reads it, one
    query for every record's rows, and handed to each record as `narrowed_later` rows: Django narrowed a copy of the
    QuerySet per record up front (see `knowing`)."""

    def __init__(self, relation, queryset):
        self.relation, self.queryset = relation, queryset

    @classmethod
    def of(cls, model, lookup, through):
        """The `OwnRows` for a prefetch lookup, or None when it is not one it answers as Django would: a reverse
        foreign key of `model` itself to its primary key, kept whole (no `to_attr`), read whole (no slice), and
        not prefetched through by another lookup ("citations__law" needs Django's own "citations")."""
        name = lookup.prefetch_through
        if lookup.to_attr or "__" in name or any(path.startswith(f"{name}__") for path in through):
            return None
        rel = relation(model, name)
        if not rel.one_to_many or lookup.queryset.query.is_sliced:
            return None
        if rel.field.target_field != model._meta.pk:
            return None
        return cls(rel, lookup.queryset)

    def attach(self, rows):
        if not rows:
            return
        field, name = self.relation.field, self.relation.get_accessor_name()
        parents = {row.pk: row for row in rows}
        grouped = {pk: [] for pk in parents}
        for child in self.queryset.filter(**{f"{field.name}__in": rows}):
            parent = parents[getattr(child, field.attname)]
            if not field.is_cached(child):  # as Django's prefetch hands each row its parent
                field.set_cached_value(child, parent)
            grouped[parent.pk].append(child)
        for row in rows:
            hand_prefetched(row, name, narrowed_later(self.queryset, row, name, grouped[row.pk]))


class NarrowedLater:
    """A QuerySet holding one record's prefetched rows, narrowed to that record's relation only when asked for its
    query (see `narrowed_later`)."""

    _narrowing = None  # (record, relation name): narrow to them when the query is asked for

    def _settle(self):
        """Become what Django stores for a prefetch (`manager._apply_rel_filters(queryset)`), rows kept: the class
        the QuerySet was, its query narrowed to the record's relation."""
        narrowing, plain = self.__dict__.pop("_narrowing", None), self._plain
        self.__class__ = plain
        if narrowing is not None:
            record, name = narrowing
            rows, unnarrowed = self._result_cache, plain.__new__(plain)
            unnarrowed.__dict__.update(self.__dict__, _hints=dict(self._hints))  # hints are added to: not shared ones
            self.__dict__.update(getattr(record, name)._apply_rel_filters(unnarrowed).__dict__)
            self._result_cache, self._prefetch_done = rows, True

    @property
    def query(self):
        self._settle()
        return self.query

    @query.setter
    def query(self, value):
        self._settle()
        self.query = value

    def _clone(self):
        self._settle()
        return self._clone()

    def __deepcopy__(self, memo):
        self._settle()
        return self.__deepcopy__(memo)

    def __reduce_ex__(self, protocol):
        self._settle()
        return self.__reduce_ex__(protocol)


@functools.cache
def _narrowed_class(plain):
    return type(plain.__name__, (NarrowedLater, plain), {"_plain": plain, "__module__": plain.__module__})


def hand_prefetched(row, name, rows):
    """Store `rows` (a QuerySet, its rows read) as `row`'s prefetched relation `name`, where its manager reads it."""
    if not hasattr(row, "_prefetched_objects_cache"):
        row._prefetched_objects_cache = {}
    row._prefetched_objects_cache[name] = rows


def narrowed_later(queryset, record, name, rows):
    """`queryset` (a prefetch's) as one record's prefetched relation `name` holding `rows`, narrowed to that
    record's relation only when something asks for its query: a further filter, a clone, a pickle. Reading the rows,
    which is all a page or the API does, never does. Django narrows a copy per record up front (a manager built,
    the query cloned and filtered through the link table): a twentieth of the API profile's instructions
    (callgrind)."""
    cached = object.__new__(_narrowed_class(type(queryset)))
    cached.__dict__.update(queryset.__dict__)
    cached._narrowing, cached._result_cache, cached._prefetch_done = (record, name), rows, True
    return cached


class PublishedQuerySet(models.QuerySet):
    """The base of every content QuerySet: `published()` is what the public may see.

    Subclasses whose records belong to a parent (a ranking to its index, a list entry to its law) extend
    `published()` with the parent's own check, so every caller gets the whole rule.
    """

    _known_many = ()  # many-to-many prefetches answered from records in hand (`knowing`)
    _country_in_hand = None  # the one country whose records these are (`of_country`)

    def _clone(self):
        clone = super()._clone()
        clone._known_many, clone._country_in_hand = self._known_many, self._country_in_hand
        return clone

    def _fetch_all(self):
        read = self._result_cache is None and self._iterable_class is ModelIterable
        attach = read and self._known_many
        if read:
            remember_statements(self)  # records read again the same way are not compiled again (core.statements)
        super()._fetch_all()
        if attach:
            for many in self._known_many:
                many.attach(self._result_cache)

    def prefetch_related(self, *lookups):
        queryset = super().prefetch_related(*lookups)
        if lookups == (None,):
            queryset._known_many = ()
        return queryset

    def iterator(self, *args, **kwargs):
        self._refuse_streaming()
        return super().iterator(*args, **kwargs)

    def aiterator(self, *args, **kwargs):
        self._refuse_streaming()
        return super().aiterator(*args, **kwargs)

    def _refuse_streaming(self):
        """`KnownMany` fills a relation once the rows are all read: rows streamed one by one would read it per row,
        drafts included."""
        if self._known_many:
            raise TypeError("A QuerySet given records in hand (knowing) fills its links when read whole, not iterated")

    def published(self):
        return self.filter(publication_status=Status.PUBLISHED)

    def with_published(self, lookup, *select_related, rows=None, to_attr=None):
        """Prefetch a relation keeping only its published rows, so a draft never shows through what cites it.

        The related model is found through the relation, so an app can prefetch the records of an app above
        it (a law's news items, say) without importing it. `rows` may shape the related QuerySet further;
        `to_attr` stores such a selection as a list of its own, leaving the relation's manager untouched.
        """
        queryset = related_model(self.model, lookup).objects.published().select_related(*select_related)
        field = relation(self.model, lookup) if "__" not in lookup else None
        if field is not None and field.one_to_many:
            queryset = in_parent_order(queryset, field.field.name)
        if rows is not None:
            queryset = rows(queryset)
        prefetch = Prefetch(lookup, queryset=queryset, to_attr=to_attr)
        prefetch.published_rows = rows is None  # the published records as they are: `KnownMany` may answer it
        return self.prefetch_related(prefetch)

    def of_country(self, country):
        """The records of one country already in hand: each record gets that very object as its `country`.

        A profile loads some 450 records of one country; joining the country to each row would build a copy
        of it per row (and parse its timestamps). Django hands a reverse manager's rows their parent the same
        way (`_known_related_objects`). A `select_related("country")`, before or after (see `select_related`),
        is dropped: Django would keep the joined copy and ignore the object given.

        Nor is the country joined to sort or to check: the rows sort as their model sorts them less its leading
        "country" (the same for every row; sorting by it resolved the country's own ordering in every query), and
        `published()` called after this reads the country's status from the object in hand (see
        `country_checked_in_hand`). Each query of a profile compiled and ran those two joins (the API profile:
        430 -> 421 million instructions, callgrind).
        """
        queryset = in_parent_order(self.filter(country=country), "country")
        field = self.model._meta.get_field("country")
        queryset._known_related_objects = {**queryset._known_related_objects, field: {country.pk: country}}
        queryset._country_in_hand = country
        tree = queryset.query.select_related
        if isinstance(tree, dict) and tree.get("country") == {}:
            queryset.query.select_related = {name: rest for name, rest in tree.items() if name != "country"} or False
        return queryset

    def country_checked_in_hand(self):
        """Whether `published()` may skip its country check: these are the records of one published country in
        hand (`of_country`, called first), so a join to read the status of that country on every row reads what
        the object says. A draft country keeps the check (and the rows are none)."""
        return self._country_in_hand is not None and self._country_in_hand.publication_status == Status.PUBLISHED

    def select_related(self, *fields):
        if "country" in fields and any(field.name == "country" for field in self._known_related_objects):
            fields = tuple(field for field in fields if field != "country")
            if not fields:
                return self._chain()
        return super().select_related(*fields)

    def knowing(self, known):
        """See `knowing`."""
        return knowing(self, known)

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
        queryset = super().published()
        if self.country_checked_in_hand():
            return queryset
        return queryset.filter(country__publication_status=Status.PUBLISHED)

    def for_link(self):
        return self.select_related("country")

    def get_by_natural_key(self, country_code, slug):
        return self.get(country__iso2=country_code, slug=slug)
