"""Reads from a PostgreSQL read replica, writes to the primary (README, "Scaling out").

With `DATABASE_REPLICA_URL` set, settings define the `replica` alias and turn `READ_REPLICA` on; the router then
sends reads to `replica` and everything else to `default`:

- writes, relations and migrations always go to `default` (the replica is a copy the primary streams to);
- a read inside a transaction on `default` stays on `default` (it must see the transaction's own writes);
- a request that may write (any method but GET, HEAD, OPTIONS) or that is under the admin is pinned to
  `default` for its whole duration by `PrimaryForWritesMiddleware`, so an editor always reads what they just
  saved, whatever the replica's lag.

Without a replica (`READ_REPLICA` off) every query goes to `default`, as if there were no router.
"""

import functools
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

_pinned = ContextVar("db_router_pinned_to_primary", default=False)


@functools.cache
def replica_enabled():
    """Read once, not per query (two reads of Django's lazy settings each, for every query a page runs); forgotten
    when a test changes either setting."""
    return bool(getattr(settings, "READ_REPLICA", False)) and REPLICA in settings.DATABASES


@receiver(setting_changed)
def forget_replica_setting(setting, **kwargs):
    if setting in ("READ_REPLICA", "DATABASES"):
        replica_enabled.cache_clear()


class pin_to_primary:
    """`with pin_to_primary():` every read inside goes to the primary."""

    def __enter__(self):
        self._token = _pinned.set(True)

    def __exit__(self, *exc):
        _pinned.reset(self._token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_enabled() or _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryForWritesMiddleware:
    """Pins a request that may write, or any admin request, to the primary for its whole duration."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}/"

    def __call__(self, request):
        if request.method in SAFE_METHODS and not request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        with pin_to_primary():
            return self.get_response(request)
