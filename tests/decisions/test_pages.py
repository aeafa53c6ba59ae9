"""Decision and FAQ page types: they render, editors can create them through
the real admin forms, and the page tree only allows the intended places."""

import datetime

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from decisions.factories import (
    BoardDecisionIndexPageFactory,
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


def make_place(home):
    """A place page: the places app's own type once it exists (the chooser and
    validation then require it), else any page."""
    try:
        from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory
    except ImportError:
        return ContentPageFactory(parent=home, title="Blackpool")
    return PlacePartnershipPageFactory(parent=PlaceIndexPageFactory(parent=home), title="Blackpool")


class TestDecisionPageTypes(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="Home", slug="home-decisions", summary="The home page.")
        root.add_child(instance=cls.home)
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()  # through save(), so Wagtail's cached site root paths are cleared
        cls.index = BoardDecisionIndexPageFactory(parent=cls.home)
        cls.question = QuestionFactory(question="What are the four places?")
        cls.faq = FAQPageFactory(
            parent=cls.home, slug="frequently-asked-questions", body=faq_body(cls.question)
        )
        cls.decision = BoardDecisionPageFactory(parent=cls.index, related_faq_page=cls.faq)
        cls.place = make_place(cls.home)

    def setUp(self):
        self.login()

    def test_pages_render(self):
        for page in (self.index, self.decision, self.faq):
            self.assertPageIsRenderable(page)

    def test_decision_and_faq_pages_are_editable_and_previewable(self):
        decision = nested_form_data(
            {
                "title": self.decision.title,
                "slug": self.decision.slug,
                "summary": self.decision.summary,
                "meeting_date": "2022-07-27",
                "status": "agreed",
                "decision": rich_text("<p>Edited decision.</p>"),
                "rationale": rich_text("<p>Edited reasons.</p>"),
                "place_links": inline_formset([{"place": self.place.pk}]),
                "milestones": inline_formset([]),
                "change_notes": inline_formset([]),
                "related_faq_page": self.faq.pk,
                "related_questions": streamfield([]),
            }
        )
        self.assertPageIsEditable(self.decision, post_data=decision)
        self.assertPageIsPreviewable(self.decision, post_data=decision)
        faq = nested_form_data(
            {
                "title": self.faq.title,
                "slug": self.faq.slug,
                "summary": self.faq.summary,
                "body": streamfield([("question", self.question.pk)]),
            }
        )
        self.assertPageIsEditable(self.faq, post_data=faq)
        self.assertPageIsPreviewable(self.faq, post_data=faq)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(BoardDecisionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BoardDecisionIndexPage, {BoardDecisionPage})
        self.assertAllowedParentPageTypes(BoardDecisionPage, {BoardDecisionIndexPage})
        self.assertAllowedSubpageTypes(BoardDecisionPage, set())
        # FAQPage also names core.ContentPage as a parent; it becomes allowed there
        # once ContentPage lists FAQPage among its subpage types.
        assert HomePage in FAQPage.allowed_parent_page_models()
        assert set(FAQPage.allowed_parent_page_models()) <= {HomePage, ContentPage}
        self.assertAllowedSubpageTypes(FAQPage, set())
        # Only one index: a second cannot be added.
        assert not BoardDecisionIndexPage.can_create_at(self.home)

    def test_faq_page_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.home,
            FAQPage,
            nested_form_data(
                {
                    "title": "Questions about places",
                    "slug": "questions-about-places",
                    "summary": "Answers about the four places.",
                    "body": streamfield(
                        [("group_heading", "The places"), ("question", self.question.pk)]
                    ),
                }
            ),
        )
        page = FAQPage.objects.get(slug="questions-about-places")
        assert page.live
        assert page.questions == [self.question]

    def test_faq_page_rejects_a_question_twice(self):
        data = nested_form_data(
            {
                "title": "Twice",
                "slug": "twice",
                "summary": "The same question twice.",
                "body": streamfield(
                    [("question", self.question.pk), ("question", self.question.pk)]
                ),
                "action-publish": "publish",
            }
        )
        response = self.client.post(
            f"/admin/pages/add/decisions/faqpage/{self.home.pk}/", data, follow=True
        )
        assert not FAQPage.objects.filter(slug="twice").exists()
        assert "is already on this page" in response.content.decode()

    def test_decision_created_through_the_admin_form(self):
        self.assertCanCreate(
            self.index,
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
                    "place_links": inline_formset([{"place": self.place.pk}]),
                    "milestones": inline_formset(
                        [
                            {
                                "date": "2022-08-01",
                                "precision": "month",
                                "description": "Four directors appointed.",
                            }
                        ]
                    ),
                    "change_notes": inline_formset(
                        [{"date": "2022-07-27", "note": "Decision made."}]
                    ),
                    "related_faq_page": self.faq.pk,
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
                                            "value": self.question.pk,
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
        assert [link.place_id for link in page.place_links.all()] == [self.place.pk]
        assert page.timeline[0].display_date == "August 2022"
        assert page.related_questions[0].value["questions"][0] == self.question
        html = self.client.get(page.url).content.decode()
        assert "Being implemented" in html
        assert f'href="{self.place.url}">Blackpool</a>' in html
        assert [place.pk for place in page.places] == [self.place.pk]
        assert "What are the four places?" in html

    def test_places_affected_must_be_place_pages(self):
        not_a_place = ContentPageFactory(parent=self.home, title="Not a place")
        response = self.client.post(
            f"/admin/pages/add/decisions/boarddecisionpage/{self.index.pk}/",
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
        assert "Choose a place-based partnership page." in response.content.decode()
        assert not BoardDecisionPage.objects.filter(slug="a-decision").exists()

    def test_superseded_needs_its_replacement_and_vice_versa(self):
        url = f"/admin/pages/add/decisions/boarddecisionpage/{self.index.pk}/"
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
        response = self.client.post(url, nested_form_data({**base, "status": "superseded"}))
        assert response.status_code == 200
        assert "a superseded decision must link to its replacement" in response.content.decode()

        response = self.client.post(
            url, nested_form_data({**base, "status": "agreed", "superseded_by": self.decision.pk})
        )
        assert response.status_code == 200
        assert "Set the status to “Superseded”" in response.content.decode()

        response = self.client.post(
            url, nested_form_data({**base, "status": "superseded", "superseded_by": self.faq.pk})
        )
        assert "Choose a board decision page." in response.content.decode()
        assert not BoardDecisionPage.objects.filter(slug="old").exists()

        response = self.client.post(
            url,
            nested_form_data({**base, "status": "superseded", "superseded_by": self.decision.pk}),
        )
        assert response.status_code == 302
        assert BoardDecisionPage.objects.get(slug="old").superseded_by_id == self.decision.pk

    def test_question_snippet_created_through_the_admin_gets_a_slug(self):
        response = self.client.post(
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
