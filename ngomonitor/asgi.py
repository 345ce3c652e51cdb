"""The production entry point (gunicorn with uvicorn workers, `gunicorn.conf.py`): Django's WSGI application,
run in a worker thread, behind the response cache's front (core.cache), which answers stored public pages on
the event loop without entering Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngomonitor.settings")

from core.cache import CachedASGIApplication  # noqa: E402 - needs the settings module named first

application = CachedASGIApplication(get_wsgi_application())
