"""Views outside the page tree: health checks for load balancers, robots.txt.

These views are marked non_atomic_requests: with ATOMIC_REQUESTS Django would
otherwise open a database transaction before calling them, and they must answer
(or, for readiness, report the failure) while the database is unreachable.
"""

import uuid
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

# Cache backends that live inside this process: nothing to check, they cannot be
# down while the process runs.
IN_PROCESS_CACHE_BACKENDS = (
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.locmem.LocMemCache",
)


def _database_ok(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok(alias):
    """A write and a read back: backends that swallow errors (django-redis with
    IGNORE_EXCEPTIONS) return None instead of raising, which fails too."""
    cache = caches[alias]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


def dependency_checks():
    """Name → check for every external service the site needs: each database,
    and each cache that is not in-process (so a shared Redis cache is checked as
    soon as settings.CACHES defines one)."""
    checks = {}
    for alias in connections:
        name = "database" if alias == "default" else f"database:{alias}"
        checks[name] = partial(_database_ok, alias)
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] in IN_PROCESS_CACHE_BACKENDS:
            continue
        name = "cache" if alias == "default" else f"cache:{alias}"
        checks[name] = partial(_cache_ok, alias)
    return checks


@never_cache
@transaction.non_atomic_requests
def live(request):
    """Liveness: 200 while the process can answer. Touches nothing external, so an
    orchestrator never restarts the app because the database is down."""
    return JsonResponse({"status": "ok"})


@never_cache
@transaction.non_atomic_requests
def ready(request):
    """Readiness: 200 when every dependency answers, otherwise 503 naming the ones
    that failed, so a load balancer sends traffic elsewhere."""
    results = {}
    for name, check in dependency_checks().items():
        try:
            results[name] = "ok" if check() else "unavailable"
        except Exception:  # noqa: BLE001 - any failure of a dependency means "not ready"
            results[name] = "unavailable"
    failing = [name for name, result in results.items() if result != "ok"]
    if failing:
        return JsonResponse(
            {"status": "unavailable", "failing": failing, "checks": results}, status=503
        )
    return JsonResponse({"status": "ok", "checks": results})


@transaction.non_atomic_requests
def robots_txt(request):
    """Allow the public site, keep crawlers out of the admin, point at the sitemap
    at the site's public address (SITE_BASE_URL). Needs no database, so crawlers
    still get it during an outage."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {settings.SITE_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    """The 404 page (settings: handler404), like Django's own but not for
    search engines: `noindex` is how every view says so (templates/base_shell.html)."""
    return render(request, "404.html", {"noindex": True, "request_path": request.path}, status=404)
