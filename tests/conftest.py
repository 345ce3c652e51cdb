"""Shared test set-up: the test database holds the whole seeded profile, loaded once per session."""

import pytest
from django.core.management import call_command


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
