"""Scale data: `generate_synthetic` fills a database with clearly marked synthetic countries, each with a whole
profile, and refuses a database that holds real content unless told."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from codebook.models import Answer
from core.cache import current_generation
from countries.models import Barrier, Country, CountryProfile
from laws.models import Law
from news.models import NewsItem
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_a_database_with_real_countries_is_refused_without_force():
    with pytest.raises(CommandError, match="real content"):
        call_command("generate_synthetic", countries=3, laws=5, news=5, verbosity=0)
    assert not Country.objects.filter(name__startswith="Synthetic").exists()


def test_small_synthetic_dataset_is_marked_and_every_page_answers(client, capsys):
    generation = current_generation()
    call_command("generate_synthetic", countries=3, laws=5, news=5, force=True)
    out = capsys.readouterr().out
    assert "Wrote 3 countries" in out and "Done" in out

    synthetic = Country.objects.filter(name__startswith="Synthetic Country ")
    assert sorted(synthetic.values_list("name", flat=True)) == [
        "Synthetic Country 001",
        "Synthetic Country 002",
        "Synthetic Country 003",
    ]
    assert set(synthetic.values_list("region", flat=True)) == {"Synthetic data (not real)"}
    assert Country.objects.filter(iso2="KZ").exists()  # the real country is left alone
    assert CountryProfile.objects.filter(country__in=synthetic).count() == 3
    assert Law.objects.filter(country__in=synthetic).count() == 3 * (5 + 1)  # and a constitution each
    assert NewsItem.objects.filter(country__in=synthetic).count() == 5
    assert Barrier.objects.filter(country__in=synthetic).count() == 3 * 6
    assert Answer.objects.filter(country__in=synthetic).exists()
    for law in Law.objects.filter(country__in=synthetic).exclude(slug="constitution"):
        assert "Synthetic" in law.title and "synthetic" in law.summary.lower()
    for item in NewsItem.objects.filter(country__in=synthetic):
        assert "Synthetic" in item.title and "synthetic" in item.summary.lower()
    assert current_generation() != generation  # the response cache forgets what it held
    assert SearchDocument.objects.filter(title__startswith="Synthetic").exists()

    code = synthetic.order_by("name").first().iso2.lower()
    law = Law.objects.filter(country__iso2__iexact=code).exclude(slug="constitution").first()
    for url in [
        "/",
        "/news/",
        f"/countries/{code}/",
        f"/countries/{code}/report/",
        f"/countries/{code}/laws/",
        f"/countries/{code}/news/",
        f"/countries/{code}/barriers/",
        f"/countries/{code}/timeline/",
        law.get_absolute_url(),
        f"/api/v1/countries/{code}/profile/",
        f"/api/v1/laws/?country={code}",
        "/codebook/",
        "/search/?q=synthetic",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_database_already_holding_synthetic_countries_is_refused():
    call_command("generate_synthetic", countries=1, laws=1, news=1, force=True, verbosity=0)
    with pytest.raises(CommandError, match="already holds 1 synthetic"):
        call_command("generate_synthetic", countries=1, laws=1, news=1, force=True, verbosity=0)


def planner_rows(table):
    """How many rows of statistics the database's query planner holds for a table (0: never analyzed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0]


def test_a_bulk_load_leaves_the_planner_statistics_of_what_it_loaded():
    """Without them SQLite drove a profile query through a low-selectivity index: 133 ms instead of 1 (core/db.py)."""
    with connection.cursor() as cursor:  # forget any statistics an earlier load left
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        else:
            cursor.execute("DELETE FROM pg_statistic WHERE starelid = 'laws_law'::regclass")
    assert planner_rows("laws_law") == 0
    call_command("generate_synthetic", countries=2, laws=3, news=2, force=True, verbosity=0)
    assert planner_rows("laws_law") > 0


def visible_pages(table):
    """(pages, pages marked all-visible) of a PostgreSQL table, as its last VACUUM or ANALYZE recorded them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_bulk_load_leaves_its_pages_readable_from_the_indexes_alone(fixtures_restored):
    """Index-only scans (a public list's count) need pages marked all-visible, which only VACUUM does (core/db.py);
    inside a transaction, where VACUUM cannot run, the statistics are still refreshed and nothing fails."""
    from django.db import transaction

    from core.db import analyze

    with connection.cursor() as cursor:
        cursor.execute("UPDATE laws_law SET title = title")  # new row versions: no page is all-visible now
        cursor.execute("ANALYZE laws_law")
    pages, visible = visible_pages("laws_law")
    assert pages > 0 and visible < pages
    with transaction.atomic():
        analyze()
    assert visible_pages("laws_law")[1] < pages
    analyze()
    pages, visible = visible_pages("laws_law")
    assert visible == pages > 0
