"""Admin additions for comms staff: the content-health dashboard panel, the
full content-health report and the editor guide (with their menu items)."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component

from . import health
from .views import ContentHealthView, EditorGuideView

#: How many items of each list the dashboard shows before "Show all".
PANEL_LIMIT = 10


class ContentHealthPanel(Component):
    """Dashboard panel: pages due for review, documents not marked accessible,
    images without alternative text, each linking to its edit screen."""

    name = "content_health"
    template_name = "editorial/content_health_panel.html"
    order = 150  # after Wagtail's summary, before "Awaiting your review"

    def get_context_data(self, parent_context):
        review_items = health.pages_for_review()
        documents = health.inaccessible_documents()
        images = health.images_without_alt_text()
        document_list = list(documents[: PANEL_LIMIT + 1])
        image_list = list(images[: PANEL_LIMIT + 1])
        return {
            "request": parent_context["request"],
            "due_soon_days": health.due_soon_days(),
            "review_items": review_items[:PANEL_LIMIT],
            "review_total": len(review_items),
            "documents": document_list[:PANEL_LIMIT],
            "documents_total": (
                documents.count() if len(document_list) > PANEL_LIMIT else len(document_list)
            ),
            "images": image_list[:PANEL_LIMIT],
            "images_total": images.count() if len(image_list) > PANEL_LIMIT else len(image_list),
            "limit": PANEL_LIMIT,
            "report_url": reverse("editorial_content_health"),
        }


@hooks.register("construct_homepage_panels")
def add_content_health_panel(request, panels):
    panels.append(ContentHealthPanel())


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("editor-guide/", EditorGuideView.as_view(), name="editorial_guide"),
        path("content-health/", ContentHealthView.as_view(), name="editorial_content_health"),
    ]


@hooks.register("register_admin_menu_item")
def register_editor_guide_menu_item():
    return MenuItem("Editor guide", reverse("editorial_guide"), icon_name="help", order=10000)


@hooks.register("register_reports_menu_item")
def register_content_health_report_menu_item():
    return MenuItem(
        "Content health", reverse("editorial_content_health"), icon_name="warning", order=50
    )


@hooks.register("insert_editor_js")
def autosave_guard_js():
    """Page and snippet editors: no edit is missed by autosave, and a submit never
    races an autosave of a new page (static/editorial/js/autosave.js)."""
    return format_html('<script src="{}"></script>', versioned_static("editorial/js/autosave.js"))
