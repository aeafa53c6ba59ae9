"""Public URLs of the documents app (included before Wagtail's own /documents/ URLs)."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<int:document_id>/<slug:slug>/", views.serve, name="document"),
]
