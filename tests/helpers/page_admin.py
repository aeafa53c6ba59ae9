"""Plain-pytest checks of a page type through the real site and admin, in place
of WagtailPageTestCase's assert* methods: each takes the test client (signed
in as an editor where the admin is involved) and fails with a message."""

import json

from django.urls import reverse


def assert_renderable(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, f"{page.url} returned {response.status_code}"


def assert_editable(admin_client, page, post_data):
    """The edit view opens, and saving the form data there goes through."""
    path = reverse("wagtailadmin_pages:edit", kwargs={"page_id": page.pk})
    assert admin_client.get(path).status_code == 200
    response = admin_client.post(path, post_data)
    assert response.status_code == 302, _errors(response)


def assert_previewable(admin_client, page, post_data):
    """The preview of the form data is valid and renders."""
    path = reverse("wagtailadmin_pages:preview_on_edit", kwargs={"page_id": page.pk})
    response = admin_client.post(path, data=post_data, QUERYSTRING="mode=")
    assert response.status_code == 200
    assert json.loads(response.content) == {"is_valid": True, "is_available": True}
    assert admin_client.get(path, data={"mode": ""}).status_code == 200


def assert_can_create(admin_client, parent, child_model, data):
    """The admin's add form publishes a `child_model` under `parent` and returns
    the editor to the parent's listing."""
    assert child_model in parent.specific_class.allowed_subpage_models()
    meta = child_model._meta
    add_url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    response = admin_client.post(add_url, {**data, "action-publish": "action-publish"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("wagtailadmin_explore", args=[parent.pk]), 302)], (
        _errors(response)
    )


def _errors(response):
    form = (response.context or {}).get("form")
    return form.errors if form is not None else response.status_code
