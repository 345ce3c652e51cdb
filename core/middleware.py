"""Middleware every response passes through: the security headers Django has no setting for, and a clear
503 instead of a 500 when the database is unreachable."""

import logging

import django.middleware.common
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.utils.http import escape_leading_slashes
from django.views.generic import RedirectView

from .filters import COUNTRY_CODE
from .urls import reverse

logger = logging.getLogger(__name__)

OUTAGE_MESSAGE = "The database is unreachable for the moment. Please try again in a minute."


class CommonMiddleware(django.middleware.common.CommonMiddleware):
    """Django's, except that a write to an address without its final slash (`POST /api/v1/laws`) is redirected
    with 308, which keeps the method and the body. Django answered 301, which clients repeat as a GET: the
    write was lost without a word (and with DEBUG on, Django raised an error instead)."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_request(self, request):
        return self.keep_the_method(request, super().process_request(request))

    def process_response(self, request, response):
        redirect = super().process_response(request, response)
        return response if redirect is response else self.keep_the_method(request, redirect)

    def keep_the_method(self, request, redirect):
        if redirect is not None and request.method not in self.SAFE_METHODS and redirect.status_code == 301:
            redirect.status_code = 308
        return redirect


class SecurityHeadersMiddleware:
    """Permissions-Policy (Django sets the others from settings: X-Frame-Options, nosniff, Referrer-Policy,
    Cross-Origin-Opener-Policy; django-csp sets Content-Security-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def database_answers():
    """Whether the database answers a trivial query right now."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def is_outage(exc):
    """A lost or refused database connection, as opposed to a bug in a query (which stays a 500): the error is
    a connection-level one and the database does not answer even `SELECT 1`."""
    return isinstance(exc, OperationalError | InterfaceError) and not database_answers()


API_PREFIX = "/api/"


def error_response(request, status, detail, template, context=None):
    """An error in the reader's terms: `{"detail": ...}` in JSON under the API, the styled page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=status)
    return HttpResponse(loader.render_to_string(template, context), status=status)


def method_not_allowed(request, methods):
    """The site's own 405: what the page takes, in words and in `Allow`."""
    response = error_response(
        request, 405, f"This address does not take {request.method}: it answers {', '.join(methods)}.", "405.html",
        {"method": request.method, "methods": ", ".join(methods)},
    )  # fmt: skip
    response["Allow"] = ", ".join(methods)
    return response


class MethodNotAllowedPageMiddleware:
    """A page's 405 is the site's own page with its `Allow`, as `core.views.csrf_failure` gives when the CSRF check
    comes first: Django's views answer a method they do not take with an empty body (a POST that carries a valid
    token, from an editor's browser, reached the view and got a blank page). The API answers its own, in JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content or request.path.startswith(API_PREFIX):
            return response
        methods = [method.strip() for method in response.get("Allow", "").split(",") if method.strip()]
        return method_not_allowed(request, methods)


def outage_response(request):
    response = error_response(request, 503, OUTAGE_MESSAGE, "503.html", {"message": OUTAGE_MESSAGE})
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """While the database is down, pages answer a styled 503 and the API a JSON 503 (never a 500 with a
    traceback), with Retry-After. Django reconnects on the next request (`CONN_HEALTH_CHECKS`), so the site
    recovers by itself when the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        logger.error("Database unreachable on %s: %s", request.path, exception)
        return outage_response(request)


class RejectNulBytesMiddleware:
    """A NUL byte in the path is never meaningful here, and PostgreSQL refuses it in a query (a 500 if it
    reached one): no page has such an address. (In parameters, the forms' and filters' own validation refuses
    it with a message naming the parameter.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": "No such API endpoint: the address contains a NUL byte."}, status=404)
            raise Http404("No such page.")
        return self.get_response(request)


def redirect_target(view_func, view_name):
    """The page a view stands for: a `RedirectView`'s target by name, so that a guessed address
    (`/countries/kazakhstan/constitution/`) takes one hop to its page, not one to the code's address and a second to
    the page; any other view stands for itself."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None and issubclass(view_class, RedirectView):
        return view_func.view_initkwargs.get("pattern_name") or view_class.pattern_name or view_name
    return view_name


class CountryAddressMiddleware:
    """Base of the redirects (301) of a country's pages to their one address, `/countries/<code in lower case>/`,
    from another way of naming the country (`canonical_code`). Pages only, read only: the API keeps accepting codes
    in any case, a client's request is not a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def canonical_code(self, code):
        """The code of the page's one address, in lower case, or None to leave the request alone."""
        raise NotImplementedError

    def process_view(self, request, view_func, view_args, view_kwargs):
        code = view_kwargs.get("code")
        match = request.resolver_match
        if not isinstance(code, str) or request.method not in ("GET", "HEAD"):
            return None
        if match is None or "api" in match.namespaces:
            return None
        canonical = self.canonical_code(code)
        if canonical is None:
            return None
        path = reverse(redirect_target(view_func, match.view_name), kwargs={**view_kwargs, "code": canonical})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)


class LowerCaseCodeMiddleware(CountryAddressMiddleware):
    """A page whose URL holds a country code in capitals (`/countries/KZ/laws/`) redirects to its one address in
    lower case, the form every link uses: the same page at several addresses splits what search engines and
    readers' bookmarks hold."""

    def canonical_code(self, code):
        # only what could be a country code (ISO 3166 alpha-2): anything else is the view's own 404
        return code.lower() if COUNTRY_CODE.fullmatch(code) and code != code.lower() else None
