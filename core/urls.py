"""`reverse()` remembered: a record's URL is reversed once per process, not once per appearance.

A country profile names about a thousand records (each with its API URL and its web page); Django's `reverse()`
costs tens of microseconds each. The result depends only on the URL name, its arguments, the URLconf and the
script prefix, all part of the key, so a remembered answer is always the one `reverse()` would give. While a
view answers, those two are read once for the request (`UrlScopeMiddleware`), not once per URL.
"""

from contextvars import ContextVar
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@lru_cache(maxsize=16384)
def _reverse(viewname, kwargs, urlconf, prefix):
    return django_reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs) if kwargs else None)


# The URLconf and script prefix of the request being answered, read once when its view is called (see
# UrlScopeMiddleware). Django keeps both in asgiref Locals, whose every read costs about a microsecond: two
# reads per URL were a tenth of a country profile's serialization.
_request_scope = ContextVar("url_scope", default=None)


def reverse(viewname, kwargs=None):
    """`django.urls.reverse(viewname, kwargs=...)`, remembered."""
    if not kwargs:
        items = ()
    elif len(kwargs) == 1:  # most URLs: a record's key alone
        ((name, value),) = kwargs.items()
        items = ((name, str(value)),)
    else:
        items = tuple(sorted((name, str(value)) for name, value in kwargs.items()))
    urlconf, prefix = _request_scope.get() or (get_urlconf(), get_script_prefix())
    return _reverse(viewname, items, urlconf, prefix)


class UrlScopeMiddleware:
    """Read the request's URLconf and script prefix once, for every `reverse()` while it is answered.

    Both are settled when the view is called (Django sets the URLconf a middleware may have chosen just before
    `process_view`), and nothing changes them until the response is out: the scope starts there and ends when
    this middleware hands the response back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        previous = _request_scope.get()
        try:
            return self.get_response(request)
        finally:
            _request_scope.set(previous)  # not a token's reset: Django's ASGI handler may call us in another context

    def process_view(self, request, view_func, view_args, view_kwargs):
        _request_scope.set((get_urlconf(), get_script_prefix()))


@receiver(setting_changed)
def forget_on_urlconf_change(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()
