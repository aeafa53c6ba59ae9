"""Factories for the decisions app's page types and FAQ questions (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from factory import Sequence
from factory.django import DjangoModelFactory

from lscpartnerships.core.factories import under_existing_or_new, under_site_home

from .models import BoardDecisionIndexPage, BoardDecisionPage, FAQPage, Question


class QuestionFactory(DjangoModelFactory):
    question = Sequence(lambda n: f"Question number {n}?")
    slug = Sequence(lambda n: f"question-number-{n}")
    answer = "<p>The answer, in plain language.</p>"

    class Meta:
        model = Question


def faq_body(*items):
    """Stream data for FAQPage.body: strings are group headings, Questions are questions."""
    return [
        ("group_heading", item) if isinstance(item, str) else ("question", item) for item in items
    ]


class FAQPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = "Frequently asked questions"
    slug = Sequence(lambda n: f"faqs-{n}")
    summary = "Answers to common questions."
    body = factory.LazyFunction(list)

    class Meta:
        model = FAQPage


class BoardDecisionIndexPageFactory(wagtail_factories.PageFactory):
    parent = under_site_home()
    title = "Board decisions"
    slug = "board-decisions"
    summary = "Decisions of the board."

    class Meta:
        model = BoardDecisionIndexPage


class BoardDecisionPageFactory(wagtail_factories.PageFactory):
    parent = under_existing_or_new(BoardDecisionIndexPageFactory)
    title = Sequence(lambda n: f"Board decision {n}")
    summary = "What the board decided, in a sentence."
    meeting_date = datetime.date(2022, 7, 27)
    status = BoardDecisionPage.AGREED
    decision = "<p>The board decided this.</p>"
    rationale = "<p>Because of that.</p>"

    class Meta:
        model = BoardDecisionPage
