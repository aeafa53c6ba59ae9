"""A fixed-window rate limit for public forms (email alerts, accessible-format
requests), kept in Django's cache (shared by every app
instance when the cache is Redis), so a person or a bot cannot flood the form
or someone else's inbox. Keys are hashed: no address or IP is kept in clear."""

import hashlib

from django.core.cache import cache


def allow(scope, identity, limit, window_seconds):
    """Count one attempt for `identity`; False once `limit` is exceeded in the window."""
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
    return count <= limit


def client_ip(request):
    """The connecting address. Behind a proxy, configure the proxy (or
    middleware) to set REMOTE_ADDR; X-Forwarded-For is never trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
