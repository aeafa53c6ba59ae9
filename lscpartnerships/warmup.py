"""Warm a preloaded application once, in gunicorn's master, before workers fork.

With `preload_app` (docs/decisions/0066) every worker starts as a copy of the
master. Whatever Django and Wagtail build lazily on a process's first requests
(the translation catalogues, the URL resolver, every public template compiled by
the cached loader) is built here once, so a new or recycled worker inherits it
instead of spending its first requests on it (a narrative page's first request:
80 → 13 ms of CPU). Nothing here touches the database or the cache, so a master
started while either is down still starts.

`freeze_for_fork` then moves everything loaded so far out of the garbage
collector's reach (`gc.freeze`): a worker's collections no longer write to the
objects it shares with the master, so their memory pages stay shared instead of
being copied into each worker (docs/decisions/0090).
"""

import gc
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

# Only what visitors' pages are rendered from: the admin's hundreds of templates
# compile on an editor's first visit, as before.
TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")
SKIPPED_TEMPLATE_DIRS = (
    "wagtail/admin",
    "wagtail/snippets",
    "wagtail/users",
    "django/contrib/admin",
)


def public_template_names():
    """(engine, name) of every template under the Django engine's directories,
    skipping the admin's."""
    from django.template import engines

    for engine in engines.all():
        backend = getattr(engine, "engine", None)
        if backend is None:  # not a Django template engine
            continue
        for loader in backend.template_loaders:
            for inner in getattr(loader, "loaders", [loader]):
                for directory in getattr(inner, "get_dirs", list)():
                    directory = Path(directory)
                    if any(part in directory.as_posix() for part in SKIPPED_TEMPLATE_DIRS):
                        continue
                    for path in sorted(directory.rglob("*")):
                        if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                            yield engine, path.relative_to(directory).as_posix()


def warm():
    """Build the lazily built state a request needs; never raises."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    try:
        translation.activate(settings.LANGUAGE_CODE)
        translation.gettext("Home")  # loads every app's catalogue
        translation.deactivate()
        get_resolver()._populate()
    except Exception:  # a warm-up must never stop the server starting
        logger.exception("warm-up: translations or URLs")
    compiled = failed = 0
    for engine, name in public_template_names():
        try:
            engine.get_template(name)
            compiled += 1
        except Exception:  # a partial that only compiles inside another template
            failed += 1
    logger.info("warm-up: %d templates compiled, %d skipped", compiled, failed)


def freeze_for_fork():
    """Exclude every object alive now from future collections (see module doc)."""
    gc.collect()
    gc.freeze()
