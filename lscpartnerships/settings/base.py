"""Settings shared by every environment.

Everything that differs between a laptop, CI and production is read from the
environment through django-environ; the per-environment modules (dev, test,
production) only change defaults and switch on what that environment needs.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "lscpartnerships"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # The site's own apps: the shared core first, then one app per content domain.
    "lscpartnerships.core",
    "lscpartnerships.editorial",
    "lscpartnerships.search",
    "lscpartnerships.pagecache",  # response cache and its purges (issue 14)
    "lscpartnerships.security",
    # i12security: sign-in lockout and two-factor sign-in.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "documents",  # the site's document model, upload checks and serving (issue 13)
    "places",
    "directors",
    "decisions",
    "briefings",
    "alerts",  # email alerts of new briefings and decisions (i15)
    "format_requests",  # accessible-format requests for documents (i15)
    "django_tasks_db",  # the database task queue the alerts worker reads (i15)
    # NHS.UK design system templates, blocks and static files (not its settings
    # models: the header and footer come from our own SiteSettings).
    "wagtailnhsukfrontend",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Faults and logging (core.middleware): first, so the request log times and
    # tags everything below, and a database outage answers the friendly 503.
    "lscpartnerships.core.middleware.RequestLogMiddleware",
    "lscpartnerships.core.middleware.DatabaseUnavailableMiddleware",
    # Then the response cache: answers anonymous readers before sessions,
    # auth, CSRF and CSP run; stores responses with the headers they set.
    "lscpartnerships.pagecache.middleware.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # i12security: Permissions-Policy and Cross-Origin-Resource-Policy on every
    # response (above WhiteNoise, so static files get them too); then refuse NUL
    # bytes and invalid UTF-8 with a 400, before any view.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "lscpartnerships.security.middleware.CrossOriginResourcePolicyMiddleware",
    "lscpartnerships.security.middleware.RejectMalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # i12security: who passed the second factor (django-otp), then the admin
    # shows nothing else until they have.
    "django_otp.middleware.OTPMiddleware",
    "lscpartnerships.security.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Chooses the public or the admin CSP by path (issue 11, docs/decisions/0040).
    "lscpartnerships.core.csp.SitePolicyCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # i12security: django-axes turns a locked-out sign-in into the lockout page (last).
    "axes.middleware.AxesMiddleware",
    # Issue 14: routes page requests in a fixed number of queries (pagecache/lean.py).
    "lscpartnerships.pagecache.lean.ShellRoutingMiddleware",
]

ROOT_URLCONF = "lscpartnerships.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lscpartnerships.wsgi.application"

# SQLite is only the embedded default for `make run`; tests and production use
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))


# --- Database faults (core.middleware, core.views) ----------------------------
def database_fault_tolerance(database):
    """Settings that let persistent connections survive a database restart: check
    a reused connection before each request's first query (a connection the
    server dropped is replaced instead of failing the request), and give up
    connecting after a few seconds so an unreachable database answers the 503
    page quickly instead of holding the worker."""
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
        )
    return database


database_fault_tolerance(DATABASES["default"])


def prepared_statements(database):
    """PostgreSQL plans each repeated query once per connection: parameters are
    bound by the server, and psycopg prepares a query from its fifth run on a
    connection. Under load the database's CPU per uncached page fell by two
    thirds (docs/decisions/0091). DATABASE_PREPARED_STATEMENTS=false turns it off
    for a pooler that cannot keep prepared statements (PgBouncer in transaction
    mode before 1.21)."""
    if database["ENGINE"] == "django.db.backends.postgresql" and env.bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        options = database.setdefault("OPTIONS", {})
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", env.int("DATABASE_PREPARE_THRESHOLD", default=5))
    return database


prepared_statements(DATABASES["default"])
# Seconds a client is asked to wait (Retry-After) when the database is unreachable.
SERVICE_UNAVAILABLE_RETRY_AFTER = 30
# --- end database faults --------------------------------------------------------

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # i12security: NCSC advice for admin passwords
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "NHS Lancashire and South Cumbria place-based partnerships"
# -- The site's public address (issue 10) -------------------------------------
# Scheme, host and port only. Canonical links, Open Graph, JSON-LD, the sitemap,
# feeds, admin emails and API URLs all follow it: each `migrate` copies it onto
# the default Wagtail Site (lscpartnerships.core.sites). Production requires it;
# `make run` keeps http://127.0.0.1:8000.
SITE_BASE_URL = env("SITE_BASE_URL", default="http://127.0.0.1:8000").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_BASE_URL)
# -- end of the site's public address ------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# Custom models (defined before any content referenced them): images need alt
# text; documents carry honest metadata and download counts.
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PublicDocument"

# Documents (documents app; docs/decisions/0012, 0013 and 0086). Files are served
# by documents.views.serve at /documents/<id>/<slug>/, which hands over to
# Wagtail's serve view: PDFs inline, others as downloads, public only while a
# live page uses them, counted from Wagtail's document_served signal.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
# The content type each allowed extension is served with (Wagtail reads it).
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.PublicDocumentForm"
# Largest file editors may upload, in megabytes.
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20)
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
# PDF page counting runs pypdf in a child process: give up after this many
# seconds, and do not try on PDFs bigger than this many megabytes.
DOCUMENT_PAGE_COUNT_TIMEOUT = env.float("DOCUMENT_PAGE_COUNT_TIMEOUT", default=5.0)
DOCUMENT_PAGE_COUNT_MAX_MB = env.int("DOCUMENT_PAGE_COUNT_MAX_MB", default=20)
# Editors' pages open with the accessibility checker in the userbar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar look-ups from the admin (a third-party request the CSP would block).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Loaders that `manage.py load_initial_content` runs, in order. Each module has a
# `load(loader)` function. The pages, snippets and files are data, read from
# fixtures/initial_content/ by core.loading (docs/decisions/0083); the editorial
# groups and workflow are set up by code.
INITIAL_CONTENT_LOADERS = [
    "lscpartnerships.core.loading",
    "lscpartnerships.editorial.initial_content",
]

# Partner API (/api/v2/): read-only, open to any origin for GET.
CORS_URLS_REGEX = r"^/api/v2/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}


# Search: queries are trimmed to this many characters.
SEARCH_MAX_QUERY_LENGTH = 200

# Content-Security-Policy (django-csp 4) of the public site: no inline scripts or
# styles. The admin has its own policy, below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # NHS.UK frontend's CSS loads the Frutiger web font from assets.nhs.uk.
        "font-src": ["'self'", "data:", "https://assets.nhs.uk"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    },
}

# -- Admin Content-Security-Policy (issue 11; docs/decisions/0040) -------------------
# /admin/ only (lscpartnerships.core.csp.SitePolicyCSPMiddleware). Wagtail 8 renders
# and re-runs inline scripts without nonces (chooser widgets, date pickers, inline
# panels, modal responses) and sets inline styles, hence 'unsafe-inline' for both.
# Everything else stays same-origin; only preview responses may be framed, by the
# admin itself (the middleware sets frame-ancestors 'self' and SAMEORIGIN there).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Image upload previews are blob: URLs; icons and placeholders are data: URLs.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:", "https://assets.nhs.uk"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    },
}
# CSP violation reports (/csp-report/): largest body accepted, and how many reports
# one client address may send per window (seconds) before getting 429.
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORT_RATE_LIMIT = 60
CSP_REPORT_RATE_WINDOW = 60

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@lscpartnerships.invalid")

# --- Logging (core.log, core.middleware.RequestLogMiddleware) -------------------
# One JSON object per line on stdout, for the platform's log collector: every
# request at INFO (request id, method, path, status, duration_ms), everything else
# at LOG_LEVEL, errors with their traceback in "exc_info". Django's "request"
# extra (the HttpRequest, whose text includes the query string) is left out.
from pythonjsonlogger.core import RESERVED_ATTRS as _JSON_LOG_RESERVED  # noqa: E402

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lscpartnerships.core.log.RequestIdLogFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
            "reserved_attrs": [*_JSON_LOG_RESERVED, "request"],
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # The per-request line is always written, whatever LOG_LEVEL says.
        "lscpartnerships.request": {"level": "INFO"},
    },
}
# --- end logging ------------------------------------------------------------------

# --- Sentry (optional) --------------------------------------------------------------
# Errors and unhandled exceptions go to Sentry only when SENTRY_DSN is set; without
# it sentry-sdk is not even imported. No personal data is sent.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
# --- end Sentry ---------------------------------------------------------------------

# -- Uploaded files: public and private storage (issue 10) ----------------------
# Image renditions go to STORAGES["default"] (public); documents and original
# images to STORAGES["private"], reachable only through the site's own views.
# The filesystem by default (MEDIA_ROOT and PRIVATE_MEDIA_ROOT, which must not
# be inside MEDIA_ROOT); an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is
# set. See lscpartnerships/core/storage.py, docs/deployment.md "Object storage"
# and docs/decisions/0025.
from lscpartnerships.core.storage import (  # noqa: E402
    filesystem_storages,
    media_origins,
    object_storages,
)

PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES.update(
        object_storages(
            AWS_STORAGE_BUCKET_NAME,
            endpoint_url=env("AWS_S3_ENDPOINT_URL", default=None),
            region_name=env("AWS_S3_REGION_NAME", default=None),
            custom_domain=env("AWS_S3_CUSTOM_DOMAIN", default=None),
            addressing_style=env("AWS_S3_ADDRESSING_STYLE", default=None),
            public_location=env("AWS_S3_PUBLIC_LOCATION", default="public"),
            private_location=env("AWS_S3_PRIVATE_LOCATION", default="private"),
            signed_url_seconds=env.int("AWS_QUERYSTRING_EXPIRE", default=300),
        )
    )
    # Pages show renditions straight from the bucket (or its CDN domain).
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].extend(
        media_origins(
            AWS_STORAGE_BUCKET_NAME,
            endpoint_url=env("AWS_S3_ENDPOINT_URL", default=None),
            region_name=env("AWS_S3_REGION_NAME", default=None),
            custom_domain=env("AWS_S3_CUSTOM_DOMAIN", default=None),
        )
    )
else:
    STORAGES.update(filesystem_storages())
    _media, _private = Path(MEDIA_ROOT).resolve(), Path(PRIVATE_MEDIA_ROOT).resolve()
    if _private == _media or _media in _private.parents or _private in _media.parents:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({_private}) must be outside MEDIA_ROOT ({_media}) and not "
            "contain it: documents must never be in a folder that is served."
        )

# The /media/ route (lscpartnerships.core.media) serves image renditions and
# original images only, never documents, and refuses any path that is not a
# plain file name in one of those folders. It is safe to leave on; large
# deployments serve renditions from object storage or a CDN instead.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)


# --- Caching (issue 14: lscpartnerships.pagecache, docs/decisions/0060-0062) ---
# Redis in production (REDIS_URL, e.g. redis://127.0.0.1:6379/0), shared by
# every app instance; without it, each process keeps its own local memory
# cache (make run). The Redis backend fails open: while Redis is down pages
# are rendered from the database.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lscpartnerships.pagecache.redis_cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="lscp"),
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The full-response cache for anonymous readers.
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=True)
PAGECACHE_ALIAS = "default"
PAGECACHE_TIMEOUT = env.int("PAGECACHE_TIMEOUT", default=24 * 3600)  # purges keep it fresh
# Cache-Control on shared responses: browsers revalidate after a minute (ETag,
# 304); a CDN keeps them longer (purged through WAGTAILFRONTENDCACHE) and may
# serve a stale copy while it refetches.
PAGECACHE_MAX_AGE = env.int("PAGECACHE_MAX_AGE", default=60)
PAGECACHE_S_MAXAGE = env.int("PAGECACHE_S_MAXAGE", default=600)
PAGECACHE_STALE_WHILE_REVALIDATE = env.int("PAGECACHE_STALE_WHILE_REVALIDATE", default=60)
# Never cached: the admin, search (free text: unbounded keys), documents
# (privacy check and download count per request), health, media and static.
PAGECACHE_EXCLUDE_PATHS = [
    "/admin/",
    "/search/",
    "/documents/",
    "/healthz",
    "/media/",
    "/static/",
    "/_util/",
]
# Query parameters a cached URL may carry (listing filters, pagination, the
# API's structured parameters); any other parameter bypasses the cache.
PAGECACHE_QUERY_PARAMS = {
    "page",
    "place",
    "audience",
    "year",
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "child_of",
    "descendant_of",
}
# Paths purged as one: every API URL shows page data.
PAGECACHE_PATH_GROUPS = ["/api/"]
# Purged on every content change: they list everything.
PAGECACHE_AGGREGATE_PATHS = ["/sitemap.xml", "/api/v2/"]
# Page types the page shell names on every page (their feeds are advertised in
# every <head>): publishing or unpublishing one purges everything.
PAGECACHE_SHELL_PAGE_TYPES = ["briefings.briefingindexpage", "decisions.boarddecisionindexpage"]
# wagtail.contrib.frontend_cache backends: our own response cache, and a CDN
# or caching proxy that accepts HTTP PURGE if FRONTEND_CACHE_PURGE_URL is set.
WAGTAILFRONTENDCACHE = {
    "site": {"BACKEND": "lscpartnerships.pagecache.backends.ResponseCacheBackend"},
}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
# --- end caching ---

# -- Email alerts (i15: alerts app, docs/decisions/0071) ------------------------
# Wagtail's own background tasks keep the default (immediate) backend; alerts
# go through their own database queue, read by `manage.py db_worker --backend
# alerts --queue-name alerts` (`make worker`). dev.py sends them inline instead.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "alerts": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["alerts"]},
}
ALERTS_SEND_RATE = env.float("ALERTS_SEND_RATE", default=10.0)  # emails per second, per worker
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=5)  # per delivery
ALERTS_RETRY_DELAY = env.float("ALERTS_RETRY_DELAY", default=60.0)  # seconds, doubled each time
ALERTS_CONFIRMATION_MAX_AGE = env.int("ALERTS_CONFIRMATION_MAX_AGE", default=3 * 24 * 3600)
ALERTS_SUBSCRIBE_LIMIT_PER_IP = env.int("ALERTS_SUBSCRIBE_LIMIT_PER_IP", default=10)
ALERTS_CONFIRMATIONS_PER_ADDRESS = env.int("ALERTS_CONFIRMATIONS_PER_ADDRESS", default=3)
ALERTS_SUBSCRIBE_WINDOW = 3600  # seconds the two limits above count over
# SMTP server (production sends by SMTP unless EMAIL_BACKEND says otherwise).
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# GOV.UK Notify instead of SMTP: EMAIL_BACKEND=alerts.backends.notify.NotifyEmailBackend
NOTIFY_API_KEY = env("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env("NOTIFY_TEMPLATE_ID", default="")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")


# -- i12security: partner API hardening (lscpartnerships/api.py) -----------------
# Bad query parameters answer 400 with a JSON message, never 500; anonymous
# callers are throttled per address, counted in Django's default cache.
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "lscpartnerships.api.api_exception_handler"
API_THROTTLE_ANON_RATE = env("API_THROTTLE_ANON_RATE", default="120/minute")
# Behind a proxy, how many X-Forwarded-For hops to trust for the client address.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("API_THROTTLE_NUM_PROXIES", default=None)

# -- i12security: security headers ------------------------------------------------
# Permissions-Policy (django-permissions-policy): the site uses no powerful
# browser feature, so every one is switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "sync-xhr", "usb", "web-share", "xr-spatial-tracking", "browsing-topics",
    )
}  # fmt: skip

# -- i12security: sign-in --------------------------------------------------------
# Lockout (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one
# username from one address within AXES_COOLOFF_TIME, that pair is refused
# until the cool-off ends; the lockout page says when. Password reset
# requests are limited with the same numbers (security.lockout).
AUTHENTICATION_BACKENDS = [
    "lscpartnerships.security.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = __import__("datetime").timedelta(
    minutes=env.int("SIGNIN_LOCKOUT_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lscpartnerships.security.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# The address is REMOTE_ADDR only: trusting X-Forwarded-For from anyone would
# let an attacker pick a new "address" for every guess.
AXES_VERBOSE = False

# Two-factor sign-in (django-otp): the issuer names the site in the app.
OTP_TOTP_ISSUER = "LSC place-based partnerships"

# Sessions end after this many hours without a request (each request renews).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_HOURS", default=8) * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
# -- Accessible-format requests (i15: format_requests app, docs/decisions/0072) --
FORMAT_REQUESTS_RETENTION_DAYS = env.int("FORMAT_REQUESTS_RETENTION_DAYS", default=90)
FORMAT_REQUESTS_LIMIT_PER_IP = env.int("FORMAT_REQUESTS_LIMIT_PER_IP", default=10)  # an hour
