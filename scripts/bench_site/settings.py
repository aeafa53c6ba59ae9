"""Production settings plus one bare view, for `make bench` only.

The bare view runs through the same middleware, WSGI server, database
connection settings and Redis as the site: the ceiling pages are compared with.
"""

from lscpartnerships.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_site.urls"
PAGECACHE_EXCLUDE_PATHS = [*PAGECACHE_EXCLUDE_PATHS, "/__bare__/"]  # noqa: F405
# Static files are not what is measured here: plain compressed storage, so the
# bench does not depend on the production build's manifest (the production
# build itself is tested by tests/production/test_build_smoke.py).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
