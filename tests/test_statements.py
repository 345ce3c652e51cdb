"""Compiled SQL remembered (core.statements): a query built again the same way is not compiled again, a query built
otherwise never gets another's SQL, and the pages and the API answer the same with it as without it.

The whole suite runs in `check` mode (conftest.py): every statement answered from memory is also compiled and the two
compared. These tests switch to plain remembering where they count compilations."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Subquery, Value

from codebook.models import Answer, Citation
from core import statements
from core.choices import Status
from core.statements import RememberingQuery, StatementMismatch, Unkeyable, fingerprint
from countries.models import Barrier, Country
from laws.models import Law
from tests.factories import CountryFactory, build_profile

pytestmark = pytest.mark.django_db

PAGES = ("/api/v1/countries/kz/profile/", "/countries/kz/", "/countries/kz/report/", "/api/v1/laws/?page_size=100")


def key(queryset):
    return fingerprint(queryset.query.__dict__)


@pytest.fixture
def remembering(settings):
    """Statements remembered, not checked (the suite's `check` compiles every remembered one again), from empty."""
    settings.STATEMENT_CACHE = True
    statements.STATEMENTS.clear()


@pytest.fixture
def compilations(monkeypatch):
    """The records' queries Django compiles (those a remembered statement saves), as a list of their SQL."""
    plain = statements.plain_compiler(connection)
    original, compiled = plain.as_sql, []

    def as_sql(compiler, *args, **kwargs):
        sql, params = original(compiler, *args, **kwargs)
        if type(compiler.query) is RememberingQuery:
            compiled.append(sql)
        return sql, params

    monkeypatch.setattr(plain, "as_sql", as_sql)
    return compiled


def test_the_same_query_built_twice_has_one_key_and_another_value_another():
    kazakhstan = Country.objects.get(iso2="KZ")
    assert key(Law.objects.of_country(kazakhstan).published().for_api()) == key(
        Law.objects.of_country(kazakhstan).published().for_api()
    )
    other = CountryFactory()
    variants = [
        Law.objects.filter(order=1),  # filter(order=True) or order=1.0 is the same query: the field makes each 1
        Law.objects.annotate(flag=Value(1)),
        Law.objects.annotate(flag=Value(True)),  # equal in Python, not in SQL
        Law.objects.annotate(flag=Value(1.0)),
        Law.objects.filter(order=1).order_by("slug"),
        Law.objects.filter(order=1)[:5],
        Law.objects.filter(order=1).exclude(slug="x"),
        Law.objects.filter(title="1"),
        Law.objects.filter(country=kazakhstan),
        Law.objects.filter(country__iso2="KZ"),
        Law.objects.filter(order=1).select_related("country"),
        Law.objects.filter(order=1).only("slug"),
        Law.objects.filter(order=1).defer("slug"),
        Law.objects.filter(order=1).distinct(),
        Law.objects.filter(country=other),
    ]
    keys = [key(queryset) for queryset in variants]
    assert len(set(keys)) == len(keys)
    assert key(Law.objects.filter(order=True)) == key(Law.objects.filter(order=1))
    assert str(Law.objects.filter(order=True).query) == str(Law.objects.filter(order=1).query)


def test_subqueries_with_other_inner_queries_have_other_keys():
    cited = Citation.objects.filter(answer=OuterRef("pk"))
    first = Answer.objects.filter(Exists(cited.filter(order=1)))
    second = Answer.objects.filter(Exists(cited.filter(order=2)))
    third = Answer.objects.filter(pk__in=Subquery(Citation.objects.filter(order=2).values("answer")))
    fourth = Answer.objects.filter(pk__in=Subquery(Citation.objects.filter(order=3).values("answer")))
    assert len({key(first), key(second), key(third), key(fourth)}) == 4
    assert key(first) == key(Answer.objects.filter(Exists(cited.filter(order=1))))


def test_what_cannot_be_written_as_plain_values_is_not_keyed():
    with pytest.raises(Unkeyable):  # Django refuses it in a filter, but not everywhere (a `Value`)
        fingerprint([Country(name="Unsaved")])

    class Opaque:
        pass

    with pytest.raises(Unkeyable):
        fingerprint({"value": Opaque()})


def test_a_page_read_again_compiles_none_of_its_records_queries(client, remembering, compilations, no_response_cache):
    for url in PAGES:
        assert client.get(url).status_code == 200
        assert compilations, url
        compilations.clear()
        assert client.get(url).status_code == 200
        assert compilations == [], url


def test_pages_answer_the_same_remembering_or_not(client, settings, no_response_cache):
    def answers():
        return [client.get(url).content for url in PAGES]

    settings.STATEMENT_CACHE = False
    plain = answers()
    settings.STATEMENT_CACHE = True
    assert answers() == plain
    assert answers() == plain  # from memory


def test_an_edit_shows_on_the_next_read_and_another_country_gets_its_own_records(
    client, remembering, no_response_cache, synthetic_country
):
    build_profile(synthetic_country, 2)
    url = "/api/v1/countries/kz/profile/"
    before = client.get(url).json()
    law = Law.objects.get(country__iso2="KZ", slug=before["laws"][0]["slug"])
    law.publication_status = Status.DRAFT
    law.save()
    after = client.get(url).json()
    assert len(after["laws"]) == len(before["laws"]) - 1
    assert law.slug not in {row["slug"] for row in after["laws"]}
    testland = client.get(f"/api/v1/countries/{synthetic_country.iso2.lower()}/profile/").json()
    assert {row["country"] for row in testland["laws"]} == {synthetic_country.iso2}
    assert {row["slug"] for row in testland["laws"]} == set(
        Law.objects.of_country(synthetic_country).published().values_list("slug", flat=True)
    )
    # A country unpublished: its profile is gone, not served from what was remembered of its queries.
    Country.objects.filter(pk=synthetic_country.pk).update(publication_status=Status.DRAFT)
    assert client.get(f"/api/v1/countries/{synthetic_country.iso2.lower()}/profile/").status_code == 404


def test_check_mode_finds_a_remembered_statement_that_is_not_the_compiled_one(settings):
    settings.STATEMENT_CACHE = True
    statements.STATEMENTS.clear()
    queryset = Barrier.objects.filter(country__iso2="KZ").published()
    expected = list(queryset._chain())
    ((remembered_key, (sql, params, layout)),) = statements.STATEMENTS.items()
    assert "KZ" in params and expected
    poisoned = (sql, tuple("XX" if param == "KZ" else param for param in params), layout)
    statements.STATEMENTS[remembered_key] = poisoned
    assert list(queryset._chain()) == []  # remembered: trusted as it is
    settings.STATEMENT_CACHE = "check"
    statements.STATEMENTS[remembered_key] = poisoned
    with pytest.raises(StatementMismatch):
        list(queryset._chain())
    settings.STATEMENT_CACHE = False
    assert list(queryset._chain()) == expected


def test_memory_is_bounded_and_a_setting_change_forgets_everything(settings, monkeypatch):
    settings.STATEMENT_CACHE = True
    statements.STATEMENTS.clear()
    monkeypatch.setattr(statements, "MAX_STATEMENTS", 3)
    for order in range(6):
        list(Law.objects.filter(order=order))
    assert len(statements.STATEMENTS) == 3
    settings.TIME_ZONE = "Asia/Almaty"
    assert statements.STATEMENTS == {}


def test_a_records_query_remembers_and_other_reads_are_left_to_django():
    queryset = Law.objects.published()
    list(queryset)
    assert type(queryset.query) is RememberingQuery
    values = Law.objects.published().values_list("slug", flat=True)
    list(values)
    assert type(values.query) is not RememberingQuery


def test_values_python_calls_equal_but_sql_writes_otherwise_have_other_keys():
    import datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    noon = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC)
    pairs = [
        (Decimal("1.0"), Decimal("1.000")),
        (0.0, -0.0),
        (1, True),
        (1, 1.0),
        (noon, noon.astimezone(ZoneInfo("Asia/Almaty"))),
        (
            datetime.time(12, tzinfo=datetime.UTC),
            datetime.time(17, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
        ),
    ]
    for first, second in pairs:
        assert first == second
        assert fingerprint(first) != fingerprint(second), (first, second)


def test_a_date_lookup_is_written_in_the_time_zone_active_for_the_request(settings):
    from django.utils import timezone

    def hours(remember):
        settings.STATEMENT_CACHE = remember
        answers = [len(Law.objects.filter(created_at__hour=hour)) for hour in range(24)]
        with timezone.override("Asia/Almaty"):
            answers += [len(Law.objects.filter(created_at__hour=hour)) for hour in range(24)]
        return answers + [len(Law.objects.filter(created_at__hour=hour)) for hour in range(24)]

    assert hours(True) == hours(False)


def test_select_for_update_is_never_remembered(remembering):
    """Django refuses a locking read outside a transaction as it compiles it (TransactionManagementError): from
    memory it would have run unlocked. (A test runs inside a transaction, so the refusal itself cannot show here.)"""
    list(Law.objects.select_for_update())
    list(Law.objects.select_for_update())
    assert statements.STATEMENTS == {}
    list(Law.objects.all())
    assert len(statements.STATEMENTS) == 1


def test_threads_remember_at_once_without_error_and_within_the_bound(settings, monkeypatch):
    import sys
    import threading

    settings.STATEMENT_CACHE = True
    monkeypatch.setattr(statements, "MAX_STATEMENTS", 50)
    errors = []

    def work(thread):
        for number in range(20_000):
            try:
                statements.remember((thread, number), None)
            except Exception as error:  # noqa: BLE001 - any error is the failure
                errors.append(error)
                return

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(thread,)) for thread in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(statements.STATEMENTS) == 50


def test_a_long_list_of_values_is_compiled_but_not_kept(remembering):
    ids = list(range(1, statements.MAX_PARAMETERS + 2))
    list(Law.objects.filter(pk__in=ids))
    list(Law.objects.filter(pk__in=ids[:10]))
    assert len(statements.STATEMENTS) == 1
