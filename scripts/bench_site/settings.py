"""Production settings plus one bare view, for `make bench` only.

The bare view runs through the same middleware, WSGI server, database
connection settings and Redis as the site: the ceiling pages are compared with.
"""

from lscpartnerships.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_site.urls"
PAGECACHE_EXCLUDE_PATHS = [*PAGECACHE_EXCLUDE_PATHS, "/__bare__/"]  # noqa: F405
# Production's manifest storage needs the build step (collectstatic currently
# stops at a missing source map in wagtail-nhsuk-frontend's CSS); static files
# are not what is measured here.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
