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
import pickle
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.signals import request_finished, request_started
from django.utils.safestring import SafeString

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
    generation = _new_generation()
    cache().set(SITE_GENERATION, generation, timeout=None)
    if _request.active:  # this request's own later reads see its purge
        _request.site_generation = generation


# -- the shell cache -------------------------------------------------------------------
# Every page reads several shell fragments (its Site, the menu, the footer,
# the feed addresses). Reading each from Redis cost a round trip and an
# unpickling each time. Instead the site generation is read once per request,
# and the fragments of that generation are kept in this process as well: a
# purge on any instance writes a new generation, which every instance reads
# at the start of its next request, so a publish is still seen on the next
# request everywhere (issue 14).


class _RequestScope(threading.local):
    active = False
    site_generation = None
    site_root_paths = None  # shell.py: Wagtail's site root paths, once per request


_request = _RequestScope()
_local_fragments = {"generation": None, "values": {}}


def _request_started(**kwargs):
    _request.active = True
    _request.site_generation = None
    _request.site_root_paths = None


def _request_finished(**kwargs):
    _request.active = False
    _request.site_generation = None
    _request.site_root_paths = None


request_started.connect(_request_started, dispatch_uid="pagecache-shell-request-started")
request_finished.connect(_request_finished, dispatch_uid="pagecache-shell-request-finished")


def _site_generation(store):
    """The site generation, read once per request (every time outside one)."""
    if _request.active and _request.site_generation is not None:
        return _request.site_generation
    generation = _read_site_generation(store)
    if generation is None:
        store.add(SITE_GENERATION, _new_generation(), timeout=None)
        generation = store.get(SITE_GENERATION)
    if _request.active:
        _request.site_generation = generation
    return generation


def _read_site_generation(store):
    """The site generation. At the start of a request, Wagtail's site root
    paths are read with it, in the same round trip, and kept for the request
    (shell.install_site_root_paths_memo): every page reads both, and the
    second read was a round trip to Redis of its own (issue 14). Where the
    paths are missing (expired, cleared by a change to a site), Wagtail reads
    and stores them itself, as before."""
    from wagtail.models.sites import (
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
        SiteRootPath,
    )

    read_many = getattr(store, "get_many_versioned", None)
    if (
        read_many is None
        or not _request.active
        or _request.site_root_paths is not None
        or store is not caches[DEFAULT_CACHE_ALIAS]  # Wagtail's cache
    ):
        return store.get(SITE_GENERATION)
    paths_key = (SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION)
    found = read_many([(SITE_GENERATION, None), paths_key])
    if found.get(paths_key) is not None:
        # As Wagtail's Site.get_site_root_paths makes them from a cached value.
        _request.site_root_paths = [SiteRootPath(*paths) for paths in found[paths_key]]
    return found.get((SITE_GENERATION, None))


def shell_fragment(name, compute):
    """Data the page shell shows on every page (menu, footer, organisation),
    cached until the next site-wide purge (settings, a menu section, a move).
    Computed directly when the cache is unreachable. Each caller gets its own
    copy: nothing one request sets on a cached object reaches another."""
    store = cache()
    site_generation = _site_generation(store)
    if site_generation is None:
        return compute()
    local = _local_fragments
    if local["generation"] != site_generation:
        local["generation"], local["values"] = site_generation, {}
    if name in local["values"]:
        kept = local["values"][name]
        if type(kept) is _Pickled:
            return pickle.loads(kept)  # noqa: S301 (written by this process)
        return kept
    key = f"pagecache:shell:{site_generation}:{name}"
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout=None)
    # A string (the header's HTML) or a tuple of strings cannot be changed by its
    # reader, so it is kept as it is; anything else is kept pickled and each
    # reader gets a copy.
    if _immutable(value):
        local["values"][name] = value
    else:
        local["values"][name] = _Pickled(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


class _Pickled(bytes):
    """A kept fragment's pickle (as opposed to a fragment that is bytes)."""


_IMMUTABLE = (str, SafeString, bytes, int, bool, type(None))


def _immutable(value):
    if type(value) is tuple:
        return all(type(item) in _IMMUTABLE for item in value)
    return type(value) in _IMMUTABLE
