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
    "places",
    "directors",
    "decisions",
    "briefings",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Chooses the public or the admin CSP by path (issue 11, docs/decisions/0040).
    "lscpartnerships.core.csp.SitePolicyCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# Custom models (defined before any content referenced them): images need alt
# text; documents carry honest metadata and download counts.
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "briefings.PublicDocument"

# Documents (briefings app; see docs/decisions/0012 and 0013). Files are served
# by briefings.views.serve_document at /documents/<id>/<slug>/: PDFs inline,
# others as downloads, public only while a live page uses them, counted.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "briefings.forms.PublicDocumentForm"
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
# `load(loader)` function and owns the initial content of its own app.
INITIAL_CONTENT_LOADERS = [
    "lscpartnerships.core.initial_content",
    "lscpartnerships.editorial.initial_content",
    "places.initial_content",
    "directors.initial_content",
    "decisions.initial_content",
    "briefings.initial_content",
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

# Serve uploaded media from the app (development, the browser-test server and
# small deployments). Large deployments serve MEDIA_ROOT from the web server.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
