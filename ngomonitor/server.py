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
import os
import socket

from uvicorn_worker import UvicornWorker

# A request's first allocations trigger a collection every 700 new objects (Python's default); an uncached
# country profile builds some 1,700 model instances and 10,000 field values, so a worker ran dozens of
# collections per request, each also walking the hundred thousand objects Django and the apps hold for
# the process's life. Fewer, larger young collections cost less; the long-lived objects are frozen below.
GC_THRESHOLDS = (50_000, 50, 100)

os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")  # read by each worker's libuv at its first accept


class Worker(UvicornWorker):
    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "lifespan": "off", "proxy_headers": False, "server_header": False}

    def run(self):
        self.sockets = [*self.sockets, *own_listeners(self.sockets, self.cfg.backlog, self.log)]
        return super().run()


def own_listeners(shared, backlog, log):
    """A listening socket of this worker's own beside each shared TCP one, on the same address (`SO_REUSEPORT`).

    Why: every worker waits on the socket gunicorn's master opened, and a connection goes to whichever accepts
    first. Kept-alive connections stay where they land, so a burst of them (a proxy's upstream pool, a benchmark's
    16) could all go to one worker while the other idled: the uncached profile served 28 req/s in such runs
    against 44-55. With `reuse_port` (gunicorn.conf.py) the kernel spreads new connections over every socket bound
    to the port, by their addresses, and most of them are now one worker's own. The master's socket keeps its share
    (every worker still accepts on it: the master holds it to start new workers, and a socket nobody accepted on
    would leave its connections waiting). A socket that cannot be made is logged and skipped: the shared one still
    serves.
    """
    own = []
    for listener in shared:
        sock = getattr(listener, "sock", listener)  # gunicorn wraps its sockets
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or not sock.getsockopt(
            socket.SOL_SOCKET, socket.SO_REUSEPORT
        ):
            continue
        mine = socket.socket(sock.family, socket.SOCK_STREAM)
        try:
            mine.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            mine.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            mine.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if sock.family == socket.AF_INET6:
                v6only = sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)
                mine.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
            mine.bind(sock.getsockname())
            mine.listen(backlog)
            mine.setblocking(False)
        except OSError as exc:
            mine.close()
            log.warning("worker %s: no listening socket of its own on %s (%s)", os.getpid(), sock.getsockname(), exc)
            continue
        own.append(mine)
    return own


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
