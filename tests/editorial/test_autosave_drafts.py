"""A new page's draft can be autosaved as soon as it has a title (ADR 0042).

Wagtail's autosave posts the create form as a draft; fields the database cannot
store empty (a non-null date) stayed required even for drafts, so every autosave
of a new briefing or board decision answered 400 until the editor found the date
field. Submitting or publishing still requires the date.
"""

import pytest
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

from briefings.factories import BriefingIndexPageFactory
from briefings.models import BriefingPage
from decisions.factories import BoardDecisionIndexPageFactory
from decisions.models import BoardDecisionPage

from .conftest import add_url

pytestmark = pytest.mark.django_db

KINDS = [
    (BriefingPage, BriefingIndexPageFactory),
    (BoardDecisionPage, BoardDecisionIndexPageFactory),
]


def create_form(client, model, parent):
    url = add_url(model, parent)
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript: post them empty, as a fresh form does.
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    data["title"] = "Written in a hurry"
    data["slug"] = "written-in-a-hurry"
    return url, data


@pytest.mark.parametrize(("model", "parent_factory"), KINDS, ids=["briefing", "decision"])
def test_autosave_of_a_new_page_with_only_a_title_succeeds(
    admin_client, home, model, parent_factory
):
    parent = parent_factory(parent=home)
    url, data = create_form(admin_client, model, parent)
    response = admin_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    page = model.objects.get(slug="written-in-a-hurry")
    assert not page.live


def test_a_decision_cannot_be_submitted_without_its_meeting_date(admin_client, home):
    parent = BoardDecisionIndexPageFactory(parent=home)
    url, data = create_form(admin_client, BoardDecisionPage, parent)
    data["meeting_date"] = ""
    data["action-submit"] = "Submit"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not BoardDecisionPage.objects.filter(slug="written-in-a-hurry").exists()
    assert "meeting_date" in response.context["form"].errors


def test_a_new_briefing_is_dated_today(admin_client, home):
    import datetime

    parent = BriefingIndexPageFactory(parent=home)
    url, data = create_form(admin_client, BriefingPage, parent)
    assert data["publication_date"] == datetime.date.today().isoformat()
