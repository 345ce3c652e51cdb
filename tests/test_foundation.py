"""The foundation: settings from the environment, the fixtures load idempotently, admin serves every record."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from countries.models import Country
from tests.seed import seeded_records

ROOT = Path(__file__).resolve().parent.parent
CONTENT_APPS = ["countries", "laws", "organizations", "rankings", "news", "codebook"]


def run_settings(env):
    """Import the settings in a clean interpreter with `env` and print what a deployment cares about."""
    code = (
        "import json, ngomonitor.settings as s;"
        "db = s.DATABASES['default'];"
        "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'debug': s.DEBUG,"
        " 'hosts': s.ALLOWED_HOSTS, 'max_age': db['CONN_MAX_AGE'], 'health': db['CONN_HEALTH_CHECKS']}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_settings_default_to_sqlite_beside_manage_py():
    result = run_settings({})
    data = json.loads(result.stdout)
    assert data["engine"] == "core.backends.sqlite3"  # Django's, timestamps read once each
    assert data["name"] == str(ROOT / "db.sqlite3")
    assert data["debug"] is True


def test_settings_read_postgres_url_hosts_and_persistent_connections():
    result = run_settings(
        {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ngomonitor",
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "ngomonitor.example, www.ngomonitor.example",
        }
    )
    data = json.loads(result.stdout)
    assert data["engine"] == "django.db.backends.postgresql"
    assert data["name"] == "ngomonitor"
    assert data["debug"] is False
    assert data["hosts"] == ["ngomonitor.example", "www.ngomonitor.example"]
    assert data["max_age"] == 60 and data["health"] is True


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def dump_content():
    out = io.StringIO()
    call_command("dumpdata", *CONTENT_APPS, natural_foreign=True, natural_primary=True, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_loading_the_fixtures_twice_leaves_the_database_identical():
    before = dump_content()
    assert len(before) > 300, "the seeded profile should already be loaded"
    call_command("load_fixtures", verbosity=0)
    after = dump_content()
    assert after == before


@pytest.mark.django_db
def test_fixtures_find_a_country_record_by_country_code_and_slug():
    """A fixture names a country's record by (ISO code, slug): the same slug in another country, or another record
    of the same country, is never the one found."""
    from laws.models import Law
    from tests.factories import CountryFactory, LawFactory

    first, second = CountryFactory(iso2="XF"), CountryFactory(iso2="XG")
    LawFactory(country=first, slug="other-law", title="Another law of XF")
    LawFactory(country=second, slug="pa-law", title="Public Associations in XG")
    LawFactory(country=first, slug="pa-law", title="Public Associations in XF")

    assert Law.objects.get_by_natural_key("XF", "pa-law").title == "Public Associations in XF"
    assert Law.objects.get_by_natural_key("XG", "pa-law").title == "Public Associations in XG"


@pytest.mark.django_db
def test_loading_fixtures_records_no_history():
    """Fixture loads are raw saves: they must not fill the history with noise."""
    from laws.models import Law

    call_command("load_fixtures", verbosity=0)
    assert Law.history.count() == 0


@pytest.mark.django_db
def test_unknown_fixture_folder_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No such fixture folder"):
        call_command("load_fixtures", "atlantis")


@pytest.mark.django_db
def test_home_page_lists_the_countries(client):
    response = client.get("/")
    assert response.status_code == 200
    kz = Country.objects.get(iso2="KZ")
    assert kz.get_absolute_url().encode() in response.content
    assert b"Kazakhstan" in response.content


def registered_content_models():
    return [m for m in admin.site._registry if m._meta.app_label in CONTENT_APPS]


def test_every_content_model_is_registered_in_admin():
    content_models = {
        model
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert content_models - set(admin.site._registry) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("model", registered_content_models(), ids=lambda model: model._meta.label)
def test_every_admin_changelist_and_change_page_answers_200_for_staff(admin_client, model):
    """Every seeded record of every model: listed, and its change and history pages are its own."""
    opts = model._meta
    records = seeded_records(model)
    assert records, model
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200, changelist
    plural = opts.verbose_name if len(records) == 1 else opts.verbose_name_plural
    assert f"{len(records)} {plural}" in response.content.decode(), changelist
    response = admin_client.get(changelist, {"q": "law"})
    assert response.status_code == 200, changelist
    for pk, _ in records:
        name = escape(str(model._default_manager.get(pk=pk)))
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert f"<h2>{name}</h2>" in response.content.decode(), url  # the form is the record's
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
        response = admin_client.get(history)
        assert response.status_code == 200 and name in response.content.decode(), history


@pytest.mark.django_db
def test_admin_autocomplete_answers_for_laws(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "countries", "model_name": "barrier", "field_name": "cited_laws", "term": "charity"},
    )
    assert response.status_code == 200
    assert any("Charit" in r["text"] for r in response.json()["results"])
