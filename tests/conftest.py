"""Shared test set-up: the test database holds the whole seeded profile, loaded once per session."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_fixtures", verbosity=0)


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache (API throttling counts requests in it)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
