"""NGO Monitor settings: one module, driven by the environment.

Every value a deployment changes comes from an environment variable; the defaults give a newcomer a working
site with SQLite and nothing else installed. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and a
postgres:// DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no variable; anything but an explicit no-word counts as yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in {"0", "false", "no", "off", ""}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 - development default only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "core",
    "ngomonitor",
    "countries",
    "laws",
    "organizations",
    "rankings",
    "news",
    "codebook",
    "search",
    "editorial",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.cache.ResponseCacheMiddleware",  # above sessions and CSRF: it must see the cookies they set
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ngomonitor.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.notes.page_notes",
            ],
        },
    },
]

WSGI_APPLICATION = "ngomonitor.wsgi.application"

# DATABASE_URL: sqlite:///path or postgres://user@host:port/name. Default: a SQLite file beside manage.py.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# ---------------------------------------------------------------- performance: cache, response cache, HTTP caching
# (README, "Performance"). The cache holds the response cache, the API throttles' counters and the corrections
# rate limit: Redis when REDIS_URL is set (shared by every process), else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "ngomonitor")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    )
}
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", default=True)  # 0: render every request (headers and gzip stay)
RESPONSE_CACHE_TIMEOUT = int(os.environ.get("RESPONSE_CACHE_TIMEOUT", "300"))  # seconds a stored response lives
RESPONSE_CACHE_MAX_BYTES = int(os.environ.get("RESPONSE_CACHE_MAX_BYTES", str(2 * 1024 * 1024)))
RESPONSE_CACHE_PRIVATE_PATHS = ["/admin/"]  # never public, whoever asks
RESPONSE_CACHE_UNSTORED_PATHS = ["/search/", "/api/v1/search/"]  # readers' own queries: public, not stored
RESPONSE_CACHE_THROTTLED_PATHS = ["/api/"]  # a cached answer counts against the API's rate limits too
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "60"))  # Cache-Control max-age of public responses
CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("CACHE_STALE_WHILE_REVALIDATE", "600"))
# ---------------------------------------------------------------- end of performance

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Every API view's defaults; a view overrides one only where it really differs (the resources add CSV; views
# without a model, such as search and the dataset, allow anyone since they only answer GET).
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    # Token first, so that an anonymous write is a 401 saying which scheme to use (`WWW-Authenticate: Token`).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.params.StrictSearchFilter",
        "core.api.params.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PublicPagination",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PublicAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonThrottle", "core.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "600/hour"),
        "user": os.environ.get("API_THROTTLE_USER", "6000/hour"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NGO Monitor API",
    "DESCRIPTION": (
        "The legal environment for civil society, country by country, as structured data. "
        "[Back to the NGO Monitor site](/) · [About the data](/about/)\n\n"
        "**Reading is open to anyone**, without a key. **Writing (POST, PUT, PATCH, DELETE) needs an editor's "
        "token** (`Authorization: Token <key>`), which editors create in the site's admin."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Separate request and response components: on write, related records are ids; on read, {id, title, url}.
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set shared by several fields or models.
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "core.choices.Status",
        "DatePrecisionEnum": "core.choices.DatePrecision",
        "BarrierCategoryEnum": "countries.models.BarrierCategory",
        "SectionKindEnum": "countries.models.SectionKind",
        "LawKindEnum": "laws.models.LawKind",
        "LawStatusEnum": "laws.models.LawStatus",
        "TreatyKindEnum": "laws.models.Treaty.Kind",
        "LegalDefinitionKindEnum": "laws.models.LegalDefinition.Kind",
        "TaxProvisionKindEnum": "organizations.models.TaxProvision.Kind",
        "PublicParticipationKindEnum": "countries.models.PublicParticipationItem.Kind",
        "ResourceKindEnum": "news.models.Resource.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Readers' corrections: how many one address may file per window (seconds), counted in the cache.
CORRECTIONS_RATE_LIMIT = int(os.environ.get("CORRECTIONS_RATE_LIMIT", "5"))
CORRECTIONS_RATE_WINDOW = int(os.environ.get("CORRECTIONS_RATE_WINDOW", "3600"))
# Where a reader's address is: REMOTE_ADDR, or behind a reverse proxy the header it sets (e.g. HTTP_X_REAL_IP).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "REMOTE_ADDR")
