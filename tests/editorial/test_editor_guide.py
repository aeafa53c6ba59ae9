"""The editor guide is a page in the admin, in the menu, explaining the roles and
how to publish a briefing end to end."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_guide_is_in_the_admin_menu(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Editor guide" in html
    assert reverse("editorial_guide") in html


def test_guide_explains_roles_and_publishing_a_briefing_end_to_end(editor_client):
    response = editor_client.get(reverse("editorial_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Editor guide" in html
    for group in ("Comms editors", "Comms approvers", "Site administrators"):
        assert f'<h3 class="w-h3">{group}</h3>' in html
    for step in (
        "Step 1: upload the PDF",
        "Step 2: write the briefing page",
        "Step 3: preview",
        "Step 4: submit for sign-off",
        "Step 5: approval (approvers)",
        "Step 6: making requested changes (editors)",
        "Scheduling publishing and expiry",
        "Review dates and the “being reviewed” notice",
        "Content health and reminders",
    ):
        assert step in html
    # The words match the buttons Wagtail shows for this workflow.
    assert "Submit to Comms sign-off" in html
    assert "Resubmit to Comms approvers" in html
    assert "accessible" in html and "description" in html
    assert reverse("editorial_content_health") in html


def test_guide_needs_an_admin_login(client):
    response = client.get(reverse("editorial_guide"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


def test_content_health_report_is_in_the_reports_menu(approver_client):
    html = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("editorial_content_health") in html
