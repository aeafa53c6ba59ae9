"""Public URLs of accessible-format requests (before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "format_requests_public"

urlpatterns = [
    path("<int:document_id>/", views.RequestFormView.as_view(), name="request"),
    path("<int:document_id>/thank-you/", views.thanks, name="thanks"),
]
