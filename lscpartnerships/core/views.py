"""Views outside the page tree."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve as static_serve

from .visibility import check_media_is_public


@never_cache
def health(request):
    """Liveness and database check for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    """Allow the public site, keep crawlers out of the admin, point at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve(request, path):
    """Uploaded image files (originals and renditions) from MEDIA_ROOT, only
    while a live public page uses the image (editors see all)."""
    check_media_is_public(request, path)
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)
