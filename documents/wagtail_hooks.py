"""Admin and serving hooks for documents.

- Editors see download counts in a sortable "Downloads" column of the
  documents listing (and on each document's edit form, see forms.py).
- `before_serve_document`: the public only gets documents used by a live
  public page (lscpartnerships.core.visibility); then old addresses
  (Wagtail's file-name ones, an outdated title) redirect to the stable one.
- Rich-text document links say what the file is (rich_text.py).
"""

from django.urls import path
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.documents.views import documents as document_views

from lscpartnerships.core.visibility import check_document_is_public

from .rich_text import DocumentLinkHandler
from .views import redirect_to_stable_address


class DocumentIndexView(document_views.IndexView):
    """Wagtail's documents listing with a "Downloads" column."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(
            len(columns) - 1,
            NumberColumn(
                "download_count",
                label="Downloads",
                sort_key="download_count",
                width="12%",
            ),
        )
        columns.insert(
            len(columns) - 1,
            Column(
                "accessibility_summary",
                label="Accessibility checks",
                sort_key="passes_accessibility_checks",
                width="20%",
            ),
        )
        return columns


class DocumentCreateView(document_views.CreateView):
    """Wagtail's single-document upload, whose confirmation also says how
    the PDF did in the automatic accessibility checks."""

    def get_success_message(self, instance):
        message = super().get_success_message(instance)
        if instance.passes_accessibility_checks is None:
            return message
        return f"{message} Automatic accessibility checks: {instance.accessibility_summary}."


@hooks.register("register_admin_urls", order=-10)
def register_document_listing():
    # Registered before Wagtail's documents app (order -10), so these paths
    # answer /admin/documents/ and its search results; every other documents
    # admin URL stays Wagtail's own.
    return [
        path("documents/", DocumentIndexView.as_view(), name="documents_index"),
        path(
            "documents/results/",
            DocumentIndexView.as_view(results_only=True),
            name="documents_index_results",
        ),
        path("documents/add/", DocumentCreateView.as_view(), name="documents_add"),
    ]


hooks.register("before_serve_document", check_document_is_public, order=-10)
hooks.register("before_serve_document", redirect_to_stable_address, order=100)


@hooks.register("register_rich_text_features", order=10)
def register_document_link_with_metadata(features):
    """Replace Wagtail's document link handler (registered at order 0) with
    one that adds the file's type, size and pages (rich_text.py)."""
    features.register_link_type(DocumentLinkHandler)
