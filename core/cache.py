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
import logging
import re
import time
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

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
    directory, except simple-history's historical copies (a change to one is a change to its record)."""
    root = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if not str(config.path).startswith(root):
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
    """A request whose answer is the same for every reader: nobody signed in, nothing personal attached."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(tuple(settings.RESPONSE_CACHE_PRIVATE_PATHS))
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
    accept = " ".join(request.headers.get("Accept", "").split())
    raw = "\n".join(
        (request.scheme, request.get_host(), request.get_full_path(), accept, "gzip" if gzipped else "identity")
    )
    return f"response:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


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
            entry = cache.get(key) if settings.RESPONSE_CACHE else None
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
                    cache.set(key, freeze(response), settings.RESPONSE_CACHE_TIMEOUT)
                except Exception:
                    logger.exception("Response cache unavailable")
            response["X-Cache"] = "miss"
        return self.conditional(request, response)

    @staticmethod
    def throttled(request):
        """Whether the API's throttles refuse this reader. A hit counts against the API's rates like a rendered
        answer; a refused one goes on to the view, which answers the 429 in the API's own words."""
        if not request.path.startswith(tuple(settings.RESPONSE_CACHE_THROTTLED_PATHS)):
            return False
        from django.contrib.auth.models import AnonymousUser
        from rest_framework.settings import api_settings

        reader = SimpleNamespace(user=AnonymousUser(), META=request.META)  # all a throttle reads of a request
        allowed = [throttle().allow_request(reader, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]
        return not all(allowed)

    @staticmethod
    def storable(request, response):
        return len(response.content) <= settings.RESPONSE_CACHE_MAX_BYTES and not request.path.startswith(
            tuple(settings.RESPONSE_CACHE_UNSTORED_PATHS)
        )

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
