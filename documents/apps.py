from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The site's document model (WAGTAILDOCS_DOCUMENT_MODEL): upload checks,
    PDF metadata, serving through Wagtail's view, download counts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from wagtail.documents.models import document_served

        from .signals import count_download

        document_served.connect(count_download, dispatch_uid="documents.count_download")
