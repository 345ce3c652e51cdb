"""WSGI entry point, for a WSGI server (mod_wsgi, uWSGI, gunicorn with `-k sync`): Django behind the response
cache's front (core.cache), which answers stored public pages without building a Django request. gunicorn with
this project's gunicorn.conf.py serves `ngomonitor.asgi` on uvicorn workers, even when named this module."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngomonitor.settings")

from core.cache import CachedWSGIApplication  # noqa: E402 - needs the settings module named first

application = CachedWSGIApplication(get_wsgi_application())
