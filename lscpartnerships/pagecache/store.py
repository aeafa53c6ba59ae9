"""Where cached responses live and how they are made stale.

Every response is stored under a key that includes two *generations*: the
site's and its path's (or path group's, e.g. everything under /api/v2/).
Purging a URL writes a new generation for its path, so every variant of that
path (?page=2, ?place=blackpool) is missed by the next request on every app
instance that shares the cache; purging the site writes a new site
generation. Old entries are never looked up again and expire by themselves.
A render that began before a purge is stored under the generation it read,
which nobody reads any more, so a purge can never be undone by a slow
request (docs/decisions/0061).
"""

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

from .redis_cache import lost_writes

SITE_GENERATION = "pagecache:gen:site"


def cache():
    return caches[settings.PAGECACHE_ALIAS]


def group_for_path(path):
    """The path whose generation a URL shares: its group prefix, or itself."""
    for prefix in settings.PAGECACHE_PATH_GROUPS:
        if path.startswith(prefix):
            return prefix
    return path


def _generation_key(group):
    return "pagecache:gen:" + hashlib.md5(group.encode(), usedforsecurity=False).hexdigest()


def _new_generation():
    return format(time.time_ns(), "x")


def generations(path):
    """(site generation, path generation), creating either if missing (a
    generation evicted by Redis must not revive entries stored before it).
    None if the cache cannot be reached."""
    store = cache()
    if lost_writes.pending and getattr(store, "is_reachable", lambda: True)():
        lost_writes.pending = False
        store.set(SITE_GENERATION, _new_generation(), timeout=None)
    path_key = _generation_key(group_for_path(path))
    found = store.get_many([SITE_GENERATION, path_key])
    for key in (SITE_GENERATION, path_key):
        if key not in found:
            store.add(key, _new_generation(), timeout=None)
            found[key] = store.get(key)
            if found[key] is None:
                return None
    return found[SITE_GENERATION], found[path_key]


def response_key(generation, scheme, host, path, query):
    raw = f"{scheme}://{host}{path}?{query}"
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:r:{generation[0]}:{generation[1]}:{digest}"


def purge_urls(urls):
    """New generations for the paths of these URLs (any host)."""
    groups = {group_for_path(urlsplit(url).path or "/") for url in urls}
    cache().set_many({_generation_key(group): _new_generation() for group in groups}, timeout=None)


def purge_site():
    cache().set(SITE_GENERATION, _new_generation(), timeout=None)


def shell_fragment(name, compute):
    """Data the page shell shows on every page (menu, footer, organisation),
    cached until the next site-wide purge (settings, a menu section, a move).
    Computed directly when the cache is unreachable."""
    store = cache()
    site_generation = store.get(SITE_GENERATION)
    if site_generation is None:
        store.add(SITE_GENERATION, _new_generation(), timeout=None)
        site_generation = store.get(SITE_GENERATION)
        if site_generation is None:
            return compute()
    key = f"pagecache:shell:{site_generation}:{name}"
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout=None)
    return value
