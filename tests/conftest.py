"""Shared test set-up: the test database holds the whole seeded profile, loaded once per session, and the
fixtures several test modules share: a synthetic country, the editorial tests' own small country and law,
and editor accounts."""

import datetime
import os

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from tests.factories import TESTLAND, CountryFactory, LawFactory, build_profile
from tests.support import BROWSER, EDITOR_PASSWORD, POSTGRES_ONLY, make_editor, sign_in, suite_problems

# ---------------------------------------------------------------- the password hasher


def pytest_configure(config):
    """The fastest password hasher for this test session, as Django's testing docs advise.

    The production default (PBKDF2, a million rounds) costs about 0.3 s a hash on a 2-core machine, and every
    signed-in client costs two: the password set, then checked at login. The tests check who may do what, never
    the hash's strength; the processes they start (manage.py, gunicorn) keep the production hashers.

    Also: every query answered from the remembered statements (core.statements) is compiled again and compared,
    so that each query of the suite checks the statement cache's key (a mismatch fails the test that ran it).
    """
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATEMENT_CACHE = "check"


# ---------------------------------------------------------------- PostgreSQL-only tests, and what CI must have run


def database_vendor():
    from django.db import connection

    return connection.vendor


# The longest test files first, within pytest-django's own order (which sorts after this hook, keeping it: tests on
# the database, then transactional ones, then those without it). With one file per worker (`--dist loadfile`) a long
# file started last keeps one worker busy while the other has nothing left (CI: test_backup.py alone for minutes).
LONGEST_FIRST = (
    "tests/test_backup.py",
    "tests/test_migrations.py",
    "tests/test_editorial_drafts.py",
    "tests/browser/",
    "tests/test_api_errors.py",
    "tests/test_export_site.py",
    "tests/test_redis.py",
    "tests/test_security.py",
)


def longest_first(item):
    path = item.nodeid.split("::")[0]
    return next((rank for rank, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))


def pytest_collection_modifyitems(config, items):
    """The longest files first (above); tests marked `postgres` need PostgreSQL: on another database they skip (CI
    runs the suite on both)."""
    items.sort(key=longest_first)  # stable: a file's tests keep their order
    if database_vendor() == "postgresql":
        return
    skip = pytest.mark.skip(reason="PostgreSQL only; CI runs it on PostgreSQL")
    for item in items:
        if item.get_closest_marker(POSTGRES_ONLY):
            item.add_marker(skip)


# {test id: (outcome, markers)}: every test of the session, as the reports arrive (under pytest-xdist, in the
# controller, from every worker). A test has passed once its call passed and no phase failed or skipped.
OUTCOMES = {}
SUITE_PROBLEMS = pytest.StashKey[list]()


def pytest_runtest_logreport(report):
    markers = {name for name in (BROWSER, POSTGRES_ONLY) if name in report.keywords}
    outcome = OUTCOMES.get(report.nodeid, ("pending", markers))[0]
    if report.skipped:
        outcome = "skipped"
    elif report.failed:
        outcome = "failed"
    elif report.when == "call" and outcome == "pending":
        outcome = "passed"
    OUTCOMES[report.nodeid] = (outcome, markers)


def whole_suite(config):
    """Whether this session runs the whole suite, as `make test` does (no test paths, -k or -m given)."""
    return (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
    )


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    """Under CI, a run where a test skipped (other than a PostgreSQL-only one on SQLite), or a whole-suite run where
    no browser test (or, on PostgreSQL, no PostgreSQL-only test) ran, fails, whatever the tests said."""
    if not os.environ.get("CI") or hasattr(session.config, "workerinput"):  # xdist workers report to the controller
        return
    problems = suite_problems(OUTCOMES, vendor=database_vendor(), whole_suite=whole_suite(session.config))
    if problems:
        session.config.stash[SUITE_PROBLEMS] = problems
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    problems = config.stash.get(SUITE_PROBLEMS, [])
    if problems:
        terminalreporter.section("CI: the suite did not run everything it must", red=True)
        for problem in problems:
            terminalreporter.line(problem, red=True)


# ---------------------------------------------------------------- the test database


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


@pytest.fixture(scope="module")
def fixtures_restored(django_db_blocker):
    """After a module's transactional tests (live server, real outages) have flushed the database, load the
    seeded fixtures again, so the tests that run after them on the same worker find the seed."""
    yield
    with django_db_blocker.unblock():
        call_command("load_fixtures", verbosity=0)


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with empty caches (API throttling counts requests in the default one)."""
    from django.core.cache import caches

    for store in caches.all():
        store.clear()
    yield
    for store in caches.all():
        store.clear()


@pytest.fixture
def test_connection_kept():
    """Django's request signals close the database connection at each request's start and end, as they should in
    production; here it is the test's connection, inside its transaction: keep it, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def no_response_cache(settings):
    """Every request renders (for tests that count a page's queries or read its template context twice)."""
    settings.RESPONSE_CACHE = False


@pytest.fixture
def synthetic_country(db):
    """A published country with no records yet ("Testland", ZZ): build it to the size a test needs with
    `build_profile(synthetic_country, size)`."""
    return CountryFactory(**TESTLAND)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction around a whole module, rolled back at its end, for data that the module's read-only tests
    share (built once, not once per test) and that never reaches another module. Each test still runs in its
    own transaction inside it (a savepoint), so what a test writes is gone after it, as usual."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_synthetic_profile(request, module_transaction, django_db_blocker):
    """Testland built once for a module, at the size the test's `indirect` parameter asks for, and removed when the
    module moves on to another size (tests are grouped by size): for tests that only read it."""
    with django_db_blocker.unblock():
        savepoint = transaction.savepoint()
        built = build_profile(CountryFactory(**TESTLAND), request.param)
    yield built
    with django_db_blocker.unblock():
        transaction.savepoint_rollback(savepoint)


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
    return sign_in(client, editor.username, EDITOR_PASSWORD)
