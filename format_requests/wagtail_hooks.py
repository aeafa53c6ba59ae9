"""The comms team's queue of accessible-format requests (main admin menu).

Soonest reply-by date first, filterable by status, with overdue requests
flagged; staff change the status and keep notes. Who asked is personal data:
only users with the format_requests permissions see the queue (a data
migration grants them to the comms groups, who answer the requests)."""

from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .choices import CLOSED, SENT
from .models import FormatRequest


class RequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come from readers through the public form: nobody adds one in
    the admin, not even a superuser (the queue would gain empty requests)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(FormatRequest, RequestPermissionPolicy(FormatRequest))


class ReplyByColumn(Column):
    """The reply-by date, with "Overdue" after it when it has passed."""

    cell_template_name = "format_requests/admin/reply_by_cell.html"


class FormatRequestViewSet(ModelViewSet):
    model = FormatRequest
    icon = "doc-full"
    menu_label = "Format requests"
    menu_order = 290
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status", "format"]
    search_fields = ["document_title", "name", "email"]
    ordering = ["reply_by", "pk"]
    form_fields = ["status", "staff_note"]
    inspect_view_fields = [
        "document_title",
        "name",
        "email",
        "format",
        "other_format",
        "note",
        "status",
        "created_at",
        "reply_by",
        "staff_note",
    ]

    @property
    def list_display(self):
        return [
            "__str__",
            "name",
            StatusTagColumn(
                "status",
                label="Status",
                accessor="get_status_display",
                primary=lambda request: request.status not in (SENT, CLOSED),
            ),
            ReplyByColumn("reply_by", label="Reply by", sort_key="reply_by"),
            DateColumn("created_at", label="Asked", sort_key="created_at"),
        ]


@hooks.register("register_admin_viewset")
def register_format_request_viewset():
    return FormatRequestViewSet("format_requests")
