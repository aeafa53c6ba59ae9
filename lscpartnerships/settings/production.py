"""Production: refuses to start without the settings that must not default.

Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=true (trusts
X-Forwarded-Proto) and, if the proxy already redirects, SECURE_SSL_REDIRECT=false.
Every variable is described in docs/deployment.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from lscpartnerships.core.sites import parse_site_base_url

from .base import *

# -- Required environment (issue 10: owned by the production-build work) ------
_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_BASE_URL")
_missing = [name for name in _REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables, which are not set: "
        + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# The public address: validated here so a typo stops the deploy, not the
# first visitor. Admin emails and API URLs follow it unless set on their own.
SITE_BASE_URL, _, _site_host, _ = parse_site_base_url(env("SITE_BASE_URL"))
if not validate_host(_site_host, ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"SITE_BASE_URL's host {_site_host!r} is not in ALLOWED_HOSTS; add it there."
    )
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_BASE_URL)
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=SITE_BASE_URL)
# -- end of required environment -----------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Persistent connections survive a database restart (see base.py).
database_fault_tolerance(DATABASES["default"])
prepared_statements(DATABASES["default"])

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The site's own origin is always trusted, so admin forms work behind a proxy
# that terminates TLS even before SECURE_PROXY_SSL_HEADER is set.
CSRF_TRUSTED_ORIGINS = [SITE_BASE_URL, *env.list("CSRF_TRUSTED_ORIGINS", default=[])]

# -- Static build (issue 10) ---------------------------------------------------
# Hashed names and gzip copies made by `collectstatic`; whitenoise serves them
# with a year's immutable caching. Missing source maps are dropped, every other
# missing file fails the build (docs/decisions/0020).
STORAGES["staticfiles"] = {"BACKEND": "lscpartnerships.core.staticfiles.ManifestStaticFilesStorage"}
# -- end of static build -------------------------------------------------------

# -- Email (i15): SMTP by default in production (EMAIL_HOST etc. in base.py);
# EMAIL_BACKEND=alerts.backends.notify.NotifyEmailBackend uses GOV.UK Notify.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
