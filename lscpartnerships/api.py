"""Read-only API for partners: Wagtail's API v2 at /api/v2/.

Pages are live and public only (Wagtail's own rule for the pages endpoint).
Documents and images are limited to those a live public page uses (the rule
documents are served by), so the API never reveals a file or an image attached
only to a draft. Everything is GET-only; CORS is open for GET through
django-cors-headers (CORS_URLS_REGEX in settings).

Bad input is the caller's mistake, never the server's: `api_exception_handler`
turns anything a query parameter can provoke into a 400 with a JSON message,
and anonymous callers are throttled (`API_THROTTLE_ANON_RATE`, counted in
Django's default cache). See docs/decisions/0050-api-bad-input-and-throttling.md.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, connection, transaction
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler, set_rollback
from wagtail.api.utils import get_base_url
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from lscpartnerships.core import ratelimit
from lscpartnerships.core.visibility import public_images

logger = logging.getLogger(__name__)

#: Largest offset a listing accepts: far beyond any real listing, well inside
#: what PostgreSQL's OFFSET (a bigint) accepts.
MAX_OFFSET = 1_000_000

#: Exceptions a query parameter can provoke deep inside filtering or searching
#: (a date that is not a date, an unknown search operator, a number too big for
#: the database). They mean "bad request", not "server error".
BAD_INPUT_ERRORS = (DjangoValidationError, ValueError, OverflowError, DataError, BadRequestError)


def api_exception_handler(exc, context):
    """DRF's handler first (404, 405, 429...); bad input becomes a 400 with a
    JSON message instead of a 500. Anything else is still a real error."""
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, BAD_INPUT_ERRORS):
        # A database error leaves the request's transaction unusable: roll it back.
        set_rollback()
        logger.info("API bad request %s: %r", context["request"].get_full_path(), exc)
        return Response(
            {"message": "The request's query parameters are not valid: check their values."},
            status=400,
        )
    return None


class APIAnonRateThrottle(AnonRateThrottle):
    """Anonymous rate limit per client address; the rate is read from the
    API_THROTTLE_ANON_RATE setting on every request (so it is configurable
    and tests can change it).

    Counted by the site's own rate limiter (`core.ratelimit`: one number per
    address and window, in one atomic round trip to Redis, the address
    hashed), not DRF's: DRF keeps a list of every allowed request's time and
    reads and rewrites all of it on each request, so its cost grew with the
    rate and two app instances could each overwrite the other's list
    (docs/decisions/0067)."""

    scope = "anon"

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_ANON_RATE", None)

    def allow_request(self, request, view):
        if self.rate is None or (request.user and request.user.is_authenticated):
            return True  # no limit, or a signed-in caller (DRF's rule for anon)
        hits, self.seconds_left = ratelimit.hit("api-anon", self.get_ident(request), self.duration)
        return hits <= self.num_requests

    def wait(self):
        return self.seconds_left


class SafePagination(WagtailPagination):
    """Wagtail's pagination, refusing offsets no listing could reach."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if len(offset) > 12 or (offset.isdigit() and int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class HardenedAPIMixin:
    pagination_class = SafePagination
    throttle_classes = [APIAnonRateThrottle]


class PublicPagesAPIViewSet(HardenedAPIMixin, PagesAPIViewSet):
    """Live public pages: the rule search and serving apply (ADR 0016)."""

    def public_pages(self, model):
        """Live pages of `model` on the requested site (Wagtail's `site`
        filter) that no view restriction covers, for every caller: a signed-in
        editor's API answers what the public's does.

        Wagtail's own version reads every view restriction in a query of its
        own on every request to exclude the sections a caller may not see; the
        site's `public()` is a subquery of the listing's own (ADR 0063). For
        one page type (`type=`), the type's own pages, where Wagtail filters
        them by a subquery of all public pages (issue 14)."""
        from lscpartnerships.pagecache.shell import cached_site

        cached_site(self.request._request)  # Wagtail's Site lookup, from the shell cache
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:  # no site configured
            return model.objects.none()
        return model.objects.live().public().descendant_of(site.root_page, inclusive=True)

    def get_base_queryset(self):
        """Once per request: Wagtail asks for it up to three times."""
        if not hasattr(self, "_lscp_base_queryset"):
            self._lscp_base_queryset = self.public_pages(Page)
        return self._lscp_base_queryset.all()

    def get_queryset(self):
        """Once per request: the listing asks for it, and so does Wagtail's
        choice of serializer, only for its model; building it (the type
        filter over the public pages) was a tenth of a listing (issue 14).
        Each caller gets its own copy to filter."""
        if not hasattr(self, "_lscp_queryset"):
            requested = self.request.GET.get("type")
            if requested and "," not in requested:
                try:
                    [model] = page_models_from_string(requested)
                except (LookupError, ValueError) as error:
                    raise BadRequestError("type doesn't exist") from error
                self._lscp_queryset = self.public_pages(model)
            else:  # every page, or several types: Wagtail's filters on the public pages
                self._lscp_queryset = super().get_queryset()
        return self._lscp_queryset.all()


class PublicDocumentsAPIViewSet(HardenedAPIMixin, DocumentsAPIViewSet):
    """Only documents the public can download; with their honest metadata."""

    body_fields = [*DocumentsAPIViewSet.body_fields]
    listing_default_fields = [*DocumentsAPIViewSet.listing_default_fields]

    def get_queryset(self):
        Document = get_document_model()
        public = getattr(Document, "public_queryset", None)
        queryset = public() if callable(public) else Document.objects.all()
        return queryset.order_by("id")


class AbsoluteImageDownloadUrlField(ImageDownloadUrlField):
    """The original file's URL made absolute with WAGTAILAPI_BASE_URL (which
    follows SITE_BASE_URL), like every other URL the API gives partners.
    Storage that already returns absolute URLs (object storage) is left as is."""

    def to_representation(self, image):
        url = super().to_representation(image)
        if url.startswith("/"):
            base_url = get_base_url(self.context.get("request"))
            if base_url:
                return base_url + url
        return url


class SiteImageSerializer(ImageSerializer):
    download_url = AbsoluteImageDownloadUrlField(read_only=True)


class SiteImagesAPIViewSet(HardenedAPIMixin, ImagesAPIViewSet):
    """Only images a live public page uses: an image uploaded for a draft (an
    unpublished organisation chart) stays private until that page is published."""

    base_serializer_class = SiteImageSerializer
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "description"]

    def get_queryset(self):
        return public_images().order_by("id")


class ReadOnlyAPIRouter(WagtailAPIRouter):
    """Wagtail's API router, its views outside ATOMIC_REQUESTS' transaction:
    the API only reads (GET; any other method is refused with a 405), and
    BEGIN and COMMIT were two of a listing's six round trips to the
    database (docs/decisions/0064, issue 14)."""

    def wrap_view(self, func):
        view = super().wrap_view(func)

        @functools.wraps(view)
        def read(request, *args, **kwargs):
            if connection.in_atomic_block:
                # Called inside someone's transaction (a test's): in a savepoint,
                # so bad input's rolled-back query (api_exception_handler) can
                # never leave that transaction unusable.
                with transaction.atomic():
                    return view(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        return transaction.non_atomic_requests(read)


api_router = ReadOnlyAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
