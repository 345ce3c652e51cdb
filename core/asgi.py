"""A WSGI application (Django's) served over ASGI, one request at a time in one worker thread.

Why not asgiref's `WsgiToAsgi`: it sends each response chunk back to the event loop from the worker thread
through `AsyncToSync`, and under load that bridge broke ("CurrentThreadExecutor already quit or is broken",
a 500 from the server; found by `make fuzz`). Here the thread only runs Django and returns the whole answer;
the event loop alone talks to the client. Why not Django's own ASGI handler: it hops to a thread once per
synchronous middleware, and renders our pages markedly slower (bench/results.md).

Django's responses here are whole in memory (no streaming response in the project); static files are small.
"""

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile

MEMORY_BODY_BYTES = 64 * 1024  # a request body larger than this is spooled to a temporary file


def build_environ(scope, body):
    """The WSGI environ of an ASGI HTTP scope (PEP 3333; what a WSGI server would pass for the same request)."""
    script_name = scope.get("root_path", "").encode("utf-8").decode("latin-1")
    path_info = scope["path"].encode("utf-8").decode("latin-1")
    if script_name and path_info.startswith(script_name):
        path_info = path_info[len(script_name) :]
    server = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path_info,
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1] if server[1] is not None else 80),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if scope.get("client"):
        environ["REMOTE_ADDR"] = scope["client"][0]
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        key = name if name in ("CONTENT_LENGTH", "CONTENT_TYPE") else f"HTTP_{name}"
        value = raw_value.decode("latin-1")
        environ[key] = f"{environ[key]},{value}" if key in environ else value  # repeated headers: joined
    return environ


class WSGIInThread:
    """The ASGI application that runs `wsgi_application` in one thread per process (as a sync worker would),
    reading the request body first and sending the whole answer from the event loop."""

    def __init__(self, wsgi_application):
        self.wsgi_application = wsgi_application
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wsgi")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Only HTTP is served, not {scope['type']!r}.")
        body = SpooledTemporaryFile(max_size=MEMORY_BODY_BYTES)  # noqa: SIM115 - closed below
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            size = body.tell()
            body.seek(0)
            environ = build_environ(scope, body)
            # The body is read whole: its length is known even when the client sent it chunked, without one.
            environ["CONTENT_LENGTH"] = str(size)
            status, headers, content = await self.call(environ)
        finally:
            body.close()
        await send_whole(send, status, headers, content)

    async def call(self, environ):
        """Run the application in the worker thread (tests run it in their own thread, with their database)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.run, environ)

    def run(self, environ):
        """Call the WSGI application and collect its answer: (status, headers, body)."""
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"], started["headers"] = status, headers

        result = self.wsgi_application(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: closes the database connection if it should
        return int(started["status"].split(" ", 1)[0]), started["headers"], content


async def send_whole(send, status, headers, content):
    """Send a whole answer ((name, value) headers as a WSGI application gives them) to an ASGI server."""
    raw_headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": content})
