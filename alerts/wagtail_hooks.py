"""Admin for email alerts.

- "Email alert subscribers" (Reports): how many people get each list, for
  every place and per place. Any editor can see it; no address is shown.
- "Alert subscriptions" (Settings): the addresses themselves, for users with
  the alerts permissions (superusers, or a group an administrator grants them
  to). Editors and approvers are not given them, so they never see addresses.
"""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from .choices import LIST_CHOICES
from .models import Alert, Subscription
from .views import place_options


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "mail"
    menu_label = "Alert subscriptions"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["email", "briefings", "decisions", "confirmed_at"]
    search_fields = ["email"]
    form_fields = ["email", "briefings", "decisions", "places"]


def subscriber_counts():
    """{list: {"all": n, "total": n, place_id: n}} in two queries."""
    totals = Subscription.objects.aggregate(
        **{f"{key}_total": Count("pk", filter=Q(**{key: True})) for key, _ in LIST_CHOICES},
        **{
            f"{key}_all": Count("pk", filter=Q(**{key: True}, places__isnull=True))
            for key, _ in LIST_CHOICES
        },
    )
    per_place = (
        Subscription.places.through.objects.values("placepartnershippage_id")
        .annotate(
            **{
                key: Count("subscription", filter=Q(**{f"subscription__{key}": True}))
                for key, _ in LIST_CHOICES
            }
        )
        .order_by()
    )
    counts = {
        key: {"total": totals[f"{key}_total"], "all": totals[f"{key}_all"]}
        for key, _ in LIST_CHOICES
    }
    for row in per_place:
        for key, _ in LIST_CHOICES:
            counts[key][row["placepartnershippage_id"]] = row[key]
    return counts


class SubscriberCountsView(WagtailAdminTemplateMixin, TemplateView):
    """Counts per list and place, never addresses."""

    page_title = "Email alert subscribers"
    header_icon = "mail"
    template_name = "alerts/admin/subscriber_counts.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = subscriber_counts()
        places = place_options()
        keys = [key for key, _ in LIST_CHOICES]
        context["lists"] = [label for _, label in LIST_CHOICES]
        context["totals"] = [counts[key]["total"] for key in keys]
        context["rows"] = [("Every place", [counts[key]["all"] for key in keys])] + [
            (f"{title} only", [counts[key].get(pk, 0) for key in keys]) for pk, title in places
        ]
        context["places"] = places
        context["recent_alerts"] = Alert.objects.annotate(
            sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
            waiting=Count("deliveries", filter=Q(deliveries__sent_at__isnull=True)),
        ).order_by("-created_at")[:10]
        return context


@hooks.register("register_admin_viewset")
def register_subscription_viewset():
    return SubscriptionViewSet("alert_subscriptions")


@hooks.register("register_admin_urls")
def register_alert_admin_urls():
    return [
        path(
            "email-alert-subscribers/",
            SubscriberCountsView.as_view(),
            name="alerts_subscriber_counts",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_subscriber_counts_menu_item():
    return MenuItem(
        "Email alert subscribers", reverse("alerts_subscriber_counts"), icon_name="mail", order=60
    )
