"""Deploy-ready settings, security headers, admin lockout, health check and database outages (issue 13).

Settings are read once at start-up, so what depends on the environment is checked in a fresh process, as an
operator would start the server."""

import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from core.views import allowed_methods
from laws.models import Law
from tests.support import EDITOR_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k" * 20 + "-a-long-random-production-secret-key-0123456789"
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "ngomonitor.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}


def manage(*args, **env):
    """Run manage.py in a fresh process with only the given environment (plus PATH)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readmes_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_the_https_settings_check_deploy_names_what_is_missing():
    env = {key: value for key, value in PRODUCTION_ENV.items() if not key.startswith("SECURE_")}
    result = manage("check", "--deploy", **env)
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["", "dev-only-insecure-key-never-use-in-production", "django-insecure-" + "x" * 50, "short-key"],
    ids=["missing", "development key", "django-insecure", "short"],
)
def test_the_server_refuses_to_start_with_a_weak_secret_key(key):
    env = {"DEBUG": "0", "ALLOWED_HOSTS": "example.org"}
    if key:
        env["SECRET_KEY"] = key
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr


def test_the_admin_path_comes_from_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert manage("shell", "-v", "0", "-c", code, ADMIN_PATH="backstage").stdout.strip() == "/backstage/"
    assert manage("shell", "-v", "0", "-c", code).stdout.strip() == "/admin/"


def page_kinds():
    law = Law.objects.published().first()
    return {
        "home": "/",
        "profile": "/countries/kz/",
        "section": "/countries/kz/report/",
        "law page": law.get_absolute_url(),
        "list": "/countries/kz/laws/",
        "search": "/search/?q=rally",
        "feed": reverse("news:feed"),
        "sitemap": "/sitemap.xml",
        "API list": "/api/v1/laws/",
        "API CSV": "/api/v1/laws/?format=csv",
        "API docs": "/api/v1/docs/",
        "API docs script": "/api/v1/docs/?script=",
        "admin login": reverse("admin:login"),
        "corrections form": reverse("editorial:correction-new"),
        "not found": "/no/such/page/",
        "health": "/healthz",
    }


# Page kinds that take a write (a form, the API, the admin) or have no page to write to.
WRITABLE_KINDS = {"API list", "API CSV", "API docs", "API docs script", "admin login", "corrections form", "not found"}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_a_page_that_only_reads_is_a_405_naming_what_it_takes(method):
    """Not Django's 403 "CSRF verification failed", which the CSRF check gave before the view could answer."""
    browser = Client(enforce_csrf_checks=True)
    for kind, url in page_kinds().items():
        if kind in WRITABLE_KINDS:
            continue
        response = getattr(browser, method)(url)
        assert response.status_code == 405, (kind, url, response.status_code)
        allowed = [name.strip() for name in response["Allow"].split(",")]
        assert "GET" in allowed and "HEAD" in allowed and method.upper() not in allowed, (kind, allowed)
        assert f"does not take {method.upper()}" in response.content.decode(), kind
        assert response["Content-Security-Policy"], kind  # the site's own page, with its headers


def public_views(patterns=None, prefix=""):
    """(route, view) of every page outside the admin and the API (DRF views check CSRF themselves)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith(("admin", "api")):
                yield from public_views(pattern.url_patterns, route)
        elif not route.startswith(("admin", "api", "^api")):
            yield route, pattern.callback


def test_every_public_view_says_which_methods_it_takes():
    """So that a write to any of them is a 405, not a CSRF failure: a function view must be wrapped in read_only."""
    silent = [route for route, view in public_views() if not allowed_methods(view)]
    assert silent == []
    assert len(list(public_views())) > 30


@pytest.mark.django_db
def test_every_page_kind_carries_the_security_headers(client):
    for kind, url in page_kinds().items():
        response = client.get(url)
        assert response.status_code in (200, 404), (kind, url, response.status_code)
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'", kind
        assert directives["script-src"] == "'self'", kind  # no inline script, no eval
        assert directives["style-src"] == "'self'", kind  # no inline style
        assert directives["frame-ancestors"] == "'none'", kind
        assert directives["object-src"] == "'none'", kind
        assert response["X-Frame-Options"] == "DENY", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", kind
        assert "camera=()" in response["Permissions-Policy"], kind


INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(rb"<style\b|\sstyle=", re.I)


@pytest.mark.django_db
def test_no_page_needs_inline_script_or_style(client, editor_client):
    pages = {kind: url for kind, url in page_kinds().items() if kind not in {"API docs script", "API CSV"}}
    for kind, url in pages.items():
        body = client.get(url).content
        assert not INLINE_SCRIPT.search(body), (kind, INLINE_SCRIPT.search(body))
        assert not INLINE_STYLE.search(body), (kind, INLINE_STYLE.search(body))
    law = Law.objects.published().first()
    for url in ("/admin/", "/admin/laws/law/", f"/admin/laws/law/{law.pk}/change/"):
        body = editor_client.get(url).content
        assert not INLINE_SCRIPT.search(body), (url, INLINE_SCRIPT.search(body))


@pytest.mark.django_db
def test_redoc_alone_may_use_inline_styles_never_inline_scripts(client):
    response = client.get("/api/v1/redoc/")
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"] == "'self'"
    assert not INLINE_SCRIPT.search(response.content)


# ---------------------------------------------------------------- accounts


def login(client, username, password):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out_from_that_address(editor, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(attacker, editor.username, "wrong-password")
        assert response.status_code == 200 and b"Please enter the correct username" in response.content
    locked = login(attacker, editor.username, "wrong-password")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    # Locked out: even the right password is refused from that address...
    assert login(attacker, editor.username, EDITOR_PASSWORD).status_code == 429
    # ...while the editor, from their own address, still signs in.
    assert login(Client(REMOTE_ADDR="198.51.100.2"), editor.username, EDITOR_PASSWORD).status_code == 302
    # An administrator lifts the lockout (documented in the README): then the right password works again.
    from django.core.management import call_command

    call_command("axes_reset_username", editor.username)
    assert login(attacker, editor.username, EDITOR_PASSWORD).status_code == 302


def test_password_validators_and_session_expiry_are_on(settings):
    names = [validator["NAME"].rsplit(".", 1)[-1] for validator in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600


# ---------------------------------------------------------------- health and outages


@pytest.mark.django_db
def test_healthz_reports_the_database_without_details(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert response["Cache-Control"] == "no-store"


def refuse_connections():
    """Every new database connection is refused, as when the server is down or unreachable."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse)


@pytest.mark.django_db
def test_with_the_database_down_pages_and_api_answer_503_and_recover(client):
    law_url = Law.objects.published().select_related("country").first().get_absolute_url()
    with refuse_connections():
        page = client.get(law_url)
        assert page.status_code == 503
        assert b"Temporarily unavailable" in page.content and b"5432" not in page.content
        assert page["Retry-After"] == "30"
        api = client.get("/api/v1/laws/")
        assert api.status_code == 503
        assert api.json() == {"detail": "The database is unreachable for the moment. Please try again in a minute."}
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "checks": {"database": "unavailable"}}
    # The database is back: the same requests answer, without a restart.
    assert client.get(law_url).status_code == 200
    assert client.get("/api/v1/laws/").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_bug_in_a_query_stays_a_500_not_an_outage(client):
    client.raise_request_exception = False
    with mock.patch("laws.views.LawDetailView.get_object", side_effect=OperationalError("no such column: nope")):
        response = client.get(Law.objects.published().first().get_absolute_url())
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content and b"nope" not in response.content


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_on_a_closed_port_gives_503_then_recovers(client, fixtures_restored):
    """A real outage: the connection points at a port where nothing listens, then back."""
    from django.db import connection

    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        assert client.get("/countries/kz/laws/").status_code == 503
        assert client.get("/api/v1/laws/").status_code == 503
        assert client.get("/healthz").status_code == 503
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/api/v1/countries/").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_request_django_refuses_is_a_json_400_under_the_api_and_a_page_elsewhere(client):
    api = client.get("/api/v1/laws/", HTTP_HOST="not-an-allowed-host.example")
    assert api.status_code == 400
    assert api.json() == {"detail": "The address or the form could not be read."}
    page = client.get("/laws/", HTTP_HOST="not-an-allowed-host.example")
    assert page.status_code == 400 and b"<h1>Bad request</h1>" in page.content


@pytest.mark.django_db
def test_too_many_parameters_is_a_400_that_says_so(client):
    """1,001 parameters read "Bad request." alone."""
    crowded = "&".join(f"p{n}=1" for n in range(1001))
    api = client.get(f"/api/v1/laws/?{crowded}")
    assert api.status_code == 400
    assert api.json() == {"detail": "Too many parameters: a request may carry at most 1,000."}
    page = client.get(f"/countries/kz/laws/?{crowded}")
    assert page.status_code == 400 and "Too many parameters" in page.content.decode()


@pytest.mark.django_db
def test_a_write_that_passes_the_csrf_check_gets_the_same_405_page(client):
    """With a valid token (an editor's browser) the view itself refuses the method: Django's answer has no body."""
    for url in ("/countries/kz/", "/codebook/", reverse("news:feed")):
        response = client.post(url)  # the test client skips the CSRF check, as a valid token would pass it
        assert response.status_code == 405, url
        assert "does not take POST" in response.content.decode(), url
        assert "GET" in response["Allow"], url
    assert client.post("/api/v1/countries/kz/profile/").json() == {"detail": 'Method "POST" not allowed.'}
