from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from lscpartnerships.api import api_router
from lscpartnerships.core import views as core_views
from lscpartnerships.core.csp import csp_report
from lscpartnerships.search import views as search_views

urlpatterns = [
    path("healthz/", core_views.health, name="health"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("csp-report/", csp_report, name="csp_report"),
    path("search/", search_views.search, name="search"),
    path("api/v2/", api_router.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Documents: our stable /documents/<id>/<slug>/ addresses first (briefings
    # app), then Wagtail's, whose old-style links redirect to them.
    path("documents/", include("briefings.urls")),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Images only: documents are served through their own view, which checks
    # that a live public page uses them and counts the download.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>(?:images|original_images)/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page serving comes last: it matches every other path.
urlpatterns += [path("", include(wagtail_urls))]
