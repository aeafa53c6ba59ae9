"""Decision and FAQ page types: they render, editors can create them through
the real admin forms, and the page tree only allows the intended places."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from decisions.factories import (
    BoardDecisionPageFactory,
    FAQPageFactory,
    QuestionFactory,
    faq_body,
)
from decisions.models import (
    BoardDecisionIndexPage,
    BoardDecisionPage,
    FAQPage,
    Question,
)
from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import ContentPage, HomePage


@pytest.fixture
def question(db):
    return QuestionFactory(question="What are the four places?")


@pytest.fixture
def faq(home, question):
    return FAQPageFactory(parent=home, slug="frequently-asked-questions", body=faq_body(question))


@pytest.fixture
def decision(decision_index, faq):
    return BoardDecisionPageFactory(parent=decision_index, related_faq_page=faq)


@pytest.fixture
def place(make_place):
    """A place page (the only type a decision's place link accepts)."""
    return make_place("Blackpool")


def test_pages_render(client, decision_index, decision, faq, page_checks):
    for page in (decision_index, decision, faq):
        page_checks.assertPageIsRenderable(page)


def test_decision_and_faq_pages_are_editable_and_previewable(
    admin_client, decision, faq, place, question, page_checks
):
    decision_data = nested_form_data(
        {
            "title": decision.title,
            "slug": decision.slug,
            "summary": decision.summary,
            "meeting_date": "2022-07-27",
            "status": "agreed",
            "decision": rich_text("<p>Edited decision.</p>"),
            "rationale": rich_text("<p>Edited reasons.</p>"),
            "place_links": inline_formset([{"place": place.pk}]),
            "milestones": inline_formset([]),
            "change_notes": inline_formset([]),
            "related_faq_page": faq.pk,
            "related_questions": streamfield([]),
        }
    )
    page_checks.assertPageIsEditable(decision, post_data=decision_data)
    page_checks.assertPageIsPreviewable(decision, post_data=decision_data)
    faq_data = nested_form_data(
        {
            "title": faq.title,
            "slug": faq.slug,
            "summary": faq.summary,
            "body": streamfield([("question", question.pk)]),
        }
    )
    page_checks.assertPageIsEditable(faq, post_data=faq_data)
    page_checks.assertPageIsPreviewable(faq, post_data=faq_data)


def test_tree_rules(home, decision_index):
    assert set(BoardDecisionIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(BoardDecisionIndexPage.allowed_subpage_models()) == {BoardDecisionPage}
    assert set(BoardDecisionPage.allowed_parent_page_models()) == {BoardDecisionIndexPage}
    assert set(BoardDecisionPage.allowed_subpage_models()) == set()
    # FAQPage also names core.ContentPage as a parent; it becomes allowed there
    # once ContentPage lists FAQPage among its subpage types.
    assert HomePage in FAQPage.allowed_parent_page_models()
    assert set(FAQPage.allowed_parent_page_models()) <= {HomePage, ContentPage}
    assert set(FAQPage.allowed_subpage_models()) == set()
    # Only one index: a second cannot be added.
    assert not BoardDecisionIndexPage.can_create_at(home)


def test_faq_page_created_through_the_admin_form(admin_client, home, question, page_checks):
    page_checks.assertCanCreate(
        home,
        FAQPage,
        nested_form_data(
            {
                "title": "Questions about places",
                "slug": "questions-about-places",
                "summary": "Answers about the four places.",
                "body": streamfield([("group_heading", "The places"), ("question", question.pk)]),
            }
        ),
    )
    page = FAQPage.objects.get(slug="questions-about-places")
    assert page.live
    assert page.questions == [question]


def test_faq_page_rejects_a_question_twice(admin_client, home, question):
    data = nested_form_data(
        {
            "title": "Twice",
            "slug": "twice",
            "summary": "The same question twice.",
            "body": streamfield([("question", question.pk), ("question", question.pk)]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/decisions/faqpage/{home.pk}/", data, follow=True
    )
    assert not FAQPage.objects.filter(slug="twice").exists()
    assert "is already on this page" in response.content.decode()


def test_decision_created_through_the_admin_form(
    admin_client, decision_index, faq, place, question, page_checks
):
    page_checks.assertCanCreate(
        decision_index,
        BoardDecisionPage,
        nested_form_data(
            {
                "title": "Align partnerships to council boundaries",
                "slug": "align",
                "summary": "The board aligned the partnerships to four boundaries.",
                "meeting_date": "2022-07-27",
                "status": "being_implemented",
                "decision": rich_text("<p>Align to the four local authority boundaries.</p>"),
                "rationale": rich_text("<p>To improve population health.</p>"),
                "place_links": inline_formset([{"place": place.pk}]),
                "milestones": inline_formset(
                    [
                        {
                            "date": "2022-08-01",
                            "precision": "month",
                            "description": "Four directors appointed.",
                        }
                    ]
                ),
                "change_notes": inline_formset([{"date": "2022-07-27", "note": "Decision made."}]),
                "related_faq_page": faq.pk,
                "related_questions": streamfield(
                    [
                        (
                            "questions",
                            {
                                "heading": "Questions about this decision",
                                "heading_level": "2",
                                "questions": {
                                    "count": "1",
                                    "0": {
                                        "value": question.pk,
                                        "deleted": "",
                                        "order": "0",
                                        "id": "",
                                    },
                                },
                            },
                        )
                    ]
                ),
            }
        ),
    )
    page = BoardDecisionPage.objects.get(slug="align")
    assert page.live
    assert [link.place_id for link in page.place_links.all()] == [place.pk]
    assert page.timeline[0].display_date == "August 2022"
    assert page.related_questions[0].value["questions"][0] == question
    html = admin_client.get(page.url).content.decode()
    assert "Being implemented" in html
    assert f'href="{place.url}">Blackpool</a>' in html
    assert [place.pk for place in page.places] == [place.pk]
    assert "What are the four places?" in html


def test_places_affected_must_be_place_pages(admin_client, home, decision_index):
    not_a_place = ContentPageFactory(parent=home, title="Not a place")
    response = admin_client.post(
        f"/admin/pages/add/decisions/boarddecisionpage/{decision_index.pk}/",
        nested_form_data(
            {
                "title": "A decision",
                "slug": "a-decision",
                "summary": "A decision.",
                "meeting_date": "2022-07-27",
                "status": "agreed",
                "decision": rich_text("<p>Something.</p>"),
                "rationale": rich_text(""),
                "place_links": inline_formset([{"place": not_a_place.pk}]),
                "milestones": inline_formset([]),
                "change_notes": inline_formset([]),
                "related_questions": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not BoardDecisionPage.objects.filter(slug="a-decision").exists()


def test_superseded_needs_its_replacement_and_vice_versa(
    admin_client, decision_index, decision, faq
):
    url = f"/admin/pages/add/decisions/boarddecisionpage/{decision_index.pk}/"
    base = {
        "title": "Old decision",
        "slug": "old",
        "summary": "An old decision.",
        "meeting_date": "2021-01-01",
        "decision": rich_text("<p>Something.</p>"),
        "rationale": rich_text(""),
        "place_links": inline_formset([]),
        "milestones": inline_formset([]),
        "change_notes": inline_formset([]),
        "related_questions": streamfield([]),
        "action-publish": "publish",
    }
    response = admin_client.post(url, nested_form_data({**base, "status": "superseded"}))
    assert response.status_code == 200
    assert "a superseded decision must link to its replacement" in response.content.decode()

    response = admin_client.post(
        url, nested_form_data({**base, "status": "agreed", "superseded_by": decision.pk})
    )
    assert response.status_code == 200
    assert "Set the status to “Superseded”" in response.content.decode()

    response = admin_client.post(
        url, nested_form_data({**base, "status": "superseded", "superseded_by": faq.pk})
    )
    assert "Select a valid choice." in response.content.decode()
    assert not BoardDecisionPage.objects.filter(slug="old").exists()

    response = admin_client.post(
        url,
        nested_form_data({**base, "status": "superseded", "superseded_by": decision.pk}),
    )
    assert response.status_code == 302
    assert BoardDecisionPage.objects.get(slug="old").superseded_by_id == decision.pk


def test_question_snippet_created_through_the_admin_gets_a_slug(admin_client):
    response = admin_client.post(
        "/admin/snippets/decisions/question/add/",
        nested_form_data(
            {
                "question": "Who are the directors of health and care integration?",
                "slug": "",
                "answer": rich_text("<p>Four directors.</p>"),
            }
        ),
    )
    assert response.status_code == 302
    question = Question.objects.get(question__startswith="Who are the directors")
    assert question.slug == "who-are-the-directors-of-health-and-care-integration"


def test_question_slugs_are_unique_and_stable(db):
    first = Question.objects.create(question="What happens next?", answer="<p>a</p>")
    second = Question.objects.create(question="What happens next?", answer="<p>b</p>")
    assert (first.slug, second.slug) == ("what-happens-next", "what-happens-next-2")
    first.question = "What happens now?"
    first.save()
    first.refresh_from_db()
    assert first.slug == "what-happens-next"  # editing the wording keeps shared links working


def test_milestone_dates_show_the_precision_the_sources_give():
    from decisions.models import BoardDecisionMilestone

    month = BoardDecisionMilestone(date=datetime.date(2022, 8, 1), precision="month")
    day = BoardDecisionMilestone(date=datetime.date(2022, 7, 27), precision="day")
    assert (month.display_date, month.machine_date) == ("August 2022", "2022-08")
    assert (day.display_date, day.machine_date) == ("27 July 2022", "2022-07-27")


def test_chosen_questions_read_as_wagtails_chooser_reads_them(questions):
    """QuestionChooserBlock reads a stream's questions with a compiled query
    (issue 14): the same objects, in the same order, as Wagtail's own chooser,
    with None for a question since deleted and a copy for one chosen twice."""
    from wagtail.snippets.blocks import SnippetChooserBlock

    from decisions.blocks import QuestionChooserBlock

    first, second, third = (q.pk for q in questions)
    values = [second, None, first, second, 987654, third]
    ours = QuestionChooserBlock("decisions.Question").bulk_to_python(values)
    wagtails = SnippetChooserBlock("decisions.Question").bulk_to_python(values)
    fields = [f.attname for f in questions[0]._meta.concrete_fields]

    def described(objects):
        return [obj and [getattr(obj, name) for name in fields] for obj in objects]

    assert described(ours) == described(wagtails)
    assert ours[0] is not ours[3]
    # Another count of questions is another compiled shape; a value that is not a
    # primary key is left to Wagtail's reading.
    assert described(QuestionChooserBlock("decisions.Question").bulk_to_python([third])) == (
        described(SnippetChooserBlock("decisions.Question").bulk_to_python([third]))
    )
    assert QuestionChooserBlock("decisions.Question").deconstruct()[0] == (
        "wagtail.snippets.blocks.SnippetChooserBlock"
    )
