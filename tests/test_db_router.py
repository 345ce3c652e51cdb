"""Scaling out with a read replica: with one configured, reads go to the `replica` alias and writes, reads inside
a transaction and the admin to `default` (core/db_router.py). Under tests `replica` is a test mirror of the test
database (`"TEST": {"MIRROR": "default"}`): its own connection to the same data."""

import functools

import pytest
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.db_router import PrimaryForWritesMiddleware, ReplicaRouter, pin_to_primary
from countries.models import Country
from laws.models import Law

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_configured(settings):
    settings.READ_REPLICA = True  # as DATABASE_REPLICA_URL does


def outside_the_test_transaction(test):
    """Each test runs inside a transaction on default, where the router rightly keeps reads on default; this shows
    the routing a request sees, outside any transaction."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        default = connections["default"]
        in_atomic, default.in_atomic_block = default.in_atomic_block, False
        try:
            return test(*args, **kwargs)
        finally:
            default.in_atomic_block = in_atomic

    return run


def captured(alias):
    return CaptureQueriesContext(connections[alias])


@outside_the_test_transaction
def test_a_read_runs_on_the_replica_connection():
    router = ReplicaRouter()
    assert router.db_for_read(Law) == "replica"
    assert Law.objects.all().db == "replica"
    with captured("default") as primary, captured("replica") as replica:
        codes = list(Country.objects.values_list("iso2", flat=True))
    assert "KZ" in codes  # the mirror holds the test database's seed
    assert replica.captured_queries and not primary.captured_queries


@pytest.mark.django_db(databases=["default"])  # a write while SQLite's shared in-memory mirror is open locks it
def test_a_write_goes_to_default():
    assert ReplicaRouter().db_for_write(Country) == "default"
    with captured("default") as primary:
        Country.objects.filter(iso2="KZ").update(region="Central Asia")
    assert any(q["sql"].startswith("UPDATE") for q in primary.captured_queries)


def test_a_read_inside_a_transaction_stays_on_default():
    with transaction.atomic():
        assert Country.objects.all().db == "default"


@outside_the_test_transaction
def test_pinned_reads_go_to_default():
    with pin_to_primary():
        assert Law.objects.all().db == "default"
    assert Law.objects.all().db == "replica"


def test_requests_that_may_write_and_the_admin_read_from_default():
    seen = {}

    def view(request):
        seen[request.method, request.path] = ReplicaRouter().db_for_read(Law)

    middleware = PrimaryForWritesMiddleware(view)
    factory = RequestFactory()

    @outside_the_test_transaction
    def requests():
        middleware(factory.get("/countries/kz/"))
        middleware(factory.post("/corrections/new/"))
        middleware(factory.get("/admin/laws/law/"))

    requests()
    assert seen == {
        ("GET", "/countries/kz/"): "replica",
        ("POST", "/corrections/new/"): "default",
        ("GET", "/admin/laws/law/"): "default",
    }


def test_only_default_is_migrated():
    assert ReplicaRouter().allow_migrate("default", "laws")
    assert not ReplicaRouter().allow_migrate("replica", "laws")


@outside_the_test_transaction
def test_without_a_replica_everything_reads_from_default(settings):
    settings.READ_REPLICA = False
    assert ReplicaRouter().db_for_read(Law) == "default"
