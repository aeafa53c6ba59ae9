"""Local development (`make run`): debug on, embedded SQLite unless DATABASE_URL is set."""

from .base import *

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded images are served by the app locally (base.py reads DEBUG before
# this module turns it on, so say it again here).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

# -- Email alerts (i15): `make run` sends alerts inline, to the console backend.
TASKS = {
    **TASKS,
    "alerts": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["alerts"]},
}
# i12security: the local `make run` admin may sign in without a second factor,
# in DEBUG only (never honoured with DEBUG off; check security.E001).
TWO_FACTOR_DEV_EXEMPT_USERNAMES = [env("LOCAL_ADMIN_USERNAME", default="admin")] if DEBUG else []
