"""FAQ pages and reused questions: stable anchors, expanders that work without
JavaScript, schema.org FAQPage data, and no query per question."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.factories import (
    BoardDecisionPageFactory,
    FAQPageFactory,
    QuestionFactory,
    faq_body,
)

pytestmark = pytest.mark.django_db


def json_ld(html):
    """The page's FAQPage JSON-LD blocks (the shell adds a BreadcrumbList too)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [data for data in map(json.loads, blocks) if data["@type"] == "FAQPage"]


def test_questions_render_as_expanders_with_their_slug_as_id(client, home, questions):
    page = FAQPageFactory(parent=home, body=faq_body("The board’s decision", *questions))
    html = client.get(page.url).content.decode()
    for question in questions:
        assert f'<details class="nhsuk-details nhsuk-expander" id="{question.slug}">' in html
        assert f'<a href="#{question.slug}">{question.question}</a>' in html
    assert "<h2>The board’s decision</h2>" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids on the page must be unique"


def test_without_groups_the_expanders_sit_under_the_h1(client, home, questions):
    page = FAQPageFactory(parent=home, body=faq_body(*questions))
    html = client.get(page.url).content.decode()
    main = html.split('id="maincontent"')[1]
    assert re.findall(r"<h(\d)", main) == ["1"]
    assert main.count("nhsuk-expander") == 3


def test_anchor_is_stable_when_the_wording_changes(client, home, questions):
    page = FAQPageFactory(parent=home, body=faq_body(*questions))
    question = questions[0]
    question.question = "Why were the boundaries changed?"
    question.save()
    html = client.get(page.url).content.decode()
    assert 'id="why-did-the-boundaries-change"' in html
    assert "Why were the boundaries changed?" in html


def test_faq_json_ld(client, home, questions):
    questions[
        0
    ].answer = (
        "<p>To improve <b>population health</b> &amp; flow.</p><ul><li>One</li><li>Two</li></ul>"
    )
    questions[0].save()
    page = FAQPageFactory(parent=home, body=faq_body("Group", *questions))
    (data,) = json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == 3
    first = data["mainEntity"][0]
    assert first["@type"] == "Question"
    assert first["name"] == "Why did the boundaries change?"
    assert first["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "To improve population health & flow. One Two",
    }


def test_json_ld_follows_an_edited_answer(client, home, questions):
    """Each answer's plain text is kept per source text (decisions.models.plain_text):
    an edited answer is new text, shown at once."""
    page = FAQPageFactory(parent=home, body=faq_body(*questions))
    texts = [json_ld(client.get(page.url).content.decode())[0]["mainEntity"][0] for _ in "ab"]
    assert texts[0] == texts[1]
    questions[0].answer = "<p>Because the <i>board</i> decided so.</p>"
    questions[0].save()
    (data,) = json_ld(client.get(page.url).content.decode())
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Because the board decided so."


def test_deleted_question_disappears_without_error(client, home, questions):
    page = FAQPageFactory(parent=home, body=faq_body(*questions))
    questions[1].delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "When was the decision made?" not in response.content.decode()
    assert len(json_ld(response.content.decode())[0]["mainEntity"]) == 2


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response.content.decode()


def test_faq_page_queries_do_not_grow_with_questions(client, home):
    few = FAQPageFactory(
        parent=home, slug="few", body=faq_body("A", *QuestionFactory.create_batch(3))
    )
    many = FAQPageFactory(
        parent=home,
        slug="many",
        body=faq_body("A", *QuestionFactory.create_batch(6), "B", *QuestionFactory.create_batch(6)),
    )
    few_count, _ = _queries(client, few.url)
    many_count, html = _queries(client, many.url)
    assert html.count("nhsuk-expander") == 12
    assert few_count == many_count


def test_questions_block_on_a_decision_links_to_the_faq_answers(
    client, home, decision_index, questions
):
    FAQPageFactory(parent=home, slug="frequently-asked-questions", body=faq_body(*questions))
    stray = QuestionFactory(question="A question on no FAQ page?")
    decision = BoardDecisionPageFactory(
        parent=decision_index,
        related_questions=[
            (
                "questions",
                {
                    "heading": "Questions about this decision",
                    "heading_level": "2",
                    "questions": [questions[2], stray],
                },
            )
        ],
    )
    html = client.get(decision.url).content.decode()
    assert "<h2>Questions about this decision</h2>" in html
    assert html.count('<details class="nhsuk-details nhsuk-expander">') == 2
    assert "What happens next?" in html and "A question on no FAQ page?" in html
    assert (
        '<a href="/frequently-asked-questions/#what-happens-next">This answer on the frequently '
        'asked questions page<span class="nhsuk-u-visually-hidden">: What happens next?</span></a>'
    ) in html
    # No link for a question no FAQ page lists.
    assert html.count("This answer on the") == 1


def test_questions_block_fetches_questions_in_bulk(client, home, decision_index):
    few = QuestionFactory.create_batch(3)
    many = QuestionFactory.create_batch(12)
    FAQPageFactory(parent=home, slug="frequently-asked-questions", body=faq_body(*many))

    def decision(slug, chosen):
        return BoardDecisionPageFactory(
            parent=decision_index,
            slug=slug,
            related_questions=[
                ("questions", {"heading": "Questions", "heading_level": "2", "questions": chosen})
            ],
        )

    few_count, _ = _queries(client, decision("few", few).url)
    many_count, html = _queries(client, decision("many", many).url)
    assert html.count("nhsuk-expander") == 12
    assert few_count == many_count


def test_all_questions_of_a_page_come_in_one_query(home, django_assert_num_queries):
    from decisions.models import FAQPage

    page = FAQPageFactory(parent=home, body=faq_body("A", *QuestionFactory.create_batch(12)))
    page = FAQPage.objects.get(pk=page.pk)
    with django_assert_num_queries(1):
        assert len(page.questions) == 12
        assert len(page.json_ld_data["mainEntity"]) == 12
