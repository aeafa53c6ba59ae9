"""Settings for pytest and the browser-test server.

DATABASE_URL points at PostgreSQL (make test sets it); debug is off so the
site behaves as it does in production (real 404 and 500 pages).
"""

from .base import *

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-insecure-key")
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "test-artifacts" / "media")
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
# -- Uploaded files (issue 10): private files beside the test media, never in the checkout.
PRIVATE_MEDIA_ROOT = env.path(
    "PRIVATE_MEDIA_ROOT", default=BASE_DIR / "test-artifacts" / "private_media"
)
