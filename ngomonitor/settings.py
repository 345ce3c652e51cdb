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

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 - development default only
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (
    not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40
):
    # A server that signs sessions and tokens with a guessable key must not start.
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off (at least 40 characters, not the "
        "development key); generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A write to a page that only reads is a 405, a form without its token the site's own 403 (not Django's bare page).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

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
    "axes",
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
    # Outermost: a stored answer carries every other middleware's headers, so the cache's front (core.cache,
    # ngomonitor/asgi.py and wsgi.py) can send it as it is; above sessions and CSRF, it sees the cookies they set.
    "core.cache.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.db_router.PrimaryForWritesMiddleware",  # writes and the admin read from the primary, not a replica
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.CommonMiddleware",  # Django's; a write sent without the final slash is redirected with 308
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.DatabaseOutageMiddleware",
    "core.middleware.MethodNotAllowedPageMiddleware",  # a page's empty 405 becomes the site's own page
    "core.urls.UrlScopeMiddleware",  # reverse() reads the request's URLconf and script prefix once
    "core.middleware.LowerCaseCodeMiddleware",  # /countries/KZ/ -> /countries/kz/
    "countries.middleware.CountryNameRedirectMiddleware",  # /countries/kazakhstan/ -> /countries/kz/
    # Last, as django-axes requires: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
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
# A PostgreSQL read replica (README, "Scaling out"): with DATABASE_REPLICA_URL set, core.db_router sends reads to
# it and writes, transactions and the admin to `default`. The alias always exists (a second name for `default`
# until a replica is configured), so tests can route to it; under tests it mirrors the test database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
READ_REPLICA = bool(DATABASE_REPLICA_URL)
DATABASES["replica"] = {
    **(
        dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
        if DATABASE_REPLICA_URL
        else DATABASES["default"]
    ),
    "TEST": {"MIRROR": "default"},
}
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
# SQLite through Django's own backend, with each distinct timestamp parsed once (core.backends.sqlite3).
for database in (DATABASES["default"], DATABASES["replica"]):
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["ENGINE"] = "core.backends.sqlite3"
        # Tests in memory, as Django's default for its own engine (which pytest-django recognises by its name only).
        database.setdefault("TEST", {}).setdefault("NAME", ":memory:")

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
    ),
    # Readers' searches, stored apart in each process's memory, the most recent few hundred (core.cache.store_for).
    "searches": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "searches",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SEARCH_CACHE_ENTRIES", "300"))},
    },
}
# Compiled SQL remembered per query shape (core.statements): 1, 0, or "check" (also compile, and compare: tests).
STATEMENT_CACHE = (
    "check" if os.environ.get("STATEMENT_CACHE", "").lower() == "check" else env_bool("STATEMENT_CACHE", default=True)
)
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", default=True)  # 0: render every request (headers and gzip stay)
RESPONSE_CACHE_TIMEOUT = int(os.environ.get("RESPONSE_CACHE_TIMEOUT", "300"))  # seconds a stored response lives
RESPONSE_CACHE_MAX_BYTES = int(os.environ.get("RESPONSE_CACHE_MAX_BYTES", str(2 * 1024 * 1024)))
# Where the admin lives (a well-known path draws password guessing).
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin").strip("/") or "admin"
RESPONSE_CACHE_PRIVATE_PATHS = [f"/{ADMIN_PATH}/"]  # never public, whoever asks
RESPONSE_CACHE_SEARCH_PATHS = ["/search/", "/api/v1/search/"]  # readers' own queries: stored apart (CACHES)
SEARCH_CACHE_MAX_BYTES = int(os.environ.get("SEARCH_CACHE_MAX_BYTES", str(128 * 1024)))  # a larger one: not stored
RESPONSE_CACHE_THROTTLED_PATHS = ["/api/"]  # a cached answer counts against the API's rate limits too
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "60"))  # Cache-Control max-age of public responses
CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("CACHE_STALE_WHILE_REVALIDATE", "600"))
# ---------------------------------------------------------------- end of performance

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS, from the environment and off by default, so that a plain DEBUG=0 server on 127.0.0.1 still answers
# HTTP; the README's production example turns them on (and `check --deploy` is then silent).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# E.g. "HTTP_X_FORWARDED_PROTO,https" behind a TLS-terminating proxy that sets that header.
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) if len(_proxy_header) == 2 else None
if _proxy_header and len(_proxy_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER takes a header and a value, e.g. HTTP_X_FORWARDED_PROTO,https")

# Headers on every response: no framing, no MIME sniffing, a strict referrer, no powerful browser features,
# and a Content-Security-Policy that allows no inline script or style (the admin's and the API docs' assets
# are served from this site too).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Editors: the admin's path (ADMIN_PATH, above), how long a session lasts, and
# django-axes locking an account and address out after repeated failed logins.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same address rule as the corrections rate limit (CLIENT_IP_HEADER, below).
AXES_CLIENT_IP_CALLABLE = "editorial.views.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"

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
        "core.api.renderers.JSONRenderer",  # DRF's output, written by orjson
        "core.api.renderers.BrowsableAPIRenderer",  # with the page's language
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.params.StrictSearchFilter",
        "core.api.params.StrictOrderingFilter",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.FormatFirstNegotiation",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PublicPagination",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    # Decimal columns (scores, figures, coded numbers) as JSON numbers, as an analyst's JSON reader expects: a
    # string made pandas read "1600.0000" as text. A double holds 15 significant digits exactly; the columns allow
    # 20, the data holds at most 8 (a population). The CSV and the admin keep the exact decimal.
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PublicAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonThrottle", "core.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "600/hour"),
        "user": os.environ.get("API_THROTTLE_USER", "6000/hour"),
    },
}

SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.api.schema.strict_inputs"],
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
        "CodebookCategoryEnum": "codebook.models.Category",
        "AnswerTypeEnum": "codebook.models.AnswerType",
        "AnswerStatusEnum": "codebook.models.AnswerStatus",
        "QualifierEnum": "codebook.models.Qualifier",
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
