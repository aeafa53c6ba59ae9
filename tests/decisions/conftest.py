"""Fixtures for the decisions tests: a board decision index and FAQ questions."""

import pytest

from decisions.factories import BoardDecisionIndexPageFactory, QuestionFactory


@pytest.fixture
def decision_index(home):
    return BoardDecisionIndexPageFactory(parent=home)


@pytest.fixture
def questions(db):
    return [
        QuestionFactory(
            question="Why did the boundaries change?", slug="why-did-the-boundaries-change"
        ),
        QuestionFactory(question="When was the decision made?", slug="when-was-the-decision-made"),
        QuestionFactory(question="What happens next?", slug="what-happens-next"),
    ]
