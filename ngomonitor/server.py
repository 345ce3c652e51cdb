"""The production server's worker: uvicorn's worker for gunicorn (`gunicorn.conf.py`), serving `ngomonitor.asgi`.

Why uvicorn workers rather than gunicorn's sync ones: they keep connections alive and parse HTTP in C, so a
cached page (answered on the event loop by the response cache's front) costs a fraction of what a sync worker
spends on accepting and closing a connection per request; uncached pages run Django's WSGI application in one
thread per worker, as a sync worker does (bench/results.md, README "Performance").

- `lifespan` off: Django has no start-up or shut-down events to run.
- `proxy_headers` off: which proxy header to trust (scheme, client address) is Django's settings' decision
  (SECURE_PROXY_SSL_HEADER, CLIENT_IP_HEADER), not the server's, which would otherwise take X-Forwarded-For
  and X-Forwarded-Proto from any local peer.
- no `Server` header: it tells an attacker which software to aim at.
- `UV_TCP_SINGLE_ACCEPT`: libuv (under uvloop) otherwise accepts every waiting connection at once, so the worker
  that wakes first takes a whole burst of keep-alive connections while the other idles; one at a time, the
  workers share them (uncached profile under wrk: 19-20 req/s before, 22 after, same run).
"""

import gc
import inspect
import os

from uvicorn_worker import UvicornWorker

# A request's first allocations trigger a collection every 700 new objects (Python's default); an uncached
# country profile builds some 1,700 model instances and 10,000 field values, so a worker ran dozens of
# collections per request, each also walking the hundred thousand objects Django and the apps hold for
# the process's life. Fewer, larger young collections cost less; the long-lived objects are frozen below.
GC_THRESHOLDS = (50_000, 50, 100)

os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")  # read by each worker's libuv at its first accept


class Worker(UvicornWorker):
    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "lifespan": "off", "proxy_headers": False, "server_header": False}

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = asgi_application(self.wsgi, self.log)


def asgi_application(application, log):
    """The application an ASGI worker can serve: `gunicorn ngomonitor.wsgi` (the WSGI entry point, named on the
    command line over gunicorn.conf.py's `wsgi_app`) handed this worker a WSGI callable, and every request was a
    500 (a TypeError in the worker). The site's ASGI front serves the same project and cache, so it takes over."""
    if inspect.iscoroutinefunction(application) or inspect.iscoroutinefunction(type(application).__call__):
        return application
    from ngomonitor.asgi import application as asgi

    log.warning("%r is a WSGI application; this ASGI worker serves ngomonitor.asgi:application instead", application)
    return asgi


def tune_gc():
    """Called once a worker has loaded the application (gunicorn.conf.py, `post_worker_init`).

    `gc.freeze()` moves everything loaded so far (Django, settings, the apps' models and the middleware, some
    90,000 objects) to a generation the collector never walks again: they live as long as the worker, so
    walking them finds nothing. What the first requests load later (URL patterns, templates) stays collectable.
    Measured in one process on the API profile's ORM, serializers and JSON, uncached: 141 ms with Python's
    defaults, 111 ms with these (README, "Performance").
    """
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
