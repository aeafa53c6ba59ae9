"""Public URLs of the briefings app (included before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("<int:document_id>/<slug:slug>/", views.serve_document, name="document"),
]
