"""The API's shortcuts give exactly what the long way gives.

- `FastReadMixin` reads a record's fields without DRF's general machinery: every response must be the one DRF's
  own `Serializer.to_representation` writes, for the seeded records, in another time zone, and for the values a
  shortcut could get wrong (numbers as text, naive timestamps, callables, missing attributes).
- `copy_field` copies a plain prototype field shallowly: each serializer still binds its own fields.
- `of_country` hands a country's records the country object already loaded instead of joining a copy per row.
- `reverse()` reads the request's URLconf and script prefix once per request (`UrlScopeMiddleware`).
"""

import copy
import datetime
import json

import pytest
from asgiref.sync import async_to_sync
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import AsyncClient, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, set_script_prefix, set_urlconf
from django.utils import timezone, translation
from django.utils.formats import date_format
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from core.api.fields import StrictCharField
from core.api.serializers import DescribedSerializerMixin, FastReadMixin
from core.choices import DatePrecision
from core.formatting import format_partial_date
from core.urls import UrlScopeMiddleware, reverse
from countries.models import Country
from countries.serializers import BarrierSerializer
from laws.models import Law, LegalDefinition
from laws.serializers import LawSerializer
from ngomonitor.profile import country_profile
from ngomonitor.registry import PROFILE_ENTRIES
from tests.api_support import RESOURCES, list_url
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drf_reading(monkeypatch):
    """Switch the shortcut off: every serializer reads its fields through DRF's own code."""

    def read(serializer, instance):
        return serializers.Serializer.to_representation(serializer, instance)

    def switch_off():
        monkeypatch.setattr(FastReadMixin, "to_representation", read)

    return switch_off


def outcome(read):
    """What a read gives: its data, or its error's type and message."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - compared, whatever it is
        return type(error), str(error)


def both_ways(drf_reading, read):
    fast = read()
    drf_reading()
    return fast, read()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/countries/kz/profile/",
        *(f"{list_url(viewset)}?page_size=100" for _, viewset in RESOURCES),
        "/api/v1/laws/?page_size=100&format=csv",
        "/api/v1/answers/?page_size=100&format=csv",
    ],
)
def test_every_response_is_the_one_drf_writes(client, drf_reading, no_response_cache, url):
    fast, slow = both_ways(drf_reading, lambda: client.get(url))
    assert fast.status_code == slow.status_code == 200
    assert fast["X-Cache"] == slow["X-Cache"] == "miss"  # both rendered, neither read from the cache
    assert len(fast.content) > 500, "the comparison needs records to compare"
    assert fast.content == slow.content


def test_timestamps_in_another_time_zone_are_the_ones_drf_writes(drf_reading):
    request = APIRequestFactory().get("/")
    laws = list(Law.objects.published().for_api()[:20])

    def read():
        with timezone.override("Asia/Almaty"):
            return LawSerializer(laws, many=True, context={"request": request}).data

    fast, slow = both_ways(drf_reading, read)
    assert fast == slow
    assert fast[0]["created_at"].endswith("+05:00")


def test_a_remembered_timestamp_is_written_in_each_request_s_time_zone(drf_reading):
    """Timestamps are written once per value and time zone (`iso_text`): the same records in UTC, then in Almaty's
    time, then in UTC again, each as DRF writes them."""
    request = APIRequestFactory().get("/")
    laws = list(Law.objects.published().for_api()[:5])
    instant = laws[0].created_at
    shifted = instant.astimezone(datetime.timezone(datetime.timedelta(hours=-3)))  # equal, read in another zone
    laws[1].created_at = shifted
    for zone in ("UTC", "Asia/Almaty", "UTC"):

        def read(zone=zone):
            with timezone.override(zone):
                return LawSerializer(laws, many=True, context={"request": request}).data

        fast, slow = both_ways(drf_reading, read)
        assert fast == slow
        assert fast[0]["created_at"] == fast[1]["created_at"]
        assert fast[0]["created_at"].endswith("Z" if zone == "UTC" else "+05:00")


class Thing:
    """A record-like object with the values a shortcut could mishandle."""

    def __init__(self, **values):
        self.__dict__.update(values)

    def shout(self):
        return str(self.name).upper()


class ProbeSerializer(DescribedSerializerMixin, serializers.Serializer):
    name = serializers.CharField()
    number = serializers.IntegerField()
    flag = serializers.BooleanField()
    kind = serializers.ChoiceField(choices=[("a", "Alpha"), ("1", "One")])
    when = serializers.DateTimeField()
    shout = serializers.CharField()
    maybe = serializers.CharField(required=False)
    whole = serializers.CharField(source="*")
    inner_name = serializers.CharField(source="inner.name", required=False)
    inner_shout = serializers.CharField(source="inner.shout", required=False)
    inner_code = serializers.SlugRelatedField(source="inner", slug_field="name", read_only=True)


@pytest.mark.parametrize(
    "values",
    [
        {"name": "text", "number": 5, "flag": True, "kind": "a"},
        {"name": 12, "number": "7", "flag": 1, "kind": 1, "maybe": "here"},
        {"name": "", "number": 0, "flag": "false", "kind": "", "maybe": None},
        {"name": None, "number": None, "flag": None, "kind": None},
        {"name": "x", "number": True, "flag": False, "kind": "not a choice"},
    ],
)
@pytest.mark.parametrize(
    "when",
    [
        datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.UTC),
        datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=6))),
        datetime.datetime(2024, 3, 1, 12, 30),  # naive: made aware in the current time zone
        None,
        "2024-03-01",  # a string is written as it is
    ],
)
@pytest.mark.parametrize(
    "inner", [Thing(name="inside"), Thing(name=None), Thing(), None, {"name": "a mapping"}, "absent"]
)
def test_awkward_values_read_as_drf_reads_them(drf_reading, values, when, inner):
    thing = Thing(when=when, **values) if inner == "absent" else Thing(when=when, inner=inner, **values)
    fast, slow = both_ways(drf_reading, lambda: outcome(lambda: ProbeSerializer(thing).data))
    assert fast == slow  # the same data, or the same error
    if isinstance(fast, tuple):  # DRF's own error: a method of the inner record that fails, a mapping as a record
        assert inner in (None, {"name": "a mapping"}) or not hasattr(inner, "name"), fast
        return
    assert fast["shout"] == str(values["name"]).upper()  # a method named as the source is called
    assert ("maybe" in fast) == ("maybe" in values)  # a missing optional attribute is left out


def test_a_timestamp_at_the_calendar_s_edge_fails_as_in_drf(drf_reading):
    edge = Thing(
        name="x", number=1, flag=True, kind="a", shout="", when=datetime.datetime.max.replace(tzinfo=datetime.UTC)
    )

    def read():
        with timezone.override("Asia/Almaty"), pytest.raises(serializers.ValidationError) as error:
            len(ProbeSerializer(edge).data)
        return str(error.value)

    fast, slow = both_ways(drf_reading, read)
    assert fast == slow


def test_a_missing_required_attribute_fails_as_in_drf(drf_reading):
    def read():
        with pytest.raises(AttributeError) as error:
            len(ProbeSerializer(Thing(name="x", flag=True, kind="a", when=None)).data)  # no `number`
        return str(error.value)

    fast, slow = both_ways(drf_reading, read)
    assert fast == slow
    assert "ProbeSerializer" in fast and "number" in fast


def test_a_mapping_reads_as_in_drf(drf_reading):
    row = {"name": "n", "number": "3", "flag": 0, "kind": "a", "when": None, "shout": "S"}
    fast, slow = both_ways(drf_reading, lambda: ProbeSerializer(row).data)
    assert fast == slow


def test_each_serializer_binds_fields_of_its_own():
    request = APIRequestFactory().get("/")
    first, second = BarrierSerializer(context={"request": request}), BarrierSerializer(context={})
    for name, field in first.fields.items():
        assert field is not second.fields[name]
        assert field.parent is first and second.fields[name].parent is second
    related = first.fields["cited_laws"]
    assert related.child_relation is not second.fields["cited_laws"].child_relation
    assert related.child_relation.context["request"] is request
    # A field's own lists and dictionaries are its own: a change to one serializer's field stays there.
    first.fields["title"].validators.append(lambda value: None)
    first.fields["title"].error_messages["blank"] = "changed"
    fresh = BarrierSerializer()
    assert len(fresh.fields["title"].validators) == len(second.fields["title"].validators)
    assert len(fresh.fields["title"].validators) == len(first.fields["title"].validators) - 1
    assert fresh.fields["title"].error_messages["blank"] != "changed"
    # A copy keeps the arguments DRF rebuilds a field from (a deep copy, as a nested serializer's fields are made)
    again = copy.deepcopy(second.fields["title"])
    assert type(again) is type(second.fields["title"]) and again.max_length == second.fields["title"].max_length
    assert again.help_text == second.fields["title"].help_text and again.help_text


def test_a_plain_column_s_field_is_bound_once_per_class_and_a_link_per_instance():
    """`_read_steps` binds a copy per serializer only of the fields that read its context (links, nested records);
    a plain column's field serves every instance of the class, and the instance's `fields` stay DRF's own."""
    first = BarrierSerializer(context={"request": APIRequestFactory().get("/")})
    second = BarrierSerializer(context={})
    steps = [{name: field for name, _, _, field in serializer._read_steps} for serializer in (first, second)]
    assert steps[0]["title"] is steps[1]["title"] and steps[0]["title"].field_name == "title"
    assert steps[0]["url"] is not steps[1]["url"]
    assert steps[0]["url"].parent is first and steps[1]["url"].parent is second
    assert steps[0]["url"].context["request"] is first.context["request"]
    assert list(steps[0]) == [name for name, field in first.fields.items() if not field.write_only]
    assert first.fields["title"] is not steps[0]["title"] and first.fields["title"].parent is first


def test_a_class_s_steps_follow_a_changed_timestamp_format(settings):
    barrier = country_profile(Country.objects.get(iso2="KZ")).for_api("barriers")[0]
    assert BarrierSerializer(barrier).data["created_at"].endswith("Z")  # the steps of the class are worked out
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DATETIME_FORMAT": "%Y"}
    assert BarrierSerializer(barrier).data["created_at"] == str(barrier.created_at.year)


def test_nested_links_in_the_profile_are_absolute(client):
    barriers = client.get("/api/v1/countries/kz/profile/").json()["barriers"]
    links = [law["url"] for barrier in barriers for law in barrier["cited_laws"]]
    assert links and all(link.startswith("http://testserver/api/v1/laws/") for link in links)


def test_a_profile_part_hands_its_records_the_country_without_a_join():
    country = Country.objects.get(iso2="KZ")
    records = country_profile(country)
    for entry in PROFILE_ENTRIES:
        queryset = records.part(entry.profile).for_api()
        sql = str(queryset.query)
        select = sql[: sql.index(" FROM ")]
        assert '"countries_country"."name"' not in select, entry.profile
        rows = list(queryset)
        assert rows, entry.profile
        assert all(row.country is country for row in rows), entry.profile


def test_of_country_drops_a_join_asked_for_before_or_after():
    country = Country.objects.get(iso2="KZ")
    before = Law.objects.select_related("country").of_country(country)
    after = Law.objects.of_country(country).select_related("country")
    with CaptureQueriesContext(connection) as queries:
        for queryset in (before, after):
            rows = list(queryset)
            assert rows and all(row.country is country for row in rows)
            assert [row.country.iso2 for row in rows] == ["KZ"] * len(rows)
    assert len(queries) == 2  # one each: the country is never fetched again
    assert all("countries_country" not in query["sql"].split(" FROM ")[0] for query in queries)


def test_of_country_leaves_select_related_of_every_relation_alone():
    country = Country.objects.get(iso2="KZ")
    assert LegalDefinition.objects.of_country(country).select_related().query.select_related is True
    assert LegalDefinition.objects.of_country(country).select_related(None).query.select_related is False


def test_of_country_keeps_other_joins():
    country = Country.objects.get(iso2="KZ")
    after = LegalDefinition.objects.of_country(country).select_related("country", "law__country")
    before = LegalDefinition.objects.select_related("country", "law__country").of_country(country)
    for queryset in (after, before):
        assert queryset.query.select_related == {"law": {"country": {}}}
        definitions = list(queryset)
        assert definitions and all(row.country is country for row in definitions)


# ---------------------------------------------------------------- reverse() reads the request's URL scope once


def wsgi_json(path, script_name):
    """A request through Django's real WSGI handler (the test client sets no script prefix)."""
    environ = RequestFactory().get(path, SCRIPT_NAME=script_name, HTTP_HOST="testserver").environ
    sent = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: sent.append(status)))
    assert sent == ["200 OK"], body[:300]
    return json.loads(body)


def test_each_request_s_links_carry_its_own_script_prefix(test_connection_kept, settings):
    settings.RESPONSE_CACHE = False
    try:
        for mount in ("/mount", "", "/other/place"):
            profile = wsgi_json("/api/v1/countries/kz/profile/", mount)
            links = [law["url"] for law in profile["laws"]] + [law["html_url"] for law in profile["laws"]]
            assert links and all(link.startswith(f"http://testserver{mount}/") for link in links), (mount, links[:2])
    finally:
        set_script_prefix("/")  # Django's handler leaves the last request's prefix set in this thread
    assert reverse("api:law-detail", kwargs={"pk": 1}) == "/api/v1/laws/1/"  # no scope left behind


def view_under_a_urlconf_of_its_own(request):
    """What Django does when a middleware chose `request.urlconf`: it sets it just before the view is called."""
    set_urlconf(request.urlconf)
    middleware.process_view(request, view_under_a_urlconf_of_its_own, (), {})
    return reverse("api:law-detail", kwargs={"pk": 7})


middleware = UrlScopeMiddleware(view_under_a_urlconf_of_its_own)
urlpatterns = [
    path("v2/", include(([path("laws/<int:pk>/", view_under_a_urlconf_of_its_own, name="law-detail")], "api")))
]


def test_links_under_django_s_own_asgi_handler(no_response_cache):
    """The scope is set when the view is called and restored when the response leaves, whichever context the
    handler runs each middleware in."""
    response = async_to_sync(AsyncClient().get)("/api/v1/laws/", {"page_size": 5})
    assert response.status_code == 200
    assert all(law["url"].startswith("http://testserver/api/v1/laws/") for law in response.json()["results"])
    assert reverse("api:law-detail", kwargs={"pk": 1}) == "/api/v1/laws/1/"


def test_the_scope_is_the_urlconf_the_view_is_called_under():
    request = RequestFactory().get("/")
    request.urlconf = __name__
    try:
        assert middleware(request) == "/v2/laws/7/"
    finally:
        set_urlconf(None)
    assert reverse("api:law-detail", kwargs={"pk": 7}) == "/api/v1/laws/7/"


# ---------------------------------------------------------------- dates written once per value and language


def test_a_remembered_date_is_written_in_the_language_active_when_asked():
    """`format_partial_date` remembers what Django's formatter wrote; month names follow the active language, so a
    date first written in English is written again in Russian, not handed back from memory."""
    day = datetime.date(2016, 7, 10)
    assert format_partial_date(day, DatePrecision.MONTH) == "July 2016"
    assert format_partial_date(day, DatePrecision.DAY) == "July 10, 2016"
    assert format_partial_date(day, DatePrecision.YEAR) == "2016"
    with translation.override("ru"):
        assert format_partial_date(day, DatePrecision.MONTH) == date_format(day, "F Y") != "July 2016"
    assert format_partial_date(day, DatePrecision.MONTH) == "July 2016"


@pytest.mark.parametrize(
    "text", ["2024-05-30 00:00:00", "2026-11-28 02:27:44.002519", "2020-02-29T23:59:59+05:00", "1999-12-31 23:59"]
)
def test_the_sqlite_backend_reads_a_timestamp_as_django_does(text):
    """`core.backends.sqlite3` remembers each stored string's datetime: the value is Django's own reading (the driver's
    converter, then the backend's, in the connection's time zone)."""
    from django.db.backends.sqlite3.base import decoder
    from django.db.backends.sqlite3.operations import DatabaseOperations as Django
    from django.utils.dateparse import parse_datetime

    from core.backends.sqlite3.base import DatabaseOperations as Ours
    from core.backends.sqlite3.base import stored_datetime

    for zone in (datetime.UTC, datetime.timezone(datetime.timedelta(hours=6))):
        stub = type("Connection", (), {"timezone": zone})()
        expected = Django(stub).convert_datetimefield_value(decoder(parse_datetime)(text.encode()), None, None)
        for _ in range(2):  # the second time from memory
            read = Ours(stub).convert_datetimefield_value(stored_datetime(text.encode()), None, None)
            assert read == expected and read.tzinfo == expected.tzinfo
    assert stored_datetime(b"not a date") is None  # as Django's converter reads it


@pytest.mark.django_db
def test_rows_stored_with_one_timestamp_read_it_back_and_on_sqlite_share_it():
    stamp = timezone.now().replace(microsecond=123456)
    Law.objects.filter(country__iso2="KZ").update(modified_at=stamp)
    first, second = Law.objects.filter(country__iso2="KZ")[:2]
    assert first.modified_at == second.modified_at == stamp
    if connection.vendor == "sqlite":  # core.backends.sqlite3: one datetime per stored string (PostgreSQL's psycopg
        assert first.modified_at is second.modified_at  # parses each value itself)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("home", None),
        ("api:law-detail", {"pk": 7}),
        ("api:law-detail", {"pk": "7"}),
        ("country-section", {"code": "kz", "section": "barriers"}),
        ("country-section", {"section": "barriers", "code": "kz"}),
    ],
)
def test_a_remembered_url_is_the_one_django_reverses(name, kwargs):
    from django.urls import reverse as django_reverse

    assert reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)
    assert reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)  # from memory


# ---------------------------------------------------------------- rows built without Model.__init__ (DirectFromDb)


def _direct_models():
    from django.apps import apps

    from core.loading import DirectFromDb

    return [model for model in apps.get_models() if issubclass(model, DirectFromDb)]


def _built(instance):
    """What an instance holds: its attributes in order, and its state's (whose cache of related records Django makes
    on first use: its `__init__` used it, asking each foreign key whether its record was cached)."""
    attributes = {name: value for name, value in vars(instance).items() if name != "_state"}
    return list(vars(instance)), attributes, {"fields_cache": {}, **vars(instance._state)}


def test_every_seeded_row_is_built_as_django_builds_it():
    """Every row of every model loaded directly equals the instance Django's own `from_db` builds from the same
    values: the same attributes, in the same order, the same state (not adding, from this database)."""
    from django.db import models

    compared = 0
    for model in _direct_models():
        names = [field.attname for field in model._meta.concrete_fields]
        for instance, values in zip(
            model._base_manager.order_by("pk"), model._base_manager.order_by("pk").values_list(*names), strict=True
        ):
            django_built = models.Model.from_db.__func__(model, "default", names, values)
            assert _built(instance) == _built(django_built), model
            assert instance._state.adding is False and instance._state.db == "default"
            compared += 1
    assert compared > 600  # the seed's rows, every model with rows
    from core.loading import stored_names

    assert all(stored_names(model) for model in _direct_models())  # each takes the direct way


def test_a_row_read_directly_behaves_as_one_django_built():
    law = Law.objects.select_related("country").get(country__iso2="KZ", slug="constitution")
    assert law.country.iso2 == "KZ" and law.country_id == law.country.pk
    law.title = "Renamed"
    law.save(update_fields=["title"])  # an update, not an insert: the state says it is stored
    assert Law.objects.get(pk=law.pk).title == "Renamed"
    other = CountryFactory()
    law.country_id = other.pk  # the foreign key's descriptor still forgets the cached country
    assert law.country == other


def test_deferred_fields_and_signal_receivers_go_through_django():
    from django.db.models.signals import post_init

    deferred = Law.objects.only("title").get(country__iso2="KZ", slug="constitution")
    assert deferred.get_deferred_fields() >= {"summary"}
    assert deferred.summary == Law.objects.get(pk=deferred.pk).summary  # read on demand, as Django does

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Law)
    try:
        laws = list(Law.objects.filter(country__iso2="KZ")[:3])
    finally:
        post_init.disconnect(receiver, sender=Law)
    assert seen == laws and len(laws) == 3


def test_a_mixin_s_init_or_setattr_sends_rows_through_django():
    """`Model.__init__` ends with `super().__init__()`: a mixin after `Model` runs there, and a `__setattr__` sees
    every field; rows of such a model are built by Django."""
    from django.db import models

    from core.loading import DirectFromDb, stored_names

    class Tracker:
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loaded = True

    class Tracked(DirectFromDb, Tracker):
        title = models.CharField(max_length=10)

        class Meta:
            abstract = True
            app_label = "core"

    class Trimmed(DirectFromDb):
        title = models.CharField(max_length=10)

        def __setattr__(self, name, value):
            super().__setattr__(name, value.strip() if isinstance(value, str) else value)

        class Meta:
            abstract = True
            app_label = "core"

    class Plain(DirectFromDb):
        title = models.CharField(max_length=10)

        class Meta:
            abstract = True
            app_label = "core"

    assert stored_names(Tracked) is None and stored_names(Trimmed) is None
    assert stored_names(Plain) == ("title",)


class ContextZoneDateTime(serializers.DateTimeField):
    """Keeps DRF's `to_representation` but reads the context on the way (its time zone)."""

    def default_timezone(self):
        return self.context["zone"]


class ZoneProbe(DescribedSerializerMixin, serializers.Serializer):
    when = ContextZoneDateTime()
    name = StrictCharField()  # a write-side subclass: shared


class HidingProbe(DescribedSerializerMixin, serializers.Serializer):
    name = serializers.CharField()
    secret = serializers.CharField()

    @property
    def _readable_fields(self):
        return [field for name, field in self.fields.items() if name != "secret" or self.context.get("staff")]


def test_a_field_that_reads_the_context_on_the_way_is_bound_per_serializer(drf_reading):
    from zoneinfo import ZoneInfo

    from core.api.serializers import reads_without_context

    row = Thing(when=datetime.datetime(2024, 1, 1, 12), name="n")
    context = {"zone": ZoneInfo("Asia/Tokyo")}
    fast, slow = both_ways(drf_reading, lambda: ZoneProbe(row, context=context).data)
    assert fast == slow == {"when": "2024-01-01T12:00:00+09:00", "name": "n"}
    fields = ZoneProbe().fields
    assert not reads_without_context(fields["when"]) and reads_without_context(fields["name"])


def test_a_serializer_that_chooses_its_readable_fields_is_read_its_way(drf_reading):
    row = Thing(name="n", secret="s")
    fast, slow = both_ways(drf_reading, lambda: HidingProbe(row).data)
    assert fast == slow == {"name": "n"}
    assert HidingProbe(row, context={"staff": True}).data == {"name": "n", "secret": "s"}
