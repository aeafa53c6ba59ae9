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
    "csp.middleware.CSPMiddleware",
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


# Search: queries are trimmed to this many characters.
SEARCH_MAX_QUERY_LENGTH = 200

# Content-Security-Policy (django-csp 4): no inline scripts or styles anywhere.
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
    },
}

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
