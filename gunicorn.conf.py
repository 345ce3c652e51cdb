"""gunicorn's settings, read from the working directory by every production start (README, bench, fuzz, soak):
`.venv/bin/gunicorn -b 127.0.0.1:8000` serves the site. Workers: `WEB_CONCURRENCY` (gunicorn reads it), or -w."""

wsgi_app = "ngomonitor.asgi:application"
worker_class = "ngomonitor.server.Worker"


def post_worker_init(worker):
    """The application is loaded: freeze what it holds and collect less often (ngomonitor.server.tune_gc)."""
    from ngomonitor.server import tune_gc

    tune_gc()
