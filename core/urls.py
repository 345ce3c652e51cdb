"""`reverse()` remembered: a record's URL is reversed once per process, not once per appearance.

A country profile names about a thousand records (each with its API URL and its web page); Django's `reverse()`
costs tens of microseconds each. The result depends only on the URL name, its arguments, the URLconf and the
script prefix, all part of the key, so a remembered answer is always the one `reverse()` would give.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@lru_cache(maxsize=16384)
def _reverse(viewname, kwargs, urlconf, prefix):
    return django_reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs) if kwargs else None)


def reverse(viewname, kwargs=None):
    """`django.urls.reverse(viewname, kwargs=...)`, remembered."""
    items = tuple(sorted((name, str(value)) for name, value in kwargs.items())) if kwargs else ()
    return _reverse(viewname, items, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def forget_on_urlconf_change(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()
