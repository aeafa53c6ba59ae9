"""What comms editors meet in the admin: every page type says what it is for,
every field they fill in has help text, and pages preview (mobile size first).

These checks walk every page type of the project's apps, so a new page type or
field without help text fails here, whichever app it is in.
"""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from wagtail.models import Page

from lscpartnerships.core.factories import ContentPageFactory

from .conftest import edit_url

PROJECT_APPS = {"core", "places", "directors", "decisions", "briefings", "editorial"}

#: Wagtail's own Page fields: their help text is Wagtail's, not ours to write.
WAGTAIL_PAGE_FIELDS = {
    "title",
    "slug",
    "seo_title",
    "search_description",
    "show_in_menus",
    "go_live_at",
    "expire_at",
}


def project_page_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Page)
            and model is not Page
            and model._meta.app_label in PROJECT_APPS
        ),
        key=lambda model: model._meta.label,
    )


def _fields_without_help_text(model, form_options):
    missing = []
    for name in form_options.get("fields") or []:
        if model is not None and issubclass(model, Page) and name in WAGTAIL_PAGE_FIELDS:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a form-only field, not a model field
        if not getattr(field, "concrete", False):
            continue
        if not str(field.help_text or "").strip():
            missing.append(f"{model._meta.label}.{name}")
    for relation, options in (form_options.get("formsets") or {}).items():
        child = model._meta.get_field(relation).related_model
        if child._meta.app_label not in PROJECT_APPS:
            continue  # Wagtail's own formsets, e.g. comments on fields
        missing += _fields_without_help_text(child, options)
    return missing


def test_the_project_has_page_types_to_check():
    labels = {model._meta.label for model in project_page_models()}
    assert {"core.HomePage", "core.ContentPage"} <= labels


@pytest.mark.parametrize("model", project_page_models(), ids=lambda model: model._meta.label)
def test_page_type_has_a_description(model):
    description = (
        str(model.page_description or "").strip() if hasattr(model, "page_description") else ""
    )
    assert description, f"{model._meta.label} has no page_description"


@pytest.mark.parametrize("model", project_page_models(), ids=lambda model: model._meta.label)
def test_every_field_an_editor_sees_has_help_text(model):
    form_options = model.get_edit_handler().get_form_options()
    missing = _fields_without_help_text(model, form_options)
    assert not missing, f"Fields without help text: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", project_page_models(), ids=lambda model: model._meta.label)
def test_page_type_previews_with_mobile_size_first(model):
    page = model()
    assert page.is_previewable()
    assert page.default_preview_size == "mobile"
    assert {size["name"] for size in page.preview_sizes} >= {"mobile", "tablet", "desktop"}


@pytest.mark.django_db
def test_an_editor_can_preview_a_draft_before_submitting(home, editor_client, content_kind):
    page = ContentPageFactory(parent=home, title="Preview me", slug="preview-me")
    data = content_kind.form_data("Preview me", "preview-me", "Seen only in preview.")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = editor_client.post(preview_url, data)
    assert response.json()["is_valid"] is True
    response = editor_client.get(preview_url, {"mode": "", "in_preview_panel": "true"})
    assert response.status_code == 200
    assert "Seen only in preview." in response.content.decode()
    # The preview panel with its size switcher is on the edit screen.
    html = editor_client.get(edit_url(page)).content.decode()
    assert "Preview in mobile size" in html
