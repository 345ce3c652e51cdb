"""The response cache: anonymous public responses stored whole (compressed), keyed by a content generation.

One number, the *content generation*, lives in the cache (`GENERATION_KEY`). Every response cache key holds it,
so bumping it retires every stored response at once: a reader never sees a page older than the last change.
`bump_generation()` is the one place that changes it; it runs

- on every save, delete and many-to-many change of a model of the project's own apps (connected per model in
  `connect_signals()`, called from `CoreConfig.ready()`): editors' admin and API writes, publish/unpublish,
  reverts, fixture loads (raw saves: at commit);
- explicitly where the code writes around the signals: `QuerySet.update()`, `bulk_create`, the search index
  rebuild, `load_fixtures`.

A write inside a transaction bumps at once *and* again when the transaction commits: a request that read the
generation in between rendered from the old rows, and its entry is retired by the second bump.

`ResponseCacheMiddleware` serves GET/HEAD requests of readers with no session, no messages cookie and no
`Authorization` header from the cache; anything else passes through untouched and is marked
`Cache-Control: private, no-store`. A response is stored only if it is a 200 that sets no cookie, used no CSRF
token and chose no caching policy itself (admin and login pages are `never_cache`). Stored responses carry a
strong `ETag` (hash of the bytes sent), `Last-Modified` (the time of the last bump), `Cache-Control: public`
and `Vary`; conditional requests get a 304. Text bodies are gzipped once, before they are stored, and only
these public responses are ever compressed (no secret, no CSRF token: nothing for BREACH to recover).
"""

import gzip
import hashlib
import io
import logging
import re
import time
from http import HTTPStatus
from pathlib import Path
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .asgi import WSGIInThread, build_environ, send_whole

logger = logging.getLogger(__name__)

GENERATION_KEY = "content:generation"
STAMP_KEY = "content:generation-time"  # when the generation last changed (seconds): the Last-Modified
VARY = ("Accept", "Accept-Encoding", "Cookie", "Authorization")
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript|[\w.+-]*\+(json|xml)))", re.IGNORECASE)
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESS_BYTES = 200
# Headers a stored response must not replay: set per request by the server or by outer middleware.
UNSTORED_HEADERS = {"date", "set-cookie", "content-length"}


# ---------------------------------------------------------------- the content generation


def current_generation():
    """(generation, time of its last change in whole seconds), creating both on first use.

    A missing generation (first start, flushed or evicted cache) starts from the clock, never from a number
    that stored entries may already carry.
    """
    values = cache.get_many([GENERATION_KEY, STAMP_KEY])
    generation, stamp = values.get(GENERATION_KEY), values.get(STAMP_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        generation = cache.get(GENERATION_KEY)
    if stamp is None:
        stamp = int(time.time())
        cache.add(STAMP_KEY, stamp, None)
    return generation, stamp


def bump_generation():
    """Retire every stored response: published content may have changed."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one from the clock
        if not cache.add(GENERATION_KEY, time.time_ns() // 1000, None):
            cache.incr(GENERATION_KEY)
    # Strictly increasing whole seconds, so two versions never share a Last-Modified (If-Modified-Since is
    # answered by it); it runs ahead of the clock only while bumps come faster than one a second.
    previous = cache.get(STAMP_KEY) or 0
    cache.set(STAMP_KEY, max(int(time.time()), previous + 1), None)


def _bump_scheduled(connection):
    current = set(connection.savepoint_ids)
    return any(entry[0] == current and entry[1] is bump_generation for entry in connection.run_on_commit)


def content_changed(sender=None, raw=False, using=None, action=None, **kwargs):
    """Signal receiver for saves, deletes and many-to-many changes of the project's models."""
    if action is None or action.startswith("post_"):
        invalidate(using=using, raw=raw)


def invalidate(using=None, raw=False):
    """Published content may have changed: bump now (unless loading raw fixture rows, which bump at commit) and,
    inside a transaction, once more when it commits. Call it after any write that sends no model signal
    (`QuerySet.update()`, `bulk_create`)."""
    if not raw:
        bump_generation()
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block:
        if raw:
            bump_generation()
    elif not _bump_scheduled(connection):
        transaction.on_commit(bump_generation, using=using)


def project_models():
    """Every model (auto-created many-to-many tables included) of the apps that live in this project's
    directory, except simple-history's historical copies (a change to one is a change to its record).

    The project's apps are the folders right under BASE_DIR: a virtualenv inside the project's folder (`make
    install`'s .venv) holds Django's and the libraries' apps too, whose writes (users, sessions, login attempts)
    show on no public page and must not retire the cache. An app folder may be a link to elsewhere: its own path
    counts, as does the path it resolves to."""
    root = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != root and path.resolve().parent != root.resolve():
            continue
        for model in config.get_models(include_auto_created=True):
            if hasattr(model, "instance_type") and model.__name__.startswith("Historical"):
                continue
            if getattr(model, "invalidates_responses", True):
                yield model


def connect_signals():
    for model in project_models():
        uid = f"response-cache:{model._meta.label}"
        post_save.connect(content_changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, weak=False, dispatch_uid=uid)
        m2m_changed.connect(content_changed, sender=model, weak=False, dispatch_uid=uid)


# ---------------------------------------------------------------- the middleware


def public_request(request):
    """A request whose answer is the same for every reader: nobody signed in, nothing personal attached. Static
    files are left to WhiteNoise, which serves them with their own validators: no cache lookup for them."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path_info.startswith((*settings.RESPONSE_CACHE_PRIVATE_PATHS, settings.STATIC_URL))
    )


def public_response(request, response):
    """A response fit for anyone: a complete 200 that sets no cookie, holds no CSRF token and left the caching
    policy to us (admin and login pages set their own `never_cache`)."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        and not response.has_header("Set-Cookie")
    )


def cache_key(request, generation, gzipped):
    """The key of a request's stored answer, from the request as the server passed it (`request.META`, the
    scheme before any proxy header), so that the front (`front_lookup`) finds it before the middleware runs.

    Raw values only: every header that can change the scheme or host Django sees is part of the key, so two
    requests share a key only if Django sees the same request (a difference costs a miss, never serves one
    reader another's answer).
    """
    meta = request.META
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    parts = (
        request._get_scheme(),  # noqa: SLF001 - the server's scheme (WSGI environ or ASGI scope), before proxies
        meta.get(proxy_header, "") if proxy_header else "",
        meta.get("HTTP_HOST", ""),
        meta.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else "",
        meta.get("HTTP_X_FORWARDED_PORT", "") if settings.USE_X_FORWARDED_PORT else "",
        meta.get("SERVER_NAME", ""),
        str(meta.get("SERVER_PORT", "")),
        meta.get("SCRIPT_NAME", ""),
        meta.get("PATH_INFO", ""),
        meta.get("QUERY_STRING", ""),
        " ".join(meta.get("HTTP_ACCEPT", "").split()),
        "gzip" if gzipped else "identity",
    )
    raw = "\n".join(parts).encode("utf-8", "backslashreplace")
    return f"response:{generation}:{hashlib.sha256(raw).hexdigest()}"


def compress(request, response):
    """Gzip a text body once (deterministic bytes: the same page always has the same ETag)."""
    content_type = response.get("Content-Type", "")
    if (
        not ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
        or response.has_header("Content-Encoding")
        or not COMPRESSIBLE.match(content_type)
        or len(response.content) < MIN_COMPRESS_BYTES
    ):
        return False
    response.content = gzip.compress(response.content, compresslevel=6, mtime=0)
    response["Content-Encoding"] = "gzip"
    return True


def is_search(request):
    return request.path_info.startswith(tuple(settings.RESPONSE_CACHE_SEARCH_PATHS))


def store_for(request):
    """Where a request's answer is stored: readers' searches apart from everything else.

    Anyone can ask for any number of different searches; stored beside the pages, a flood of made-up queries
    would push the pages out of the shared cache. So each server process keeps its own few hundred most recent
    searches (`CACHES["searches"]`: `SEARCH_CACHE_ENTRIES`, each at most `SEARCH_CACHE_MAX_BYTES`), keyed like
    any other answer by the shared content generation, so a change retires them in every process at once.
    """
    return caches["searches"] if is_search(request) else cache


def cache_control():
    return f"public, max-age={settings.CACHE_MAX_AGE}, stale-while-revalidate={settings.CACHE_STALE_WHILE_REVALIDATE}"


def make_public(request, response, stamp):
    compress(request, response)
    response["Content-Length"] = str(len(response.content))
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    response["Last-Modified"] = http_date(stamp)
    response["Cache-Control"] = cache_control()
    patch_vary_headers(response, VARY)


def freeze(response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
    return (response.status_code, headers, response.content)


def thaw(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    return response


class ResponseCacheMiddleware:
    """Serve public responses from the cache; see the module's docstring. Place it above the session, CSRF and
    auth middleware (it must see the cookies they set) and below SecurityMiddleware and WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not public_request(request):
            return self.private(self.get_response(request))
        try:
            generation, stamp = current_generation()
            gzipped = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
            key = cache_key(request, generation, gzipped)
            store = store_for(request)
            entry = store.get(key) if settings.RESPONSE_CACHE else None
        except Exception:  # the cache is down: answer uncached rather than not at all
            logger.exception("Response cache unavailable")
            return self.get_response(request)
        if entry is not None and not self.throttled(request):
            response = thaw(entry)
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not public_response(request, response):
                return self.private(response)
            make_public(request, response, stamp)
            if settings.RESPONSE_CACHE and self.storable(request, response):
                try:
                    store.set(key, freeze(response), settings.RESPONSE_CACHE_TIMEOUT)
                except Exception:
                    logger.exception("Response cache unavailable")
            response["X-Cache"] = "miss"
        return self.conditional(request, response)

    @staticmethod
    def throttled(request):
        """Whether the API's throttles refuse this reader. A hit counts against the API's rates like a rendered
        answer; a refused one goes on to the view, which answers the 429 in the API's own words."""
        if not request.path_info.startswith(tuple(settings.RESPONSE_CACHE_THROTTLED_PATHS)):
            return False
        from django.contrib.auth.models import AnonymousUser
        from rest_framework.settings import api_settings

        reader = SimpleNamespace(user=AnonymousUser(), META=request.META)  # all a throttle reads of a request
        allowed = [throttle().allow_request(reader, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]
        return not all(allowed)

    @staticmethod
    def storable(request, response):
        limit = settings.SEARCH_CACHE_MAX_BYTES if is_search(request) else settings.RESPONSE_CACHE_MAX_BYTES
        return len(response.content) <= limit

    @staticmethod
    def private(response):
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def conditional(request, response):
        """304 for a reader who already holds this version (If-None-Match, else If-Modified-Since)."""
        last_modified = parse_http_date_safe(response["Last-Modified"])
        answer = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        if answer is not response:
            return answer
        if request.method == "HEAD":
            length = response["Content-Length"]
            response.content = b""
            response["Content-Length"] = length
        return response


# ---------------------------------------------------------------- the front


CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


def front_skipped_paths():
    """Paths the front never answers: private, throttled (the API counts every answer against its rates) and
    readers' own searches (stored apart, see `store_for`). Read at request time: tests override the settings."""
    return (
        *settings.RESPONSE_CACHE_PRIVATE_PATHS,
        *settings.RESPONSE_CACHE_THROTTLED_PATHS,
        *settings.RESPONSE_CACHE_SEARCH_PATHS,
    )


def front_lookup(request):
    """The stored answer that the front may send for this request as it is, or None (then Django answers).

    Only an anonymous, unconditional GET of a public path that is neither throttled nor a search: the answers
    whose middleware hit would be the stored entry untouched. A cache outage is a miss here; the middleware
    reports it.
    """
    try:
        if not (
            settings.RESPONSE_CACHE
            and request.method == "GET"
            and public_request(request)
            and not any(header in request.META for header in CONDITIONAL_HEADERS)
            and not request.path_info.startswith(front_skipped_paths())
        ):
            return None
        generation, _ = current_generation()
        gzipped = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        return cache.get(cache_key(request, generation, gzipped))
    except Exception:  # noqa: BLE001 - any doubt (a hostile request, the cache down): let Django answer
        return None


def front_headers(entry):
    status, headers, content = entry
    return status, [*headers, ("Content-Length", str(len(content))), ("X-Cache", "hit")], content


class CachedASGIApplication:
    """The production application (`ngomonitor/asgi.py`, gunicorn with uvicorn workers): Django's WSGI
    application run in one thread per process (`core.asgi.WSGIInThread`), with the plainest cache hits
    answered on the event loop, in front of it.

    A hit through the middleware still pays for Django's request, the middleware chain, the request signals
    and a thread switch: most of what a hit costs. The front builds the environ the thread would get and the
    request Django would build from it (so `public_request` and `cache_key` read exactly what the middleware
    reads) and, for an answer `front_lookup` finds, sends the stored status, headers and bytes: what the
    middleware's hit sends, since the middleware is the outermost one and a stored answer carries every other
    middleware's headers. Everything else goes to Django.
    """

    def __init__(self, wsgi_application):
        self.application = WSGIInThread(wsgi_application)

    async def __call__(self, scope, receive, send):
        entry = None
        if scope["type"] == "http" and scope.get("method") == "GET":
            try:
                request = WSGIRequest(build_environ(scope, io.BytesIO()))
            except Exception:  # noqa: BLE001 - a request Django would refuse: let Django refuse it
                request = None
            entry = front_lookup(request) if request is not None else None
        if entry is None:
            return await self.application(scope, receive, send)
        await send_whole(send, *front_headers(entry))


class CachedWSGIApplication:
    """The same front for a WSGI server (`ngomonitor/wsgi.py`)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        entry = front_lookup(WSGIRequest(environ)) if environ.get("REQUEST_METHOD") == "GET" else None
        if entry is None:
            return self.application(environ, start_response)
        status, headers, content = front_headers(entry)
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [content]
