"""Every API list, the profile and the dataset download cost a fixed number of SQL queries, whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api_support import RESOURCES, list_url
from tests.factories import CountryFactory, build_profile

pytestmark = pytest.mark.django_db

# Lists whose records are not country-scoped; the `country` filter selects those related to the country.
UNSCOPED = {"countries", "treaties", "ranking-indices"}


def measure(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(queries), response


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_list_costs_a_fixed_number_of_queries(client, prefix, viewset):
    country = CountryFactory(iso2="QR")
    params = {"page_size": 100} if prefix == "countries" else {"country": "QR", "page_size": 100}
    build_profile(country, 2)
    small, response = measure(client, list_url(viewset), params)
    small_count = response.json()["count"]

    build_profile(country, 10)
    if prefix == "countries":
        for _ in range(8):
            build_profile(CountryFactory(), 1)
    large, response = measure(client, list_url(viewset), params)
    assert response.json()["count"] > small_count
    assert large == small, f"{prefix}: {small} queries for {small_count} records, {large} for more"
    assert large <= 6, f"{prefix}: {large} queries"


def test_profile_costs_a_fixed_number_of_queries(client):
    country = CountryFactory(iso2="QS")
    build_profile(country, 1)
    small, _ = measure(client, "/api/v1/countries/qs/profile/", {})
    build_profile(country, 6)
    large, response = measure(client, "/api/v1/countries/qs/profile/", {})
    assert len(response.json()["laws"]) == 8
    assert large == small


def test_dataset_costs_a_fixed_number_of_queries(client):
    build_profile(CountryFactory(iso2="QT"), 1)
    small, _ = measure(client, "/api/v1/dataset.zip", {})
    build_profile(CountryFactory(iso2="QU"), 4)
    large, _ = measure(client, "/api/v1/dataset.zip", {})
    assert large == small


def test_a_public_list_counts_its_rows_from_an_index_not_the_table(client):
    """`published()` filters on the record's status and its country's: every country-scoped model indexes
    (country, publication_status), so that a list's count can read the index alone (20,000 laws on SQLite: 3.2 ms
    -> 0.9 ms). SQLite's plan is checked; PostgreSQL chooses by its statistics and visibility map (on a vacuumed
    table of 20,000 laws it reads the index only), so there the index itself is checked."""
    build_profile(CountryFactory(iso2="QV"), 2)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "laws_law")
    assert constraints["law_cpub"]["columns"] == ["country_id", "publication_status"]
    if connection.vendor != "sqlite":
        return
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/laws/").status_code == 200
    (count,) = [query["sql"] for query in queries if "COUNT(*)" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX law_cpub" in plan, plan


@pytest.mark.parametrize(
    "url,queries",
    [
        ("/api/v1/countries/", 2),  # count, page: a country names its collections by URL, no relation loaded
        ("/api/v1/countries/kz/", 1),
        ("/api/v1/countries/kz/profile/", 31),  # the country, the report, then each part (and its prefetches)
    ],
)
def test_the_country_resource_costs_what_it_documents(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
