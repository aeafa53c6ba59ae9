"""FAQ questions and former partnerships go through "Comms sign-off" like pages.

Through the real admin views: an editor edits a live question and submits it; the
public FAQ page, the question reused on a decision page and the partner API keep
the published answer until an approver approves. A question or former partnership
that was never published never appears publicly.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from decisions.factories import BoardDecisionPageFactory, FAQPageFactory, QuestionFactory, faq_body
from decisions.models import Question
from places.factories import FormerPartnershipFactory, PlaceIndexPageFactory
from places.models import FormerPartnership

pytestmark = pytest.mark.django_db

OLD = "The board agreed it on 27 July 2022."
NEW = "The board agreed it at its meeting on 27 July 2022, in public."


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def question_form(question, answer):
    return nested_form_data(
        {"question": question.question, "slug": question.slug, "answer": rich_text(answer)}
    )


def published_question(**fields):
    question = QuestionFactory(**fields)
    question.save_revision().publish()
    return question


@pytest.fixture
def faq(home):
    question = published_question(
        question="When was the decision made?", slug="when", answer=f"<p>{OLD}</p>"
    )
    page = FAQPageFactory(parent=home, slug="faqs", body=faq_body(question))
    return question, page


def test_the_workflow_covers_both_snippet_types():
    for model in (Question, FormerPartnership):
        workflow = model().get_workflow()
        assert workflow is not None and workflow.name == "Comms sign-off", model


def test_editor_edits_approver_approves_public_changes_only_then(
    client, editor_client, approver_client, faq, home
):
    question, page = faq
    decision = BoardDecisionPageFactory(
        parent=home,
        related_questions=[("questions", {"heading": "", "questions": [question]})],
    )

    data = question_form(question, f"<p>{NEW}</p>")
    data["action-submit"] = "Submit"
    response = editor_client.post(url(Question, "edit", question.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    question.refresh_from_db()
    assert question.live and question.has_unpublished_changes
    state = question.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Comms sign-off"
    # The public still reads the approved answer, everywhere it is shown.
    for public_url in (page.url, decision.url):
        html = client.get(public_url).content.decode()
        assert OLD in html and NEW not in html, public_url
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert OLD in api["api_questions"][0]["answer"]

    # The editor cannot publish it themselves.
    data["action-publish"] = "Publish"
    editor_client.post(url(Question, "edit", question.pk), data)
    question.refresh_from_db()
    assert OLD in question.answer

    task_state = question.current_workflow_task_state
    response = approver_client.post(
        url(Question, "workflow_action", question.pk, "approve", task_state.pk), {"comment": ""}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.current_workflow_state is None
    assert not question.has_unpublished_changes
    for public_url in (page.url, decision.url):
        html = client.get(public_url).content.decode()
        assert NEW in html and OLD not in html, public_url
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert NEW in api["api_questions"][0]["answer"]


def test_a_draft_question_never_appears_publicly(client, editor_client, faq, home):
    question, page = faq
    data = nested_form_data(
        {"question": "Is this a draft?", "slug": "draft-question", "answer": rich_text("<p>x</p>")}
    )
    response = editor_client.post(url(Question, "add"), data)
    assert response.status_code == 302
    draft = Question.objects.get(slug="draft-question")
    assert not draft.live
    page.body = faq_body(question, draft)
    page.save_revision().publish()
    decision = BoardDecisionPageFactory(
        parent=home,
        related_questions=[("questions", {"heading": "", "questions": [draft]})],
    )
    for public_url in (page.url, decision.url):
        html = client.get(public_url).content.decode()
        assert "Is this a draft?" not in html and "draft-question" not in html, public_url
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert [q["id"] for q in api["api_questions"]] == ["when"]


def test_an_unpublished_question_disappears(client, approver_client, faq):
    question, page = faq
    response = approver_client.post(url(Question, "unpublish", question.pk))
    assert response.status_code == 302
    html = client.get(page.url).content.decode()
    assert OLD not in html
    assert "There are no questions on this page yet." in html


def test_former_partnership_goes_through_sign_off(
    client, editor_client, approver_client, home, django_assert_max_num_queries
):
    index = PlaceIndexPageFactory(parent=home)
    former = FormerPartnershipFactory(name="Fylde Coast Integrated Care Partnership")
    former.save_revision().publish()
    data = nested_form_data(
        {
            "name": "Fylde Coast Integrated Care Partnership",
            "start_year": "2016",
            "end_year": "2022",
            "note": "Now part of Blackpool and Lancashire.",
        }
    )
    data["action-submit"] = "Submit"
    assert editor_client.post(url(FormerPartnership, "edit", former.pk), data).status_code == 302
    html = client.get(index.url).content.decode()
    assert "Fylde Coast Integrated Care Partnership" in html
    assert "Now part of Blackpool and Lancashire." not in html

    former.refresh_from_db()
    task_state = former.current_workflow_task_state
    approver_client.post(
        url(FormerPartnership, "workflow_action", former.pk, "approve", task_state.pk),
        {"comment": ""},
    )
    html = client.get(index.url).content.decode()
    assert "Now part of Blackpool and Lancashire." in html

    # A new one an editor saves as a draft is not listed.
    data = nested_form_data({"name": "Draft partnership", "start_year": "", "end_year": ""})
    assert editor_client.post(url(FormerPartnership, "add"), data).status_code == 302
    assert not FormerPartnership.objects.get(name="Draft partnership").live
    assert "Draft partnership" not in client.get(index.url).content.decode()


@pytest.mark.parametrize("model", [Question, FormerPartnership])
def test_snippet_preview_renders_in_the_site_shell(admin_client, model):
    if model is Question:
        obj = published_question(question="Who leads each place?", answer="<p>A director.</p>")
        data = question_form(obj, "<p>A director, named on each place page.</p>")
        expected = "A director, named on each place page."
    else:
        obj = FormerPartnershipFactory(name="Central Lancashire ICP")
        data = nested_form_data({"name": "Central Lancashire ICP", "end_year": "2022"})
        expected = "Until 2022"
    preview_url = url(model, "preview_on_edit", obj.pk)
    assert admin_client.post(preview_url, data).json()["is_valid"]
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "nhsuk-header" in html and "nhsuk-footer" in html
    assert response["X-Frame-Options"] == "SAMEORIGIN"
