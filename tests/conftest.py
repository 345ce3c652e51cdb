"""Shared test set-up: the test database holds the whole seeded profile, loaded once per session, and the
fixtures several test modules share: a synthetic country, the editorial tests' own small country and law,
and editor accounts."""

import datetime

import pytest
from django.core.management import call_command

from tests.factories import CountryFactory, LawFactory, build_profile
from tests.support import EDITOR_PASSWORD, make_editor


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No persistent connections in tests: a live server's thread would otherwise keep the test database
    open and PostgreSQL could not drop it at the end of the session."""
    from django.conf import settings

    for alias in settings.DATABASES.values():
        alias["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_fixtures", verbosity=0)
    yield
    with django_db_blocker.unblock():
        close_other_sessions()


def close_other_sessions():
    """Threads that served requests (live server, concurrency tests) may still hold a PostgreSQL session on the
    test database; end them so it can be dropped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache (API throttling counts requests in it)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def synthetic_country(db):
    """A published country with no records yet ("Testland", ZZ): build it to the size a test needs with
    `build_profile(synthetic_country, size)`."""
    return CountryFactory(iso2="ZZ", iso3="ZZX", name="Testland", slug="testland", region="Test region")


@pytest.fixture
def synthetic_profile(synthetic_country):
    """Testland with one record of every kind (`law-1`, `barrier-1`, `news-1-en`...) and two drafts."""
    return build_profile(synthetic_country, 1)


@pytest.fixture
def editoria(db):
    """The editorial tests' own small published country ("Editoria", XE), with its profile, so they do not
    depend on the seeded one."""
    return CountryFactory(
        iso2="XE", iso3="XEX", name="Editoria", slug="editoria", with_profile=True,
        profile__last_updated=datetime.date(2024, 3, 1),
    )  # fmt: skip


@pytest.fixture
def law(editoria):
    """A published law of Editoria, as an editor finds it before changing it."""
    return LawFactory(
        country=editoria, slug="pa-law", title="Law on Public Associations", summary="Registration within 30 days."
    )


@pytest.fixture
def editor(db, monkeypatch):
    """An editor account ("editor"), made by `create_editor` as a deployment makes it."""
    return make_editor(monkeypatch)


@pytest.fixture
def editor_client(client, editor):
    """The test client, logged in as the editor with their password."""
    assert client.login(username=editor.username, password=EDITOR_PASSWORD)
    return client
