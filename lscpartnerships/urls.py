from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lscpartnerships.api import api_router
from lscpartnerships.core import views as core_views
from lscpartnerships.core.csp import csp_report
from lscpartnerships.pagecache.lean import page_view, sitemap_class, sitemap_view
from lscpartnerships.search import views as search_views
from lscpartnerships.security import views as security_views
from lscpartnerships.security.lockout import ThrottledPasswordResetView

handler404 = "lscpartnerships.core.views.page_not_found"

urlpatterns = [
    # Health checks (see docs/deployment.md): /healthz/ is the readiness check
    # under the address load balancers were first given.
    path("healthz/", core_views.ready, name="health"),
    path("healthz/live", core_views.live, name="health_live"),
    path("healthz/ready", core_views.ready, name="health_ready"),
    # Issue 14: the sitemap in a fixed number of queries, its XML written
    # directly (pagecache/lean.py).
    path("sitemap.xml", sitemap_view, {"sitemaps": {"wagtail": sitemap_class()}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("csp-report/", csp_report, name="csp_report"),
    path(".well-known/security.txt", security_views.security_txt, name="security_txt"),
    path("search/", search_views.search, name="search"),
    path("api/v2/", api_router.urls),
    path("email-alerts/", include("alerts.urls")),
    # i12security: throttled password reset and the two-factor screens, before
    # Wagtail's admin URLs.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/2fa/", include("lscpartnerships.security.urls")),
    path("accessible-format/", include("format_requests.urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Documents: our stable /documents/<id>/<slug>/ addresses first (documents
    # app), then Wagtail's, whose old-style links redirect to them.
    path("documents/", include("documents.urls")),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    from lscpartnerships.core.media import serve_media

    # Image renditions and original images only, by plain file name (see
    # core/media.py): documents go through their own view, which checks that
    # a live public page uses them and counts the download.
    urlpatterns += [path(settings.MEDIA_URL.lstrip("/") + "<path:path>", serve_media)]

# Wagtail's page serving comes last: it matches every other path.
# Pages: Wagtail's serve view, outside a transaction for GET and HEAD (issue 14,
# docs/decisions/0064); Wagtail's own pattern and name, so page URLs reverse as before.
urlpatterns += [
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", page_view(), name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
