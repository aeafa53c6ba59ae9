"""Read-only API for partners: Wagtail's API v2 at /api/v2/.

Pages are live and public only (Wagtail's own rule for the pages endpoint).
Documents are limited to those the public may download, so the API never
reveals a file attached only to a draft. Images are public by nature (their
renditions appear on public pages). Everything is GET-only; CORS is open for
GET through django-cors-headers (CORS_URLS_REGEX in settings).
"""

from wagtail.api.utils import get_base_url
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
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


class SiteImagesAPIViewSet(ImagesAPIViewSet):
    base_serializer_class = SiteImageSerializer
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "description"]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
