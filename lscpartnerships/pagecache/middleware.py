"""Answer anonymous readers from the shared cache before the rest of the stack.

This middleware sits first in MIDDLEWARE. A hit returns before sessions,
authentication, CSRF and CSP run, so it costs a couple of cache reads. A miss
goes through the whole stack; on the way out, the response is stored exactly
as every other middleware left it (CSP, X-Frame-Options, Referrer-Policy and
the other security headers included) if it is safe to share:

* the request is a GET or HEAD without a session cookie or credentials, to a
  path that is not excluded (admin, search, documents, health, media) and
  whose query string only uses the listing parameters we know (so the key
  space is bounded: a crawler inventing parameters cannot fill the cache);
* the response is a complete 200 that sets no cookie (CSRF tokens arrive with
  a cookie, so a page carrying one is never stored), is not marked private or
  no-store, and varies on nothing but Cookie, Accept-Encoding, Accept and
  Origin (the key notes whether the request had an Origin).

Why our own middleware and not wagtail-cache or Django's cache middleware:
docs/decisions/0060.
"""

import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from . import store

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Cache"
# Vary headers a stored response may carry. Cookie: we only serve requests
# without a session. Accept: the API renders JSON only. Origin: the key says
# whether the request had one (CORS headers are only sent when it does).
_SHAREABLE_VARY = {"cookie", "accept-encoding", "accept", "origin"}


def cache_key_parts(request):
    """(path, canonical query) if the request may be answered from the cache,
    else None."""
    if request.method not in ("GET", "HEAD") or not settings.PAGECACHE_ENABLED:
        return None
    path = request.path
    if any(path.startswith(prefix) for prefix in settings.PAGECACHE_EXCLUDE_PATHS):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    allowed = settings.PAGECACHE_QUERY_PARAMS
    params = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if len(params) > len(allowed) or any(
        name not in allowed or len(value) > 100 for name, value in params
    ):
        return None
    query = urlencode(sorted(params))
    if "HTTP_ORIGIN" in request.META:
        query += "#origin"
    return path, query


def is_shareable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= _SHAREABLE_VARY


def _public_cache_control(response):
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGECACHE_MAX_AGE,
        s_maxage=settings.PAGECACHE_S_MAXAGE,
        stale_while_revalidate=settings.PAGECACHE_STALE_WHILE_REVALIDATE,
    )


def _conditional(request, response):
    """304 for a matching If-None-Match (or If-Modified-Since) on a GET/HEAD."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parts = cache_key_parts(request)
        if parts is None:
            return self.get_response(request)
        path, query = parts
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        generation = store.generations(path)
        if generation is None:  # the cache is unreachable: render from the database
            return self.get_response(request)
        key = store.response_key(generation, request.scheme, host, path, query)
        cached = store.cache().get(key)
        if cached is not None:
            return self._from_cache(request, cached)

        response = self.get_response(request)
        if is_shareable(request, response):
            _public_cache_control(response)
            if not response.has_header("ETag"):
                set_response_etag(response)
            store.cache().set(
                key,
                (response.status_code, list(response.items()), response.content),
                timeout=settings.PAGECACHE_TIMEOUT,
            )
            response[HIT_HEADER] = "miss"
            return _conditional(request, response)
        return response

    def _from_cache(self, request, cached):
        status, headers, content = cached
        response = HttpResponse(
            b"" if request.method == "HEAD" else content, status=status, headers=dict(headers)
        )
        response["Content-Length"] = str(len(content))
        response[HIT_HEADER] = "hit"
        return _conditional(request, response)
