"""Core page types: they render, editors can create them through the admin
form, and the page tree only allows the intended parents and children."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import ContentPage, HomePage


@pytest.fixture
def content(home):
    return ContentPageFactory(parent=home, title="What is a place?")


def test_pages_render(page_checks, home, content):
    page_checks.assertPageIsRenderable(home)
    page_checks.assertPageIsRenderable(content)


def test_pages_are_editable_and_previewable(page_checks, content):
    data = nested_form_data(
        {
            "title": content.title,
            "slug": content.slug,
            "summary": content.summary,
            "body": streamfield([("rich_text", rich_text("<p>Edited.</p>"))]),
        }
    )
    page_checks.assertPageIsEditable(content, post_data=data)
    page_checks.assertPageIsPreviewable(content, post_data=data)


def test_home_page_only_at_the_root(page_checks):
    page_checks.assertAllowedParentPageTypes(HomePage, {Page})
    page_checks.assertCanNotCreateAt(HomePage, HomePage)


def test_content_page_parents_and_children(page_checks):
    from decisions.models import FAQPage

    page_checks.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
    page_checks.assertAllowedSubpageTypes(ContentPage, {ContentPage, FAQPage})


def test_content_page_created_through_the_admin_form(page_checks, home):
    page_checks.assertCanCreate(
        home,
        ContentPage,
        nested_form_data(
            {
                "title": "Next steps",
                "slug": "next-steps",
                "summary": "What happens next.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Keeping you informed", "level": "2"}),
                        ("rich_text", rich_text("<p>We will keep you informed.</p>")),
                    ]
                ),
            }
        ),
    )
    page = ContentPage.objects.get(slug="next-steps")
    assert page.live
    assert page.body[0].value["text"] == "Keeping you informed"


@pytest.mark.django_db
def test_content_page_shows_title_summary_body_and_breadcrumbs(client, home):
    page = ContentPageFactory(
        parent=home,
        title="Core aims",
        summary="The four core aims.",
        body=[
            ("heading", {"text": "Aims", "level": "2"}),
            (
                "aims_list",
                {"style": "number", "items": ["Improve health and wellbeing."], "introduction": ""},
            ),
            (
                "quote",
                {"quote": "Every area is different", "citation": "NHSEI", "citation_url": ""},
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>Core aims</h1>" in html
    assert '<p class="nhsuk-lede-text">The four core aims.</p>' in html
    assert (
        '<ol class="nhsuk-list nhsuk-list--number"><li>Improve health and wellbeing.</li>' in html
    )
    assert "“Every area is different”" in html
    assert 'class="nhsuk-breadcrumb"' in html
    assert ">Home</a>" in html


@pytest.mark.django_db
def test_being_reviewed_notice_and_review_dates_shown(client, home):
    import datetime

    page = ContentPageFactory(
        parent=home,
        being_reviewed=True,
        last_reviewed=datetime.date(2022, 8, 5),
        next_review_due=datetime.date(2023, 2, 5),
    )
    html = client.get(page.url).content.decode()
    assert "This information is being reviewed and will be updated." in html
    assert "Page last reviewed: 5 August 2022" in html
    assert "Next review due: 5 February 2023" in html

    page.being_reviewed = False
    page.save_revision().publish()
    assert "being reviewed" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_next_review_cannot_precede_last_review(home):
    import datetime

    from django.core.exceptions import ValidationError

    page = ContentPageFactory(parent=home)
    page.last_reviewed = datetime.date(2022, 8, 5)
    page.next_review_due = datetime.date(2022, 8, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "next_review_due" in error.value.message_dict
