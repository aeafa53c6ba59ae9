"""Rows made before FAQ questions and former partnerships had drafts survive the
migration that gives them drafts: they stay live, public, and get a first revision
holding their content (successors included), and the workflow covers the types.

Runs the real migrations backwards and forwards on the test database.
"""

import pytest

from tests.helpers.migrations import latest, migrate

BEFORE = [
    ("editorial", "0001_roles_and_workflow"),
    ("decisions", "0001_initial"),
    ("places", "0001_initial"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_rows_stay_live_with_a_first_revision(client):
    old_apps = migrate(BEFORE)
    try:
        Question = old_apps.get_model("decisions", "Question")
        FormerPartnership = old_apps.get_model("places", "FormerPartnership")
        question = Question.objects.create(
            question="Why did the boundaries change?",
            slug="why",
            answer="<p>To match councils.</p>",
        )
        former = FormerPartnership.objects.create(name="Pennine Lancashire ICP", end_year=2022)
    finally:
        leaves = latest()
        migrate(leaves)

    from wagtail.models import WorkflowContentType

    from decisions.models import Question as NewQuestion
    from places.models import FormerPartnership as NewFormerPartnership

    question = NewQuestion.objects.get(pk=question.pk)
    assert question.live and not question.has_unpublished_changes
    assert question.live_revision_id == question.latest_revision_id is not None
    restored = question.latest_revision.as_object()
    assert restored.question == "Why did the boundaries change?"
    assert restored.answer == "<p>To match councils.</p>"

    former = NewFormerPartnership.objects.get(pk=former.pk)
    assert former.live and former.latest_revision is not None
    assert former.latest_revision.as_object().end_year == 2022
    assert former.revisions.count() == 1

    names = {wct.content_type.model: wct.workflow.name for wct in WorkflowContentType.objects.all()}
    assert names == {"question": "Comms sign-off", "formerpartnership": "Comms sign-off"}
