"""Readers get pages from the response cache, and never a stale one: every write retires every stored answer.
Anything personal (editors, tokens, forms with a CSRF token) is never stored, never served from the cache and
never compressed."""

import gc
import gzip
import json
import os
import runpy
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.http import http_date
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.cache import CachedASGIApplication, CachedWSGIApplication, current_generation
from core.choices import Status
from editorial.admin import _moderate
from editorial.models import CorrectionSubmission
from tests.cache_support import GZIP, CountingApplication, asgi_request, make_front, wsgi_request
from tests.factories import BarrierFactory, LawFactory
from tests.support import GUNICORN, ROOT, admin_form_data, free_port, http, wait_until_up

pytestmark = pytest.mark.django_db

NEW_TITLE = "Statute on Zebra Crossings"


def surfaces(law):
    """Every public answer that shows the law's title: its page, the country's pages, the API and the feed."""
    return [
        law.get_absolute_url(),
        "/countries/xe/",
        "/countries/xe/report/",
        "/countries/xe/laws/",
        "/countries/xe/timeline/",
        "/countries/xe/changes/feed/",
        f"/api/v1/laws/{law.pk}/",
        "/api/v1/laws/?country=XE",
        "/api/v1/laws/?country=XE&format=csv",
        "/api/v1/countries/xe/profile/",
    ]


def read(client, url, **headers):
    response = client.get(url, **headers)
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body.decode()


def prime(law):
    """A reader has every surface in the cache, showing the law as it was."""
    reader = Client()
    for url in surfaces(law):
        first, body = read(reader, url)
        assert first.status_code == 200 and law.title in body, url
        second, _ = read(reader, url)
        assert second["X-Cache"] == "hit", url
    return reader


def assert_fresh(reader, law, shows):
    for url in surfaces(law):
        response, body = read(reader, url)
        assert response["X-Cache"] == "miss", url
        assert (NEW_TITLE in body) is shows, url


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "Root-password-2026")
    client = Client()
    client.force_login(user)
    return client


def admin_edit(client, obj, **changes):
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    page = client.get(url)
    response = client.post(url, admin_form_data(page, change_reason="Test", **changes))
    assert response.status_code == 302, response.content[:2000]


# ---------------------------------------------------------------- freshness


def test_an_admin_edit_is_on_every_surface_at_the_next_read(superuser_client, law):
    reader = prime(law)
    admin_edit(superuser_client, law, title=NEW_TITLE)
    assert_fresh(reader, law, shows=True)


def test_an_api_write_is_on_every_surface_at_the_next_read(law):
    reader = prime(law)
    user = get_user_model().objects.create_superuser("api", "api@example.org", "Api-password-2026")
    writer = APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = writer.patch(f"/api/v1/laws/{law.pk}/", {"title": NEW_TITLE}, format="json")
    assert response.status_code == 200
    assert_fresh(reader, law, shows=True)


def test_a_record_moved_to_draft_leaves_every_cached_surface(superuser_client, law):
    reader = prime(law)
    admin_edit(superuser_client, law, publication_status=Status.DRAFT)
    for url in surfaces(law):
        response, body = read(reader, url)
        assert "Law on Public Associations" not in body or url.startswith("/countries/xe/changes"), url
    assert reader.get(law.get_absolute_url()).status_code == 404
    assert reader.get(f"/api/v1/laws/{law.pk}/").status_code == 404


def test_a_draft_never_reaches_the_cache(superuser_client, law):
    reader = prime(law)
    draft = LawFactory(country=law.country, slug="secret", title=NEW_TITLE, publication_status=Status.DRAFT)
    for url in surfaces(law):
        _, body = read(reader, url)
        assert NEW_TITLE not in body, url
    admin_edit(superuser_client, draft, publication_status=Status.PUBLISHED)
    _, body = read(reader, "/api/v1/laws/?country=XE")
    assert NEW_TITLE in body


def test_deletes_links_and_bulk_writes_retire_the_cache(law, editoria, editor):
    moderation = type("Request", (), {"user": editor})()
    changes = [
        lambda: BarrierFactory(country=editoria, slug="b").cited_laws.add(law),  # many-to-many
        lambda: law.delete(),
        lambda: call_command("rebuild_search_index", verbosity=0),  # bulk_create
        # QuerySet.update() sends no signal: the moderation action bumps where it calls it.
        lambda: _moderate(moderation, CorrectionSubmission.objects.all(), CorrectionSubmission.Status.ACCEPTED),
    ]
    for change in changes:
        before = current_generation()[0]
        change()
        assert current_generation()[0] > before


def test_fixture_loads_retire_the_cache_when_they_commit(django_capture_on_commit_callbacks):
    before = current_generation()[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("loaddata", "kazakhstan/laws.json", verbosity=0)  # raw saves: bumped at commit
    assert callbacks and current_generation()[0] > before
    before = current_generation()[0]
    call_command("load_fixtures", verbosity=0)
    assert current_generation()[0] > before


# ---------------------------------------------------------------- who is served from the cache


def test_an_editor_is_never_served_a_cached_page_and_their_pages_are_never_stored(editor_client, law):
    url = law.get_absolute_url()
    assert read(Client(), url)[0]["X-Cache"] == "miss"
    editor_response = editor_client.get(url)
    assert "X-Cache" not in editor_response and editor_response["Cache-Control"] == "private, no-store"
    Client().get("/countries/xe/laws/")  # nothing stored by the editor's reads: the reader's first read is a miss
    editor_client.get("/countries/xe/report/")
    assert Client().get("/countries/xe/report/")["X-Cache"] == "miss"


def test_a_token_reader_is_never_served_from_the_cache(law):
    APIClient().get("/api/v1/laws/")
    client = APIClient(HTTP_AUTHORIZATION="Token not-a-real-one")
    response = client.get("/api/v1/laws/")
    assert "X-Cache" not in response and response["Cache-Control"] == "private, no-store"


def test_a_page_with_a_csrf_token_is_neither_stored_nor_compressed(law):
    reader = Client()
    for _ in range(2):
        response = reader.get("/corrections/new/", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and "csrftoken" in response.cookies
        assert "X-Cache" not in response and "Content-Encoding" not in response
        assert response["Cache-Control"] == "private, no-store" and "ETag" not in response


def test_admin_pages_keep_their_own_never_cache_policy(editor_client):
    response = editor_client.get("/admin/")
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "X-Cache" not in Client().get("/admin/login/")


def test_a_repeated_search_comes_from_the_cache_until_the_law_changes(law):
    law.title = "Statute on Quokka Sanctuaries"
    law.save()
    for url in ("/search/", "/api/v1/search/"):
        for expected in ("miss", "hit"):
            response = Client().get(url, {"q": "quokka"})
            assert response["X-Cache"] == expected and response["Cache-Control"].startswith("public"), url
            assert law.get_absolute_url() in response.content.decode(), url
    law.title = NEW_TITLE  # no longer about quokkas
    law.save()
    for url in ("/search/", "/api/v1/search/"):
        response = Client().get(url, {"q": "quokka"})
        assert response["X-Cache"] == "miss" and law.get_absolute_url() not in response.content.decode(), url


# ---------------------------------------------------------------- HTTP caching and compression


def test_public_answers_carry_validators_and_a_public_policy(law):
    response = Client().get("/countries/xe/")
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    assert response["ETag"].startswith('"') and response["Last-Modified"] == http_date(current_generation()[1])
    assert {"Accept", "Accept-Encoding", "Cookie", "Authorization"} <= {
        part.strip() for part in response["Vary"].split(",")
    }


@override_settings(CACHE_MAX_AGE=5, CACHE_STALE_WHILE_REVALIDATE=7)
def test_the_policy_comes_from_the_settings(law):
    assert Client().get("/countries/xe/")["Cache-Control"] == "public, max-age=5, stale-while-revalidate=7"


def test_a_reader_holding_the_current_version_gets_a_304(superuser_client, law):
    reader = Client()
    first = reader.get("/countries/xe/laws/")
    for headers in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        response = reader.get("/countries/xe/laws/", **headers)
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == first["ETag"]
    admin_edit(superuser_client, law, title=NEW_TITLE)
    for headers in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        response = reader.get("/countries/xe/laws/", **headers)
        assert response.status_code == 200 and NEW_TITLE in response.content.decode()


def test_head_answers_like_get_without_a_body(law):
    reader = Client()
    get = reader.get("/countries/xe/")
    head = reader.head("/countries/xe/")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == get["ETag"]


@pytest.mark.parametrize(
    "url,content_type",
    [
        ("/countries/xe/", "text/html"),
        ("/api/v1/laws/?country=XE", "application/json"),
        ("/api/v1/laws/?country=XE&format=csv", "text/csv"),
        ("/countries/xe/changes/feed/", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
    ],
)
def test_text_answers_are_gzipped_once_and_stored_compressed(law, url, content_type):
    reader = Client()
    plain = reader.get(url)
    first = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["Content-Type"].startswith(content_type)
    assert first["Content-Encoding"] == "gzip" and again["X-Cache"] == "hit" and again.content == first.content
    assert gzip.decompress(first.content) == plain.content and len(first.content) < len(plain.content)
    assert first["ETag"] != plain["ETag"]  # a strong validator per representation


def test_the_negotiated_format_is_part_of_the_key(law):
    reader = APIClient()
    as_json = reader.get("/api/v1/laws/?country=XE", HTTP_ACCEPT="application/json")
    as_csv = reader.get("/api/v1/laws/?country=XE", HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"].startswith("application/json") and as_csv["Content-Type"].startswith("text/csv")
    assert reader.get("/api/v1/laws/?country=XE", HTTP_ACCEPT="text/csv").content == as_csv.content


@override_settings(RESPONSE_CACHE=False)
def test_the_cache_can_be_switched_off(law):
    reader = Client()
    reader.get("/countries/xe/")
    response = reader.get("/countries/xe/")
    assert response["X-Cache"] == "miss" and response["Cache-Control"].startswith("public")


# ---------------------------------------------------------------- the front (ngomonitor/asgi.py, ngomonitor/wsgi.py)


def test_the_asgi_front_sends_a_stored_page_without_entering_django(law, test_connection_kept):
    django_app = CountingApplication()
    front_app = make_front(django_app)
    status, miss_headers, miss_body = asgi_request(front_app, "/countries/xe/", headers=GZIP)
    assert (status, miss_headers["x-cache"], django_app.calls) == (200, "miss", 1)
    status, headers, body = asgi_request(front_app, "/countries/xe/", headers=GZIP)
    assert (status, headers["x-cache"], django_app.calls) == (200, "hit", 1)
    assert body == miss_body and law.title in gzip.decompress(body).decode()
    # The very headers Django sent: the policy, validators, security headers, length.
    assert {k: v for k, v in headers.items() if k != "x-cache"} == {
        k: v for k, v in miss_headers.items() if k != "x-cache"
    }
    assert headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    assert headers["content-length"] == str(len(body)) and headers["content-encoding"] == "gzip"


def test_the_asgi_front_leaves_everything_else_to_django(law, test_connection_kept):
    django_app = CountingApplication()
    front_app = make_front(django_app)
    _, stored, _ = asgi_request(front_app, "/countries/xe/")
    asgi_request(front_app, "/api/v1/laws/", query=b"country=XE")
    asgi_request(front_app, "/search/", query=b"q=law")
    calls = django_app.calls
    others = [
        # an editor's session, a conditional request, HEAD, the API (throttled), a search (never stored)
        ("/countries/xe/", "GET", b"", (("cookie", "sessionid=abc"),)),
        ("/countries/xe/", "GET", b"", (("if-none-match", stored["etag"]),)),
        ("/countries/xe/", "HEAD", b"", ()),
        ("/api/v1/laws/", "GET", b"country=XE", ()),
        ("/search/", "GET", b"q=law", ()),
    ]
    answers = [asgi_request(front_app, path, method, query, headers) for path, method, query, headers in others]
    assert django_app.calls == calls + len(others)
    assert [status for status, _, _ in answers] == [200, 304, 200, 200, 200]
    assert answers[1][2] == b"" and answers[2][2] == b""


def test_the_asgi_front_never_sends_an_answer_older_than_the_last_change(law, test_connection_kept):
    django_app = CountingApplication()
    front_app = make_front(django_app)
    asgi_request(front_app, "/countries/xe/laws/")
    assert asgi_request(front_app, "/countries/xe/laws/")[1]["x-cache"] == "hit"
    law.title = NEW_TITLE
    law.save()
    status, headers, body = asgi_request(front_app, "/countries/xe/laws/")
    assert (status, headers["x-cache"], django_app.calls) == (200, "miss", 2) and NEW_TITLE in body.decode()


def test_the_wsgi_front_sends_a_stored_page_without_entering_django(law, test_connection_kept):
    django_app = CountingApplication()
    front = CachedWSGIApplication(django_app)
    _, miss_headers, miss_body = wsgi_request(front, "/countries/xe/", GZIP)
    status, headers, body = wsgi_request(front, "/countries/xe/", GZIP)
    assert (status, headers["x-cache"], django_app.calls, body) == (200, "hit", 1, miss_body)
    assert {k: v for k, v in headers.items() if k != "x-cache"} == {
        k: v for k, v in miss_headers.items() if k != "x-cache"
    }
    wsgi_request(front, "/countries/xe/", (("cookie", "sessionid=abc"),))
    assert django_app.calls == 2


def test_production_serves_the_asgi_front():
    """gunicorn.conf.py (read by every production start) serves ngomonitor.asgi with uvicorn workers."""
    from ngomonitor import asgi, wsgi

    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "ngomonitor.asgi:application" and config["worker_class"] == "ngomonitor.server.Worker"
    assert isinstance(asgi.application, CachedASGIApplication)
    assert isinstance(wsgi.application, CachedWSGIApplication)


def test_the_production_application_hands_django_the_request_body_and_repeated_headers(law, test_connection_kept):
    """core/asgi.py: what uvicorn receives (a body in parts, a header sent twice) reaches Django whole."""
    user = get_user_model().objects.create_superuser("writer", "w@example.org", "Writer-password-2026")
    token = Token.objects.create(user=user).key
    application = make_front(CountingApplication())
    parts = [b'{"title": "Statute', b' on Zebra Crossings"}']
    scope_headers = [("authorization", f"Token {token}"), ("content-type", "application/json")]
    status, headers, body = asgi_request(
        application, f"/api/v1/laws/{law.pk}/", method="PATCH", headers=scope_headers, body_parts=parts
    )
    assert status == 200 and json.loads(body)["title"] == NEW_TITLE
    # Accept sent twice is one header to Django, its values joined: CSV is among them and comes first.
    status, headers, body = asgi_request(
        application, "/api/v1/laws/", query=b"country=XE", headers=[("accept", "text/csv"), ("accept", "*/*")]
    )
    assert status == 200 and headers["content-type"].startswith("text/csv") and NEW_TITLE in body.decode()


def test_static_files_are_left_to_whitenoise_without_a_cache_lookup(monkeypatch, settings):
    """The middleware is the outermost: without the exception every stylesheet would cost two cache reads.

    WhiteNoise reads the source folders here, as CI has not run collectstatic.
    """
    settings.WHITENOISE_USE_FINDERS = True
    looked_up = []
    monkeypatch.setattr("core.cache.cache.get", lambda *args, **kwargs: looked_up.append(args))
    monkeypatch.setattr("core.cache.cache.get_many", lambda *args, **kwargs: looked_up.append(args) or {})
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert looked_up == [] and "X-Cache" not in response
    Client().get("/countries/xe/")  # a page does consult the cache
    assert looked_up


def test_workers_freeze_what_the_application_loaded_and_collect_less_often():
    """gunicorn.conf.py's post_worker_init hook: the objects a worker loads at start are frozen out of the
    collector's walks, and young collections come every 50,000 allocations rather than 700."""
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    thresholds = gc.get_threshold()
    try:
        gc.unfreeze()
        config["post_worker_init"](object())
        assert gc.get_threshold() == (50_000, 50, 100)
        assert gc.get_freeze_count() > 10_000  # Django and the apps' modules at least
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_an_asgi_worker_handed_the_wsgi_entry_point_serves_the_asgi_front():
    """`gunicorn ngomonitor.wsgi` (the module's own docstring said so) gave the uvicorn worker a WSGI callable:
    every request was a 500."""
    from ngomonitor import asgi, wsgi
    from ngomonitor.server import asgi_application

    class Log:
        warnings = []

        def warning(self, *args):
            self.warnings.append(args)

    log = Log()
    assert asgi_application(asgi.application, log) is asgi.application and not log.warnings
    assert asgi_application(wsgi.application, log) is asgi.application and log.warnings


def test_gunicorn_started_with_the_wsgi_module_answers(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DEBUG": "1"}
    command = [GUNICORN, "-w", "1", "-b", f"127.0.0.1:{port}", "ngomonitor.wsgi"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        headers, body = http("GET", f"http://127.0.0.1:{port}/robots.txt")
        assert b"Sitemap:" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
