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
# i15: a worker subprocess in the alerts tests sends to a loopback SMTP server.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# One folder per pytest-xdist worker (make test runs two), so no two tests share a file.
TEST_ARTIFACTS = BASE_DIR / "test-artifacts" / env("PYTEST_XDIST_WORKER", default="")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=TEST_ARTIFACTS / "media")
# The Site record pytest's migrate leaves (and the loader's fixtures expect).
SITE_BASE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True

# --- Caching (issue 14) ---
# In-process tests run inside transactions that never commit, so purges (which
# run on commit) would not happen: the response cache is off unless a test
# turns it on (tests/pagecache) or the environment does (gunicorn tests).
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=False)
# --- end caching ---
# i12security: tests call the API far more often than a partner would; the
# throttling test lowers the rate again to watch it refuse.
API_THROTTLE_ANON_RATE = "100000/minute"
# -- Uploaded files (issue 10): private files beside the test media, never in the checkout.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=TEST_ARTIFACTS / "private_media")
