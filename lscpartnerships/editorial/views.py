"""Admin views for comms staff: the editor guide and the full content-health report.

Both are ordinary Wagtail admin pages (WagtailAdminTemplateMixin), so they have
the admin's header, breadcrumbs and access check (`access_admin`).
"""

from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import health, roles


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """How to publish a briefing end to end, and who can do what."""

    page_title = "Editor guide"
    header_icon = "help"
    template_name = "editorial/editor_guide.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            editors=roles.EDITORS,
            approvers=roles.APPROVERS,
            administrators=roles.ADMINISTRATORS,
            workflow=roles.WORKFLOW,
            task=roles.TASK,
            due_soon_days=health.due_soon_days(),
        )
        return context


class ContentHealthView(WagtailAdminTemplateMixin, TemplateView):
    """Every item the dashboard's content-health panel counts, not just the first few."""

    page_title = "Content health"
    header_icon = "warning"
    template_name = "editorial/content_health.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            review_items=health.pages_for_review(),
            documents=list(health.inaccessible_documents()),
            images=list(health.images_without_alt_text()),
            failing_pdfs_total=health.pdfs_failing_accessibility_checks().count(),
            overdue_requests=health.overdue_format_requests(),
            show_requests=True,
            due_soon_days=health.due_soon_days(),
        )
        return context
