"""The response cache's rules, one by one, with exact expectations (`core/cache.py`): which requests are stored,
served from the cache or left alone, the parts of the key, the headers, 304s, gzip, the fronts, and the content
generation that every write bumps. Fast on purpose: `make mutate` runs this file against each of the module's
mutants (see bench/mutation.md). The pages here are this file's own small views (its URLconf), so that what a
test expects is written down, not read from a page; tests/test_response_cache.py checks the site's real pages.
"""

import gzip
import hashlib
import io
import logging
import time

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import include, path
from django.views.decorators.cache import never_cache

from core.cache import (
    GENERATION_KEY,
    STAMP_KEY,
    CachedWSGIApplication,
    bump_generation,
    cache_key,
    connect_signals,
    content_changed,
    current_generation,
    invalidate,
    is_search,
    project_models,
    store_for,
)
from editorial.admin import _moderate
from editorial.models import CorrectionSubmission
from tests.cache_support import GZIP, CountingApplication, asgi_request, make_front, wsgi_request
from tests.factories import AtAGlanceRowFactory, BarrierFactory

# ---------------------------------------------------------------- this file's pages

RENDERED = []  # the path of every request that reached a view: a miss renders, a hit does not
PAGE = "".join(
    f"<p>Paragraph {n}: the law of {n * 7 % 13} associations, article {n * 3},"
    f" section {n * n % 97}, part {n * 31 % 17}.</p>\n"
    for n in range(60)
)  # 4,842 bytes, which gzip's levels 5, 6 and 7 compress differently
TEXT = "".join(f"line {n:04d} of a plain text answer\n" for n in range(40)).encode()  # 1,320 bytes
PNG = bytes(range(256)) * 4


def rendered(content=PAGE, **kwargs):
    def view(request, *args, **kw):
        RENDERED.append(request.path)
        return HttpResponse(content, **kwargs)

    return view


def text_of(request, size):
    RENDERED.append(request.path)
    return HttpResponse(TEXT[:size], content_type="text/plain")


def untyped(request):
    RENDERED.append(request.path)
    response = HttpResponse(TEXT)
    del response["Content-Type"]
    return response


def encoded(request):
    RENDERED.append(request.path)
    response = HttpResponse(TEXT, content_type="text/plain")
    response["Content-Encoding"] = "br"
    return response


def with_cookie(request):
    RENDERED.append(request.path)
    response = HttpResponse(PAGE)
    response.set_cookie("seen", "1")
    return response


def with_raw_cookie(request):
    RENDERED.append(request.path)
    response = HttpResponse(PAGE)
    response["Set-Cookie"] = "seen=1"
    return response


def with_token(request):
    RENDERED.append(request.path)
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


@never_cache
def never(request):
    RENDERED.append(request.path)
    return HttpResponse(PAGE)


def missing(request):
    RENDERED.append(request.path)
    return HttpResponseNotFound(PAGE)


def streamed(request):
    RENDERED.append(request.path)
    return StreamingHttpResponse([TEXT])


def dated(request):
    RENDERED.append(request.path)
    response = HttpResponse(PAGE)
    response["Date"] = "Mon, 13 Nov 2023 10:00:00 GMT"
    return response


urlpatterns = [
    path("rules/page/", rendered()),
    path("rules/text/<int:size>/", text_of),
    path("rules/png/", rendered(PNG, content_type="image/png")),
    path("rules/untyped/", untyped),
    path("rules/encoded/", encoded),
    path("rules/cookie/", with_cookie),
    path("rules/raw-cookie/", with_raw_cookie),
    path("rules/token/", with_token),
    path("rules/never/", never),
    path("rules/missing/", missing),
    path("rules/streamed/", streamed),
    path("rules/dated/", dated),
    path("api/rules/", rendered()),
    path("search/rules/", rendered()),
    path("admin/rules/", rendered()),
    path("static/rules.css", rendered("body { color: black; }\n" * 20, content_type="text/css")),
    path("", include("ngomonitor.urls")),  # the site's own, after these
]

POLICY = "public, max-age=60, stale-while-revalidate=600"  # CACHE_MAX_AGE, CACHE_STALE_WHILE_REVALIDATE
PRIVATE = "private, no-store"
VARY = "Accept, Accept-Encoding, Cookie, Authorization"
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"  # Django's never_cache


@pytest.fixture(autouse=True)
def rules_urls(settings):
    settings.ROOT_URLCONF = __name__
    RENDERED.clear()


class Clock:
    """time.time and time.time_ns, held still until moved."""

    def __init__(self):
        self.ns = 1_700_000_000_123_456_789  # Tue, 14 Nov 2023 22:13:20.123456789 GMT

    def time(self):
        return self.ns / 1e9

    def time_ns(self):
        return self.ns

    def advance(self, seconds):
        self.ns += seconds * 10**9


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(time, "time", clock.time)
    monkeypatch.setattr(time, "time_ns", clock.time_ns)
    return clock


def etag_of(body):
    return f'"{hashlib.sha256(body).hexdigest()[:40]}"'


def generation():
    return cache.get(GENERATION_KEY)


# ---------------------------------------------------------------- the content generation


def test_the_first_generation_starts_from_the_clock_and_never_expires(clock):
    assert current_generation() == (1_700_000_000_123_456, 1_700_000_000)  # microseconds; whole seconds
    assert (cache.get(GENERATION_KEY), cache.get(STAMP_KEY)) == (1_700_000_000_123_456, 1_700_000_000)
    clock.advance(30 * 24 * 3600)
    assert current_generation() == (1_700_000_000_123_456, 1_700_000_000)


def test_an_existing_generation_is_read_as_it_is():
    cache.set(GENERATION_KEY, 41, None)
    cache.set(STAMP_KEY, 1_234, None)
    assert current_generation() == (41, 1_234)
    assert (cache.get(GENERATION_KEY), cache.get(STAMP_KEY)) == (41, 1_234)


def test_a_bump_adds_one_and_moves_last_modified_strictly_forward(clock):
    cache.set(GENERATION_KEY, 41, None)
    cache.set(STAMP_KEY, 1_699_999_000, None)
    bump_generation()
    assert (generation(), cache.get(STAMP_KEY)) == (42, 1_700_000_000)  # the clock
    bump_generation()  # within the same second: one second ahead of the clock
    bump_generation()
    assert (generation(), cache.get(STAMP_KEY)) == (44, 1_700_000_002)
    clock.advance(30 * 24 * 3600)  # neither ever expires
    assert (generation(), cache.get(STAMP_KEY)) == (44, 1_700_000_002)
    bump_generation()
    assert (generation(), cache.get(STAMP_KEY)) == (45, 1_702_592_000)


def test_a_bump_with_no_generation_starts_one_from_the_clock(clock):
    bump_generation()
    assert (generation(), cache.get(STAMP_KEY)) == (1_700_000_000_123_456, 1_700_000_000)
    clock.advance(30 * 24 * 3600)
    assert (generation(), cache.get(STAMP_KEY)) == (1_700_000_000_123_456, 1_700_000_000)


def test_a_bump_racing_another_process_first_bump_still_adds_one(monkeypatch):
    """Between our failed increment (no generation yet) and our add, another process created the generation."""
    backend = caches["default"]
    real_incr = backend.incr
    calls = []

    def incr(key, delta=1, version=None):
        calls.append(key)
        if len(calls) == 1:
            backend.set(GENERATION_KEY, 500, None)  # the other process's first bump, just now
            raise ValueError(f"Key '{key}' not found")
        return real_incr(key, delta, version)

    monkeypatch.setattr(backend, "incr", incr)
    bump_generation()
    assert generation() == 501 and calls == [GENERATION_KEY, GENERATION_KEY]


# ---------------------------------------------------------------- what bumps it, and when


def test_outside_a_transaction_every_write_bumps_once_at_once():
    """No database here: no transaction, as in a management command's plain write."""
    cache.set(GENERATION_KEY, 10, None)
    invalidate()
    assert generation() == 11
    invalidate(raw=True)
    assert generation() == 12
    content_changed(sender=None, raw=True, using="default")  # a raw (fixture) save outside a transaction
    assert generation() == 13
    content_changed(sender=None, action="pre_add", using="default")  # many-to-many: only the post_ actions
    content_changed(sender=None, action="pre_clear", using="default")
    assert generation() == 13
    content_changed(sender=None, action="post_remove", using="default")
    assert generation() == 14


@pytest.mark.django_db
def test_inside_a_transaction_a_write_bumps_at_once_and_once_more_at_commit(django_capture_on_commit_callbacks):
    cache.set(GENERATION_KEY, 10, None)
    other = lambda: None  # noqa: E731 - another module's callback, registered first at the same level
    with django_capture_on_commit_callbacks() as callbacks:
        transaction.on_commit(other)
        invalidate()
        invalidate()  # one bump at commit for the whole transaction
        assert generation() == 12
        try:
            with transaction.atomic():
                invalidate()
                raise RuntimeError("rolled back, and the savepoint's callback with it")
        except RuntimeError:
            pass
        invalidate()
        assert generation() == 14
    assert callbacks == [other, bump_generation]
    callbacks[1]()
    assert generation() == 15


@pytest.mark.django_db
def test_a_raw_save_as_loaddata_does_bumps_only_at_commit(law, django_capture_on_commit_callbacks):
    cache.set(GENERATION_KEY, 10, None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():  # as loaddata
        law.save_base(raw=True)  # what loaddata does for each object
        assert generation() == 10
    assert callbacks == [bump_generation] and generation() == 11


@pytest.mark.django_db
def test_saves_deletes_links_and_bulk_updates_bump_at_once(law, editoria, django_capture_on_commit_callbacks):
    """One bump per write (a row the search index does not hold: the index's own update bumps once more)."""
    row, barrier = AtAGlanceRowFactory(country=editoria), BarrierFactory(country=editoria, slug="b")
    cache.set(GENERATION_KEY, 10, None)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        row.value = "Another value"
        row.save()
        assert generation() == 11
        barrier.cited_laws.add(law)  # post_add only, not pre_add
        assert generation() == 12
        barrier.cited_laws.remove(law)
        assert generation() == 13
        moderation = type("Request", (), {"user": None})()  # an update(): no signal, the action bumps itself
        _moderate(moderation, CorrectionSubmission.objects.all(), CorrectionSubmission.Status.ACCEPTED)
        assert generation() == 14
        row.delete()
        assert generation() == 15
    assert callbacks and set(callbacks) == {bump_generation}  # and again at commit


PROJECT_MODELS = {
    "codebook.Answer", "codebook.Citation", "codebook.Question",
    "countries.AtAGlanceRow", "countries.Barrier", "countries.Barrier_cited_articles", "countries.Barrier_cited_laws",
    "countries.Country", "countries.CountryProfile", "countries.PublicParticipationItem", "countries.Section",
    "countries.SectorFigure",
    "editorial.ApiToken", "editorial.CorrectionSubmission",
    "laws.ConstitutionalAmendment", "laws.ConstitutionalAmendment_articles", "laws.ConstitutionalArticle",
    "laws.Law", "laws.LawListEntry", "laws.LegalDefinition", "laws.LegislativeInitiative",
    "laws.LegislativeInitiative_related_laws", "laws.Treaty", "laws.TreatyStatus",
    "news.NewsItem", "news.NewsItem_related_articles", "news.NewsItem_related_initiatives",
    "news.NewsItem_related_laws", "news.Resource",
    "organizations.OrganizationalForm", "organizations.TaxProvision",
    "rankings.IndicatorBreakdown", "rankings.KeyIndicator", "rankings.Ranking", "rankings.RankingIndex",
    "rankings.RankingSubScore",
}  # fmt: skip


def test_the_project_s_own_models_retire_the_cache_and_no_others():
    """Not their history copies, not the search index (rebuilt by a command that bumps itself), and none of Django's
    or the libraries' (users, sessions, login attempts), even with the virtualenv inside the project's folder."""
    assert {model._meta.label for model in project_models()} == PROJECT_MODELS


def test_a_project_folder_reached_through_a_link_keeps_its_models(settings, tmp_path):
    """A deployment may name the project's folder through a link (/srv/ngomonitor -> /opt/releases/42)."""
    link = tmp_path / "ngomonitor"
    link.symlink_to(settings.BASE_DIR, target_is_directory=True)
    settings.BASE_DIR = link
    assert {model._meta.label for model in project_models()} == PROJECT_MODELS


def test_an_app_folder_that_is_a_link_keeps_its_models(settings, tmp_path, monkeypatch):
    """An app's folder may be a link out of the project's folder (project/laws -> /srv/shared/laws)."""
    shared, project = tmp_path / "shared", tmp_path / "project"
    (shared / "laws").mkdir(parents=True)
    project.mkdir()
    (project / "laws").symlink_to(shared / "laws", target_is_directory=True)
    monkeypatch.setattr(apps.get_app_config("laws"), "path", str(project / "laws"))
    settings.BASE_DIR = project
    assert {model._meta.label for model in project_models()} == {
        label for label in PROJECT_MODELS if label.startswith("laws.")
    }


@pytest.mark.django_db
def test_users_sessions_and_login_attempts_leave_the_cache_alone(django_capture_on_commit_callbacks):
    """A login writes a user, a session and axes' records: none of them shows on a public page, and a password
    guesser must not empty the cache at each attempt."""
    cache.set(GENERATION_KEY, 10, None)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        attempt = {"user_agent": "curl", "ip_address": "127.0.0.1", "username": "nobody", "path_info": "/admin/login/"}
        AccessAttempt.objects.create(**attempt, http_accept="*/*", get_data="", post_data="", failures_since_start=1)
        AccessLog.objects.create(**attempt, http_accept="*/*")
        user = get_user_model().objects.create_user("reader")
        user.save()
        SessionStore().create()
    assert generation() == 10 and callbacks == []


@pytest.mark.django_db
def test_connecting_the_signals_again_keeps_one_bump_per_write(law, editoria, django_capture_on_commit_callbacks):
    """ready() may run more than once: connecting again adds no second receiver; connected anew, every project
    model's saves, deletes and links bump."""
    rows = AtAGlanceRowFactory.create_batch(2, country=editoria)
    barrier = BarrierFactory(country=editoria, slug="b")
    cache.set(GENERATION_KEY, 10, None)
    connect_signals()
    rows[0].save()
    barrier.cited_laws.add(law)
    rows[0].delete()
    assert generation() == 13  # one each
    try:
        for model in apps.get_models(include_auto_created=True):
            for signal in (post_save, post_delete, m2m_changed):
                signal.disconnect(sender=model, dispatch_uid=f"response-cache:{model._meta.label}")
        rows[1].save()
        assert generation() == 13  # nothing connected
    finally:
        connect_signals()  # whatever happened, the later tests of this worker find the cache connected
    with django_capture_on_commit_callbacks():
        rows[1].save()
        barrier.cited_laws.remove(law)
        rows[1].delete()
        get_user_model().objects.create_user("reader")
    assert generation() == 16


# ---------------------------------------------------------------- the key


def test_the_key_is_the_hash_of_the_request_as_django_sees_it(settings):
    """Twelve parts, one a line: scheme, proxy scheme header, Host, X-Forwarded-Host, X-Forwarded-Port, server name
    and port, script name, path, query string, Accept (spaces folded), encoding."""
    empty = HttpRequest()  # no META at all: every part empty
    expected = "http" + "\n" * 11
    assert cache_key(empty, 7, False) == f"response:7:{hashlib.sha256(f'{expected}identity'.encode()).hexdigest()}"
    assert cache_key(empty, 8, True) == f"response:8:{hashlib.sha256(f'{expected}gzip'.encode()).hexdigest()}"
    environ = {
        "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "https",
        "HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "example.org", "HTTP_X_FORWARDED_HOST": "www.example.org",
        "HTTP_X_FORWARDED_PORT": "443", "SERVER_NAME": "backend", "SERVER_PORT": 8000, "SCRIPT_NAME": "/mount",
        "PATH_INFO": "/countries/xe/", "QUERY_STRING": "b=2&a=\udce9", "HTTP_ACCEPT": " text/html,\t application/json ",
    }  # fmt: skip
    request = WSGIRequest(environ)
    parts = b"https\n\nexample.org\n\n\nbackend\n8000\n/mount\n/countries/xe/\nb=2&a=\\udce9\n"
    parts += b"text/html, application/json\n"
    assert cache_key(request, 7, False) == f"response:7:{hashlib.sha256(parts + b'identity').hexdigest()}"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = settings.USE_X_FORWARDED_PORT = True
    assert cache_key(empty, 7, False) == f"response:7:{hashlib.sha256(f'{expected}identity'.encode()).hexdigest()}"
    parts = parts.replace(b"https\n\nexample.org\n\n\n", b"https\nhttps\nexample.org\nwww.example.org\n443\n")
    assert cache_key(request, 7, True) == f"response:7:{hashlib.sha256(parts + b'gzip').hexdigest()}"


def keys_of(variants, **extra):
    base = {"HTTP_HOST": "example.org", "HTTP_ACCEPT": "text/html", "QUERY_STRING": "a=1", **extra}
    factory = RequestFactory()
    keys = []
    for url, meta, gzipped in variants:
        request = factory.get(url, **{**base, **meta})
        keys.append(cache_key(request, 7, gzipped))
    return keys


def test_each_part_of_the_request_django_sees_makes_its_own_key(settings):
    variants = [
        ("/countries/xe/", {}, False),
        ("/countries/xe/", {}, True),  # gzip
        ("/countries/xe/laws/", {}, False),
        ("/countries/xe/", {"QUERY_STRING": "a=2"}, False),
        ("/countries/xe/", {"HTTP_ACCEPT": "text/csv"}, False),
        ("/countries/xe/", {"HTTP_HOST": "other.example.org"}, False),
        ("/countries/xe/", {"wsgi.url_scheme": "https"}, False),
        ("/countries/xe/", {"SERVER_NAME": "backend"}, False),
        ("/countries/xe/", {"SERVER_PORT": "8000"}, False),
        ("/countries/xe/", {"SCRIPT_NAME": "/mount"}, False),
    ]
    assert len(set(keys_of(variants))) == len(variants)
    # Whitespace in Accept is folded; proxy headers Django ignores are not part of the key (no cache busting).
    same = [
        ("/countries/xe/", {}, False),
        ("/countries/xe/", {"HTTP_ACCEPT": "  text/html\t"}, False),
        ("/countries/xe/", {"HTTP_X_FORWARDED_PROTO": "https"}, False),
        ("/countries/xe/", {"HTTP_X_FORWARDED_HOST": "evil.example.org"}, False),
        ("/countries/xe/", {"HTTP_X_FORWARDED_PORT": "8443"}, False),
    ]
    assert len(set(keys_of(same))) == 1
    assert keys_of([("/x/", {"HTTP_ACCEPT": "a, b"}, False)]) != keys_of([("/x/", {"HTTP_ACCEPT": "a,b"}, False)])
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = settings.USE_X_FORWARDED_PORT = True
    assert len(set(keys_of(same[:1] + same[2:]))) == 4  # now Django reads them: each its own key
    assert cache_key(RequestFactory().get("/x/"), 7, False).startswith("response:7:")


# ---------------------------------------------------------------- the middleware: stored, served, headers


def test_a_public_page_is_stored_then_served_from_the_cache(clock):
    reader = Client()
    miss = reader.get("/rules/page/")
    hit = reader.get("/rules/page/")
    assert RENDERED == ["/rules/page/"]
    assert (miss.status_code, miss["X-Cache"], hit.status_code, hit["X-Cache"]) == (200, "miss", 200, "hit")
    assert miss.content == hit.content == PAGE.encode()
    assert miss["Cache-Control"] == POLICY and miss["Vary"] == VARY
    assert miss["ETag"] == etag_of(PAGE.encode()) and miss["Last-Modified"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert miss["Content-Length"] == hit["Content-Length"] == str(len(PAGE.encode()))
    assert {k: v for k, v in hit.items() if k != "X-Cache"} == {k: v for k, v in miss.items() if k != "X-Cache"}


def test_head_is_served_from_the_cache_and_a_head_miss_stores_the_whole_answer(test_connection_kept):
    django_app = CountingApplication()
    head = wsgi_request(django_app, "/rules/page/", method="HEAD")
    assert head[0] == 200 and head[2] == b"" and head[1]["x-cache"] == "miss"
    assert head[1]["content-length"] == str(len(PAGE.encode()))  # the length of the GET's body
    get = wsgi_request(django_app, "/rules/page/")  # not Client(): it reconnects the connection-closing signals
    assert (get[1]["x-cache"], get[2], RENDERED) == ("hit", PAGE.encode(), ["/rules/page/"])
    again = wsgi_request(django_app, "/rules/page/", method="HEAD")
    assert again[1]["x-cache"] == "hit" and again[2] == b"" and again[1]["content-length"] == head[1]["content-length"]


def count_cache_calls(monkeypatch):
    """The cache operations made from now on, outermost only (locmem's get_many calls get)."""
    backend, calls, busy = caches["default"], [], []

    def counted(name, method):
        def wrapper(*args, **kwargs):
            if not busy:
                calls.append(name)
            busy.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                busy.pop()

        return wrapper

    for name in ("get", "get_many", "add", "set", "incr", "delete", "set_many", "get_or_set", "has_key"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return calls


def test_a_hit_costs_two_cache_reads(monkeypatch, test_connection_kept):
    """The generation with its stamp, then the answer: through the front and through the middleware."""
    front = CachedWSGIApplication(CountingApplication())
    wsgi_request(front, "/rules/page/")  # a miss: stored
    calls = count_cache_calls(monkeypatch)
    assert wsgi_request(front, "/rules/page/")[1]["x-cache"] == "hit"
    assert calls == ["get_many", "get"] and front.application.calls == 1
    calls.clear()
    assert Client().get("/rules/page/")["X-Cache"] == "hit"  # the same request to Django: the same entry
    assert calls == ["get_many", "get"]


def test_a_stored_answer_never_replays_the_date_it_was_made():
    reader = Client()
    assert reader.get("/rules/dated/")["Date"] == "Mon, 13 Nov 2023 10:00:00 GMT"
    hit = reader.get("/rules/dated/")
    assert hit["X-Cache"] == "hit" and "Date" not in hit


def test_requests_that_are_not_anonymous_reads_pass_untouched():
    cases = [
        ("POST", {}, {}),
        ("PUT", {}, {}),
        ("GET", {"HTTP_AUTHORIZATION": "Token abc"}, {}),
        ("GET", {}, {"sessionid": "abc"}),
        ("GET", {}, {"messages": "abc"}),
    ]
    for method, headers, cookies in cases:
        reader = Client()
        reader.cookies.load(cookies)
        for _ in range(2):
            response = reader.generic(method, "/rules/page/", **headers)
            assert response.status_code == 200, (method, headers, cookies)
            assert "X-Cache" not in response and response["Cache-Control"] == PRIVATE, (method, headers, cookies)
            assert "ETag" not in response and "Last-Modified" not in response, (method, headers, cookies)
    assert len(RENDERED) == 2 * len(cases)
    assert Client().get("/rules/page/")["X-Cache"] == "miss"  # none of them stored anything


def test_admin_and_static_paths_never_consult_the_cache(monkeypatch):
    looked_up = []
    monkeypatch.setattr(caches["default"], "get_many", lambda *args, **kwargs: looked_up.append(args) or {})
    for url in ("/admin/rules/", "/static/rules.css"):
        for _ in range(2):
            response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert "X-Cache" not in response and response["Cache-Control"] == PRIVATE, url
            assert "Content-Encoding" not in response, url
    assert looked_up == [] and len(RENDERED) == 4


@pytest.mark.parametrize(
    "url,cache_control",
    [
        ("/rules/cookie/", PRIVATE),
        ("/rules/raw-cookie/", PRIVATE),
        ("/rules/token/", PRIVATE),  # a CSRF token: its cookie is set
        ("/rules/never/", NEVER_CACHE),  # the view chose its own policy: kept
        ("/rules/missing/", PRIVATE),  # only a 200 is stored
        ("/rules/streamed/", PRIVATE),
    ],
)
def test_answers_that_are_not_for_everyone_are_neither_stored_nor_compressed(url, cache_control):
    reader = Client()
    for _ in range(2):
        response = reader.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert "X-Cache" not in response and response["Cache-Control"] == cache_control
        assert "Content-Encoding" not in response and "ETag" not in response and "Last-Modified" not in response
    assert RENDERED == [url, url]


def test_a_bump_retires_every_stored_answer():
    reader = Client()
    reader.get("/rules/page/")
    assert reader.get("/rules/page/")["X-Cache"] == "hit"
    bump_generation()
    assert reader.get("/rules/page/")["X-Cache"] == "miss" and len(RENDERED) == 2


def test_large_answers_are_public_but_not_stored(settings):
    settings.RESPONSE_CACHE_MAX_BYTES = 1_000
    for _ in range(2):
        response = Client().get("/rules/text/1001/")
        assert response["X-Cache"] == "miss" and response["Cache-Control"] == POLICY
    Client().get("/rules/text/1000/")
    assert Client().get("/rules/text/1000/")["X-Cache"] == "hit"  # at the limit: stored
    assert len(RENDERED) == 3


def shared_key(path, **params):
    """The key an answer to this request has (in whichever store holds it)."""
    return cache_key(RequestFactory().get(path, params), current_generation()[0], False)


def test_searches_are_stored_apart_and_a_flood_of_them_never_pushes_a_page_out(monkeypatch):
    searches = caches["searches"]
    monkeypatch.setattr(searches, "_max_entries", 20)  # SEARCH_CACHE_ENTRIES, small for the test
    Client().get("/rules/page/")
    Client().get("/search/rules/", {"q": "rally"})
    assert Client().get("/search/rules/", {"q": "rally"})["X-Cache"] == "hit"
    key = shared_key("/search/rules/", q="rally")
    assert searches.get(key) is not None and cache.get(key) is None  # in its own store, not the shared one
    for number in range(searches._max_entries * 2):  # more made-up queries than the store holds
        Client().get("/search/rules/", {"q": f"made-up {number}"})
    assert len(searches._cache) <= searches._max_entries
    assert Client().get("/rules/page/")["X-Cache"] == "hit"
    assert Client().get("/search/rules/", {"q": "rally"})["X-Cache"] == "miss"  # the oldest searches made room
    newest = {"q": f"made-up {searches._max_entries * 2 - 1}"}
    assert Client().get("/search/rules/", newest)["X-Cache"] == "hit"
    bump_generation()
    assert Client().get("/search/rules/", newest)["X-Cache"] == "miss"  # a change retires stored searches too


def test_a_search_under_a_script_prefix_is_still_a_search():
    mounted = RequestFactory().get("/search/rules/", SCRIPT_NAME="/mount")
    assert mounted.path == "/mount/search/rules/"
    assert is_search(mounted) and store_for(mounted) is caches["searches"]
    assert store_for(RequestFactory().get("/rules/page/", SCRIPT_NAME="/mount")) is cache


def test_a_search_larger_than_its_limit_is_not_stored(settings):
    settings.SEARCH_CACHE_MAX_BYTES = len(PAGE) - 1
    for _ in range(2):
        assert Client().get("/search/rules/", {"q": "rally"})["X-Cache"] == "miss"


def test_a_stored_answer_lives_response_cache_timeout_seconds(clock, settings):
    settings.RESPONSE_CACHE_TIMEOUT = 30
    Client().get("/rules/page/")
    clock.advance(29)
    assert Client().get("/rules/page/")["X-Cache"] == "hit"
    clock.advance(2)
    assert Client().get("/rules/page/")["X-Cache"] == "miss"


def test_the_switch_stops_lookups_and_stores_but_keeps_the_headers(settings):
    Client().get("/rules/page/")
    settings.RESPONSE_CACHE = False
    for _ in range(2):
        response = Client().get("/rules/page/")
        assert (response["X-Cache"], response["Cache-Control"]) == ("miss", POLICY)
        assert Client().get("/rules/text/300/")["X-Cache"] == "miss"
    settings.RESPONSE_CACHE = True
    assert Client().get("/rules/page/")["X-Cache"] == "hit"  # stored before the switch
    assert Client().get("/rules/text/300/")["X-Cache"] == "miss"  # nothing stored while off
    assert len(RENDERED) == 6


def test_a_cache_outage_answers_uncached_and_is_logged(monkeypatch, caplog):
    backend = caches["default"]

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(backend, "get_many", down)
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        response = Client().get("/rules/page/")
    assert response.status_code == 200 and response.content == PAGE.encode() and "X-Cache" not in response
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("core.cache", "ERROR", "Response cache unavailable")
    ]
    monkeypatch.undo()
    caplog.clear()
    monkeypatch.setattr(backend, "set", down)  # reads work, stores fail
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        for _ in range(2):
            response = Client().get("/rules/page/")
            assert (response.status_code, response["X-Cache"], response["Cache-Control"]) == (200, "miss", POLICY)
    assert [r.getMessage() for r in caplog.records] == ["Response cache unavailable"] * 2


def test_api_hits_count_against_the_api_rate_limit(settings):
    """A refused reader goes on to the view (which answers 429 in the API); here a plain view renders."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "9/min"}}
    outcomes = [Client().get("/api/rules/")["X-Cache"] for _ in range(4)]
    assert outcomes == ["miss", "hit", "hit", "miss"] and len(RENDERED) == 2
    assert [Client().get("/rules/page/")["X-Cache"] for _ in range(4)] == ["miss", "hit", "hit", "hit"]


# ---------------------------------------------------------------- 304s


def test_a_reader_holding_the_version_gets_a_304_with_no_body(clock):
    reader = Client()
    etag, date = etag_of(PAGE.encode()), "Tue, 14 Nov 2023 22:13:20 GMT"
    for attempt in ("miss", "hit"):  # nothing stored yet, then stored
        for headers in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": date}):
            response = reader.get("/rules/page/", **headers)
            assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag), (attempt, headers)
            assert response["Last-Modified"] == date
    assert RENDERED == ["/rules/page/"]
    for headers in ({"HTTP_IF_NONE_MATCH": '"0123"'}, {"HTTP_IF_MODIFIED_SINCE": "Tue, 14 Nov 2023 22:13:19 GMT"}):
        response = reader.get("/rules/page/", **headers)
        assert (response.status_code, response.content) == (200, PAGE.encode()), headers
    bump_generation()  # within the same second: Last-Modified still moves on
    response = reader.get("/rules/page/", HTTP_IF_MODIFIED_SINCE=date)
    assert response.status_code == 200 and response["Last-Modified"] == "Tue, 14 Nov 2023 22:13:21 GMT"


# ---------------------------------------------------------------- gzip


def test_text_above_the_threshold_is_gzipped_once_with_deterministic_bytes():
    reader = Client()
    plain = PAGE.encode()
    expected = gzip.compress(plain, compresslevel=6, mtime=0)
    first = reader.get("/rules/page/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = reader.get("/rules/page/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first.content == again.content == expected
    assert expected not in (gzip.compress(plain, compresslevel=level, mtime=0) for level in (5, 7, 9))
    assert (first["Content-Encoding"], first["X-Cache"], again["X-Cache"]) == ("gzip", "miss", "hit")
    assert first["Content-Length"] == again["Content-Length"] == str(len(expected))
    assert first["ETag"] == etag_of(expected) and first["Vary"] == VARY
    identity = reader.get("/rules/page/")  # its own entry
    assert (identity["X-Cache"], identity.content, identity.get("Content-Encoding")) == ("miss", plain, None)
    assert reader.get("/rules/page/", HTTP_ACCEPT_ENCODING="gzip")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "url,gzipped",
    [
        ("/rules/text/200/", True),  # the threshold: 200 bytes
        ("/rules/text/199/", False),
        ("/rules/png/", False),  # not text
        ("/rules/untyped/", False),
        ("/rules/encoded/", False),  # already encoded by the view
    ],
)
def test_only_text_of_200_bytes_or_more_is_gzipped(url, gzipped):
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = gzip.decompress(response.content) if gzipped else response.content
    assert response.get("Content-Encoding") == ("gzip" if gzipped else "br" if url == "/rules/encoded/" else None)
    assert response["Content-Length"] == str(len(response.content)) and response["X-Cache"] == "miss"
    assert len(body) == {"/rules/text/199/": 199, "/rules/text/200/": 200, "/rules/png/": 1024}.get(url, 1320)


def test_no_reader_who_did_not_ask_for_gzip_gets_it():
    for accept in ("", "deflate, br", "identity"):
        response = Client().get("/rules/page/", HTTP_ACCEPT_ENCODING=accept)
        assert "Content-Encoding" not in response and response.content == PAGE.encode(), accept
    response = Client().get("/rules/page/", HTTP_ACCEPT_ENCODING="br;q=1.0, gzip;q=0.8")
    assert response["Content-Encoding"] == "gzip"
    assert (
        Client()
        .get("/rules/page/", HTTP_AUTHORIZATION="Token abc", HTTP_ACCEPT_ENCODING="gzip")
        .get("Content-Encoding")
        is None
    )  # never a token's answer


# ---------------------------------------------------------------- the fronts


def test_the_wsgi_front_sends_a_stored_answer_as_it_is(test_connection_kept):
    django_app = CountingApplication()
    front = CachedWSGIApplication(django_app)
    _, miss_headers, miss_body = wsgi_request(front, "/rules/page/", GZIP)
    sent = []
    status, headers, body = wsgi_request(front, "/rules/page/", GZIP, sent=sent)
    assert (status, body, django_app.calls) == (200, miss_body, 1) and sent[0][0] == "200 OK"
    names = [name.lower() for name, _ in sent[0][1]]
    assert names.count("content-length") == 1 and names.count("x-cache") == 1
    assert headers["content-length"] == str(len(body)) and headers["x-cache"] == "hit"
    assert headers["content-encoding"] == "gzip" and headers["etag"] == etag_of(body) and headers["vary"] == VARY
    assert {k: v for k, v in headers.items() if k != "x-cache"} == {
        k: v for k, v in miss_headers.items() if k != "x-cache"
    }
    assert wsgi_request(front, "/rules/page/")[1]["x-cache"] == "miss"  # another encoding: another entry
    assert django_app.calls == 2


def test_the_wsgi_front_leaves_everything_else_to_django(test_connection_kept, settings):
    django_app = CountingApplication()
    front = CachedWSGIApplication(django_app)
    for url in ("/rules/page/", "/api/rules/", "/search/rules/"):
        wsgi_request(front, url)
    stored = wsgi_request(front, "/rules/page/")[1]
    assert stored["x-cache"] == "hit" and django_app.calls == 3
    others = [
        ("/rules/page/", (), "HEAD"),
        ("/rules/page/", (), "POST"),
        ("/rules/page/", (("cookie", "sessionid=abc"),), "GET"),
        ("/rules/page/", (("authorization", "Token abc"),), "GET"),
        ("/rules/page/", (("if-none-match", stored["etag"]),), "GET"),
        ("/rules/page/", (("if-modified-since", stored["last-modified"]),), "GET"),
        ("/rules/page/", (("if-match", stored["etag"]),), "GET"),
        ("/rules/page/", (("if-unmodified-since", stored["last-modified"]),), "GET"),
        ("/api/rules/", (), "GET"),  # throttled: the middleware counts the hit
        ("/search/rules/", (), "GET"),
    ]
    for url, headers, method in others:
        wsgi_request(front, url, headers, method=method)
    assert django_app.calls == 3 + len(others)
    settings.RESPONSE_CACHE = False
    wsgi_request(front, "/rules/page/")
    assert django_app.calls == 4 + len(others)


def test_the_asgi_front_sends_a_stored_answer_and_leaves_the_rest_to_django(test_connection_kept):
    django_app = CountingApplication()
    front = make_front(django_app)
    status, miss_headers, miss_body = asgi_request(front, "/rules/page/", headers=GZIP)
    status, headers, body = asgi_request(front, "/rules/page/", headers=GZIP)
    assert (status, headers["x-cache"], django_app.calls, body) == (200, "hit", 1, miss_body)
    assert headers["content-length"] == str(len(body)) and headers["etag"] == etag_of(body)
    assert {k: v for k, v in headers.items() if k != "x-cache"} == {
        k: v for k, v in miss_headers.items() if k != "x-cache"
    }
    status, headers, body = asgi_request(front, "/rules/page/", method="HEAD", headers=GZIP)
    assert (status, headers["x-cache"], body, django_app.calls) == (200, "hit", b"", 2)
    status, headers, body = asgi_request(front, "/rules/page/", method="POST", headers=GZIP)
    assert (status, headers["cache-control"], django_app.calls) == (403, PRIVATE, 3)  # no CSRF token
