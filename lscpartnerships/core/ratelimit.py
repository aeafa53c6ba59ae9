"""A fixed-window rate limit for public forms (email alerts, accessible-format
requests), kept in Django's cache (shared by every app
instance when the cache is Redis), so a person or a bot cannot flood the form
or someone else's inbox. Keys are hashed: no address or IP is kept in clear."""

import hashlib

from django.core.cache import cache


def hit(scope, identity, window_seconds):
    """Count one attempt by `identity`: (attempts in its window so far,
    seconds until the window ends). A window starts at the identity's first
    attempt. Redis counts in one atomic round trip (`count_hit`); the other
    caches (`make run`'s) add, then increment."""
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}"
    count_hit = getattr(cache, "count_hit", None)
    if count_hit is not None:
        return count_hit(key, window_seconds)
    if cache.add(key, 1, window_seconds):
        return 1, window_seconds
    try:
        return cache.incr(key), window_seconds
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return 1, window_seconds


def allow(scope, identity, limit, window_seconds):
    """Count one attempt for `identity`; False once `limit` is exceeded in the window."""
    return hit(scope, identity, window_seconds)[0] <= limit


def client_ip(request):
    """The connecting address. Behind a proxy, configure the proxy (or
    middleware) to set REMOTE_ADDR; X-Forwarded-For is never trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
