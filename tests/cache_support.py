"""Helpers shared by the response cache's tests: requests through the production fronts (`core.cache`'s
`CachedASGIApplication` and `CachedWSGIApplication`) over a Django that counts the requests reaching it."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory

from core.cache import CachedASGIApplication


class CountingApplication:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.application = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.application(environ, start_response)


def make_front(counting):
    """The production application over a counting Django. Django runs in the test's own thread (asgiref's
    thread-sensitive mode, with the loop in another thread), where the test's database transaction is."""
    application = CachedASGIApplication(counting)
    application.application.call = sync_to_async(application.application.run)
    return application


def asgi_request(application, path, method="GET", query=b"", headers=(), body_parts=(b"",)):
    """One request through an ASGI application, as uvicorn sends it: (status, headers, body)."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
        "headers": [(b"host", b"testserver"), *((name.encode(), value.encode()) for name, value in headers)],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip
    received, sent = [], []

    async def receive():
        received.append(1)
        if len(received) <= len(body_parts):
            more = len(received) < len(body_parts)
            return {"type": "http.request", "body": body_parts[len(received) - 1], "more_body": more}
        await asyncio.Event().wait()  # the client stays connected

    async def send(message):
        sent.append(message)

    async_to_sync(application)(scope, receive, send)
    start = sent[0]
    body = b"".join(message.get("body", b"") for message in sent[1:])
    return start["status"], {name.decode(): value.decode() for name, value in start["headers"]}, body


def wsgi_request(application, path, headers=(), method="GET", sent=None):
    """One request through a WSGI application: (status, headers, body). `sent`, a list, receives the status line
    and the header list exactly as the application gave them."""
    meta = {f"HTTP_{n.upper().replace('-', '_')}": v for n, v in headers}
    environ = RequestFactory().generic(method, path, **meta).environ
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured.update(status=int(status.split()[0]), headers={n.lower(): v for n, v in response_headers})
        if sent is not None:
            sent.append((status, list(response_headers)))

    body = b"".join(application(environ, start_response))
    return captured["status"], captured["headers"], body


GZIP = (("accept-encoding", "gzip"),)
